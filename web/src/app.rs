//! The app: owns the reducer, builds the callbacks, wires the effects. The only component that sees the whole state.

use std::rc::Rc;

use chartplay_core::share::SharedState;
use chartplay_core::Error;
use yew::prelude::*;

use crate::components::chart_picker::ChartPicker;
use crate::components::notice_bar::NoticeBar;
use crate::components::output_panel::OutputPanel;
use crate::components::problems::Problems;
use crate::components::release_controls::ReleaseControls;
use crate::components::share_button::ShareButton;
use crate::components::values_editor::ValuesEditor;
use crate::hooks::use_autosave::use_autosave;
use crate::hooks::use_copy::use_copy;
use crate::hooks::use_embed_height::use_embed_height;
use crate::services::editor::{EditorFix, EditorSlot, Marker};
use crate::services::renderer::VALUES_FILE;
use crate::services::{export, kube_schemas, link, storage};
use crate::state::{startup, Action, Draft, Notice, Panel, State};

/// Props of [`App`].
#[derive(Properties)]
pub struct AppProps {
    /// The state of the share link the page was opened with, if any, read before mounting.
    pub link: Rc<Option<Result<SharedState, Error>>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.link, &other.link)
    }
}

/// The playground.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let mode = use_memo((), |_| link::mode());
    let state = use_reducer(|| {
        let charts: Vec<String> = chartplay_core::builtin_names().into_iter().map(String::from).collect();
        let mode = link::mode();
        // Embedded playgrounds neither read nor write the reader's drafts.
        let saved = |chart: &str| {
            if mode.embed {
                None
            } else {
                storage::load_draft(chart)
            }
        };
        let last_chart = if mode.embed { None } else { storage::last_chart() };
        let start = startup(&charts, (*props.link).clone(), last_chart, saved);
        if let Some(kept) = start.notice.as_ref().and_then(|n| n.restore.as_ref()) {
            // The shared state is about to be autosaved over this draft: keep a copy outside the draft's key too.
            storage::keep_draft(&start.chart, kept);
        }
        State::new(charts, start)
    });
    let editor = use_memo((), |_| EditorSlot::default());
    let share_copy = use_copy();

    use_autosave(!mode.embed, state.chart.clone(), state.draft.clone());
    use_embed_height(mode.embed);
    {
        // Once the user edits, the state has moved on from the link in the address bar: drop it, so a reload
        // shows the autosaved draft rather than the old link.
        let embed = mode.embed;
        use_effect_with(state.edits > 0, move |edited| {
            if *edited && !embed {
                link::clear_fragment();
            }
        });
    }

    {
        // The Kubernetes schema of the selected version arrives after the first render (it is not in the wasm),
        // and after the editor, which the user needs first.
        let state = state.clone();
        use_effect_with(state.kube_schema_needed, move |needed| {
            if let Some(version) = *needed {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = crate::services::editor::ready().await;
                    let text = kube_schemas::fetch(version).await;
                    state.dispatch(Action::KubeSchemaLoaded { version: version.to_string(), text });
                });
            }
        });
    }

    use_effect_with((), |_| {
        let listener = link::reload_on_hash_change();
        move || drop(listener)
    });

    let dispatch = |make: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(make(text)))
    };
    let onedit = dispatch(Action::EditValues);
    let onselect = {
        let state = state.clone();
        let embed = mode.embed;
        Callback::from(move |name: String| {
            let saved = if embed { None } else { storage::load_draft(&name) };
            state.dispatch(Action::SelectChart { name, saved });
        })
    };
    let onshare = {
        let (state, share_copy) = (state.clone(), share_copy.clone());
        Callback::from(move |()| {
            let (state, share_copy, shared) = (state.clone(), share_copy.clone(), state.shared());
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match link::fragment(&shared).await {
                    Ok(fragment) => {
                        link::show_in_address_bar(&fragment);
                        share_copy.copy(link::share_url(&fragment));
                        Notice::info(
                            "The link to this state is in the address bar. Values travel in the part after #, which browsers never send to a server.",
                        )
                    }
                    Err(why) => Notice::error(format!("This browser cannot make a share link: {why}")),
                };
                state.dispatch(Action::Notify(notice));
            });
        })
    };
    let onrestore = {
        let state = state.clone();
        Callback::from(move |draft: Draft| state.dispatch(Action::ReplaceDraft(draft)))
    };
    let ondismiss = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::DismissNotice))
    };
    let onpanel = {
        let state = state.clone();
        Callback::from(move |panel: Panel| state.dispatch(Action::ShowPanel(panel)))
    };
    let onusedefaults = {
        let state = state.clone();
        Callback::from(move |()| {
            let draft = Draft { values: state.chart_docs.values.clone(), ..state.draft.clone() };
            state.dispatch(Action::ReplaceDraft(draft));
            state.dispatch(Action::ShowPanel(Panel::Manifests));
        })
    };
    let onexample = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let draft = Draft { values: crate::examples::values_for(&state.chart).to_string(), ..state.draft.clone() };
            state.dispatch(Action::ReplaceDraft(draft));
        })
    };
    let onshow = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::ShowDocument(index)))
    };
    let ongoto = {
        let editor = editor.clone();
        Callback::from(move |(line, column): (usize, usize)| editor.go_to(line, column))
    };
    let onfix = {
        let (editor, state) = (editor.clone(), state.clone());
        Callback::from(move |fix: chartplay_core::Fix| {
            if let Some(fix) = EditorFix::new(&fix, VALUES_FILE, &state.draft.values) {
                editor.apply_fix(&fix);
            }
        })
    };
    let oninsert = {
        let editor = editor.clone();
        Callback::from(move |(keys, opening): (Vec<String>, crate::placement::Opening)| {
            editor.insert_key(&keys, opening)
        })
    };
    let stream: AttrValue = {
        let stream = use_memo(state.output.clone(), |rendered| AttrValue::from(rendered.to_stream()));
        (*stream).clone()
    };
    let ondownload = {
        let (stream, state) = (stream.clone(), state.clone());
        Callback::from(move |()| {
            let release = crate::services::renderer::inputs(&state.draft).options.release_name;
            export::download(&format!("{release}-{}.yaml", state.chart), &stream);
        })
    };

    let markers: Vec<Marker> = state
        .diagnostics
        .iter()
        .filter_map(|d| {
            let location = d.location.as_ref().filter(|l| &*l.file == VALUES_FILE && l.line > 0)?;
            Some(Marker {
                line: location.line,
                column: location.column.max(1),
                message: if d.fixes.is_empty() { d.what() } else { d.what_but_help() },
                warning: !d.is_error(),
                fixes: d.fixes.iter().filter_map(|fix| EditorFix::new(fix, VALUES_FILE, &state.draft.values)).collect(),
            })
        })
        .collect();
    let notice = state.notice.clone().map(|notice| html! { <NoticeBar {notice} {onrestore} {ondismiss} /> });
    // An embedded playground links to the full one with its current state; the link is deflated by the browser,
    // so it follows the state a moment later (and only the latest state's link is kept).
    let open_href = use_state(|| None::<String>);
    let open_requests = use_mut_ref(|| 0_u64);
    {
        let (open_href, open_requests) = (open_href.clone(), open_requests.clone());
        use_effect_with(mode.embed.then(|| state.shared()), move |shared| {
            if let Some(shared) = shared.clone() {
                *open_requests.borrow_mut() += 1;
                let request = *open_requests.borrow();
                wasm_bindgen_futures::spawn_local(async move {
                    let href = link::fragment(&shared).await.ok().map(|fragment| link::share_url(&fragment));
                    if *open_requests.borrow() == request {
                        open_href.set(href);
                    }
                });
            }
        });
    }
    let open_link = (*open_href).clone().map(|href| {
        html! { <a class="button small" href={href} target="_blank" rel="noopener" data-testid="open-playground">{ "Open in playground ↗" }</a> }
    });
    let share_label = match share_copy.status() {
        Some(true) => "Link copied",
        _ => "",
    };

    html! {
        <div class={classes!("app", mode.embed.then_some("embed"))}>
            if !mode.embed {
                <header class="header" data-testid="header">
                    <h1 class="brand">{ "chartplay" }</h1>
                    <div class="controls">
                        <ChartPicker charts={state.charts.clone()} selected={state.chart.clone()} {onselect} />
                        <ReleaseControls
                            release_name={state.draft.release_name.clone()}
                            namespace={state.draft.namespace.clone()}
                            kube_version={state.draft.kube_version.clone()}
                            onrelease={dispatch(Action::SetReleaseName)}
                            onnamespace={dispatch(Action::SetNamespace)}
                            onkube={dispatch(Action::SetKubeVersion)} />
                    </div>
                    <div class="actions">
                        <span class="share-status" aria-live="polite">{ share_label }</span>
                        <ShareButton {onshare} />
                    </div>
                </header>
            }
            <main class="main">
                <section class="pane editor-pane" aria-label="Values">
                    <div class="pane-head">
                        <span class="pane-title">{ if mode.embed { format!("{} values", state.chart) } else { "Values".to_string() } }</span>
                        <span class="spacer"></span>
                        // An embed shows the documentation's own example: the chart's would replace it.
                        if !mode.read_only && !mode.embed {
                            <button type="button" class="button small ghost" onclick={onexample} title="Replace the values with the chart's example (undo with Ctrl+Z)">{ "Example" }</button>
                        }
                        { for open_link }
                    </div>
                    { for notice }
                    <ValuesEditor slot={(*editor).clone()} text={AttrValue::from(state.draft.values.clone())}
                        revision={state.values_revision} {markers} help={state.help.clone()} read_only={mode.read_only} {onedit} />
                    <Problems diagnostics={state.diagnostics.clone()} stale={state.stale} values_file={VALUES_FILE}
                        timings={state.timings} kube_checked={state.kube_checked} n_docs={state.output.manifests.len()} {ongoto} {onshow} {onfix} />
                </section>
                <OutputPanel panel={state.panel} docs={Rc::clone(&state.output)} diagnostics={state.diagnostics.clone()} stale={state.stale} focus={state.focus}
                    chart_docs={state.chart_docs.clone()} {stream} {onpanel} {ondownload} {onusedefaults}
                    help={state.help.clone()} editable={!mode.read_only} {oninsert} />
            </main>
            if !mode.embed {
                <footer class="footer">
                    { "Rendered in your browser by chartplay-core (WebAssembly): values never leave this page. In the editor, Tab indents; press Esc then Tab to move on." }
                </footer>
            }
        </div>
    }
}
