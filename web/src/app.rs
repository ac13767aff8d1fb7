//! The app: owns the reducer, builds the callbacks, wires the effects. The only component that sees the whole state.

use std::rc::Rc;

use chartplay_core::share::SharedState;
use chartplay_core::Error;
use yew::prelude::*;

use crate::components::chart_picker::ChartPicker;
use crate::components::command_menu::CommandMenu;
use crate::components::file_tabs::{tab_id, FileTabs, PANEL_ID};
use crate::components::history_menu::HistoryMenu;
use crate::components::notice_bar::NoticeBar;
use crate::components::output_panel::OutputPanel;
use crate::components::problems::Problems;
use crate::components::release_controls::ReleaseControls;
use crate::components::share_button::ShareButton;
use crate::components::values_editor::ValuesEditor;
use crate::draft::{self, Draft, Replaced, Tab};
use crate::hooks::use_autosave::use_autosave;
use crate::hooks::use_copy::use_copy;
use crate::hooks::use_embed_height::use_embed_height;
use crate::services::command::Commands;
use crate::services::editor::{EditorFix, EditorSlot, Marker};
use crate::services::{export, kube_schemas, link, storage};
use crate::state::{startup, Action, Notice, Offer, Panel, State};

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
        let saved = |chart: &str| if mode.embed { None } else { storage::load_work(chart) };
        let last_chart = if mode.embed { None } else { storage::last_chart() };
        State::new(charts.clone(), startup(&charts, (*props.link).clone(), last_chart, saved, draft::now()))
    });
    let editor = use_memo((), |_| EditorSlot::default());
    let share_copy = use_copy();

    use_autosave(!mode.embed, state.chart.clone(), state.work());
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
            let saved = if embed { None } else { storage::load_work(&name) };
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
    let onoffer = {
        let state = state.clone();
        Callback::from(move |offer: Offer| {
            state.dispatch(match offer {
                Offer::OwnDraft => Action::RestoreOwn,
                Offer::Undo => Action::Restore(0),
            })
        })
    };
    let onrestore = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::Restore(index)))
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
            let draft = Draft { flags: String::new(), ..state.draft.clone() };
            let draft = Draft { files: Draft::with_values(state.chart_docs.values.clone()).files, ..draft };
            state.dispatch(Action::ReplaceDraft { draft, by: Replaced::Defaults });
            state.dispatch(Action::ShowPanel(Panel::Manifests));
        })
    };
    let onexample = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let example = Draft::example(&state.chart);
            let draft = Draft { files: example.files, flags: example.flags, ..state.draft.clone() };
            state.dispatch(Action::ReplaceDraft { draft, by: Replaced::Example });
        })
    };
    let onshow = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::ShowDocument(index)))
    };
    let ongoto = {
        let state = state.clone();
        Callback::from(move |(file, line, column): (String, usize, usize)| {
            state.dispatch(Action::GoTo { file, line, column })
        })
    };
    let onselecttab = {
        let state = state.clone();
        Callback::from(move |tab: Tab| state.dispatch(Action::SelectTab(tab)))
    };
    let onaddfile = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::AddFile))
    };
    let onrename = {
        let state = state.clone();
        Callback::from(move |(index, name): (usize, String)| state.dispatch(Action::RenameFile { index, name }))
    };
    let onmove = {
        let state = state.clone();
        Callback::from(move |(index, by): (usize, isize)| state.dispatch(Action::MoveFile { index, by }))
    };
    let onremove = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::RemoveFile(index)))
    };
    let ondownloadfile = {
        let state = state.clone();
        Callback::from(move |index: usize| {
            if let Some(file) = state.draft.files.get(index) {
                export::download(&file.name, &file.text);
            }
        })
    };
    let oncursor = {
        let state = state.clone();
        Callback::from(move |position: u32| state.dispatch(Action::CursorAt(position)))
    };
    let onexplain = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Explain))
    };
    let onchanges = {
        let state = state.clone();
        Callback::from(move |show: bool| state.dispatch(Action::ShowChanges(show)))
    };
    {
        // Explaining the output waits until the page is idle after an edit: typing never pays for it.
        let state = state.clone();
        let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
        use_effect_with((state.generation, state.stale), move |(_, stale)| {
            *timer.borrow_mut() = (!*stale).then(|| {
                let state = state.clone();
                gloo_timers::callback::Timeout::new(300, move || state.dispatch(Action::Explain))
            });
        });
    }
    let onfix = {
        let (editor, state) = (editor.clone(), state.clone());
        Callback::from(move |fix: chartplay_core::Fix| {
            // A fix of another tab waits until that tab is in the editor.
            let Some(tab) = fix.edits.first().and_then(|edit| state.draft.tab_named(&edit.file)) else { return };
            let Some(fix) = EditorFix::new(&fix, state.draft.name(tab), state.draft.text(tab)) else { return };
            if tab == state.tab {
                editor.apply_fix(&fix);
            } else {
                state.dispatch(Action::SelectTab(tab));
                let editor = editor.clone();
                gloo_timers::callback::Timeout::new(0, move || {
                    editor.apply_fix(&fix);
                })
                .forget();
            }
        })
    };
    let oninsert = {
        let (editor, state) = (editor.clone(), state.clone());
        Callback::from(move |(keys, opening): (Vec<String>, crate::placement::Opening)| {
            // A key goes into a values file: the last, when the flags are in the editor.
            if state.tab == Tab::Flags {
                state.dispatch(Action::SelectTab(Tab::File(state.draft.files.len().saturating_sub(1))));
                let editor = editor.clone();
                gloo_timers::callback::Timeout::new(0, move || editor.insert_key(&keys, opening)).forget();
            } else {
                editor.insert_key(&keys, opening);
            }
        })
    };
    let stream: AttrValue = {
        let stream = use_memo(state.output.clone(), |rendered| AttrValue::from(rendered.to_stream()));
        (*stream).clone()
    };
    let ondownload = {
        let (stream, state) = (stream.clone(), state.clone());
        Callback::from(move |()| {
            let release = chartplay_core::RenderOptions::from_settings(&state.draft.release_name, "", "").release_name;
            export::download(&format!("{release}-{}.yaml", state.chart), &stream);
        })
    };

    let (tab_name, tab_text) = (state.draft.name(state.tab), state.draft.text(state.tab));
    let markers: Vec<Marker> = state
        .diagnostics
        .iter()
        .filter_map(|d| {
            let location = d.location.as_ref().filter(|l| &*l.file == tab_name && l.line > 0)?;
            Some(Marker {
                line: location.line,
                column: location.column.max(1),
                message: if d.fixes.is_empty() { d.what() } else { d.what_but_help() },
                warning: !d.is_error(),
                fixes: d.fixes.iter().filter_map(|fix| EditorFix::new(fix, tab_name, tab_text)).collect(),
            })
        })
        .collect();
    let notice = state.notice.clone().map(|notice| html! { <NoticeBar {notice} {onoffer} {ondismiss} /> });
    let tabs: Rc<Vec<String>> =
        Rc::new(state.draft.files.iter().map(|file| file.name.clone()).chain([draft::FLAGS_TAB.to_string()]).collect());
    let problems: Rc<Vec<usize>> = Rc::new(
        tabs.iter()
            .map(|tab| {
                state
                    .diagnostics
                    .iter()
                    .filter(|d| d.location.as_ref().is_some_and(|l| *l.file == **tab && l.line > 0))
                    .count()
            })
            .collect(),
    );
    let n_flags =
        chartplay_core::SetFlag::from_lines(&state.draft.flags, draft::FLAGS_TAB).map_or(0, |flags| flags.len());
    // An embed with one values file and no flags needs no tabs.
    let show_tabs = !mode.embed || state.draft.files.len() > 1 || !state.draft.flags.is_empty();
    let file_names = Rc::new(state.draft.files.iter().map(|file| file.name.clone()).collect::<Vec<_>>());
    let doc_ids: Rc<Vec<u64>> = Rc::new(
        (0..state.draft.files.len())
            .map(|index| state.doc_id(Tab::File(index)))
            .chain([state.doc_id(Tab::Flags)])
            .collect(),
    );
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
                        if !mode.embed {
                            <HistoryMenu history={state.history.clone()} {onrestore} />
                            <CommandMenu commands={Commands::new(&state.chart, &state.draft)} />
                        }
                        // An embed shows the documentation's own example: the chart's would replace it.
                        if !mode.read_only && !mode.embed {
                            <button type="button" class="button small ghost" onclick={onexample} title="Replace the values with the chart's example (what it replaces is kept in History)" data-testid="example">{ "Example" }</button>
                        }
                        { for open_link }
                    </div>
                    { for notice }
                    if show_tabs {
                        <FileTabs names={file_names} {n_flags} problems={problems} tab={state.tab} read_only={mode.read_only}
                            onselect={onselecttab} onadd={onaddfile} {onrename} {onmove} ondownload={ondownloadfile} {onremove} />
                    }
                    <div class="values-panel" id={PANEL_ID} role={show_tabs.then_some("tabpanel")}
                        aria-labelledby={show_tabs.then(|| tab_id(state.tab))}>
                        <ValuesEditor slot={(*editor).clone()} text={AttrValue::from(tab_text.to_string())}
                            doc={state.doc_id(state.tab)} docs={doc_ids} yaml={state.tab != Tab::Flags} goto={state.goto}
                            revision={state.values_revision} {markers} help={state.help.clone()} read_only={mode.read_only} {onedit} {oncursor} />
                    </div>
                    <Problems diagnostics={state.diagnostics.clone()} stale={state.stale} tabs={tabs.clone()}
                        timings={state.timings} kube_checked={state.kube_checked} n_docs={state.output.manifests.len()} ongoto={ongoto.clone()} {onshow} {onfix} />
                </section>
                <OutputPanel panel={state.panel} docs={Rc::clone(&state.output)} diagnostics={state.diagnostics.clone()} stale={state.stale} focus={state.focus}
                    chart_docs={state.chart_docs.clone()} {stream} {onpanel} {ondownload} {onusedefaults}
                    explained={state.explained.clone()} focused={state.focused.clone()} previous={state.previous.clone()}
                    baseline={state.baseline.clone()} generation={state.generation} show_changes={state.show_changes}
                    {onchanges} {onexplain} {ongoto} help={state.help.clone()} editable={!mode.read_only} {oninsert} />
            </main>
            if !mode.embed {
                <footer class="footer">
                    { "Rendered in your browser by chartplay-core (WebAssembly): values never leave this page. In the editor, Tab indents; press Esc then Tab to move on." }
                </footer>
            }
        </div>
    }
}
