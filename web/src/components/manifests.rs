//! The Manifests panel: the rendered objects as cards, explained and compared.
//!
//! - **Explain**: pointing at a line (or selecting it, with the mouse or Up/Down in a focused card) says in the
//!   bar above the cards which values made it and where they come from, with a button to go there (the line in
//!   the editor, or the key in Default values). The output is explained when the page is idle after an edit.
//! - **Values → output**: the lines the value at the editor's cursor produced are highlighted in every card, the
//!   first scrolled into view, and the bar says how many there are, or why there are none.
//! - **Changes**: with the toggle on, lines new since the output the page was opened with are marked, with the
//!   objects added and removed; whatever the toggle, the lines the last edit changed flash briefly.

use std::rc::Rc;

use chartplay_core::diff::{lines, pair, LineChange};
use chartplay_core::{Diagnostic, Origin, Rendered, ValuePath};
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::manifest_view::ManifestView;
use crate::components::yaml_view::LineMark;
use crate::services::explain::{Focused, Source};
use crate::services::renderer::Explained;
use crate::state::Focus;

/// Props of [`ManifestsPanel`].
#[derive(PartialEq, Properties)]
pub struct ManifestsPanelProps {
    /// The last good render.
    pub docs: Rc<Rendered>,
    /// What the pipeline found; a card shows the Kubernetes problems of its object.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Whether `docs` is older than the current values.
    pub stale: bool,
    /// The card to bring into view, if one was asked for.
    pub focus: Option<Focus>,
    /// The `helm template` stream of `docs`, for copy all and download.
    pub stream: AttrValue,
    /// The output explained, once it is.
    pub explained: Option<Rc<Explained>>,
    /// The value at the editor's cursor and what it produced.
    pub focused: Option<Rc<Focused>>,
    /// The output before the last change, to flash the lines an edit changed.
    pub previous: Rc<Rendered>,
    /// The output the page was opened with, for the Changes view.
    pub baseline: Rc<Rendered>,
    /// Counts outputs.
    pub generation: u64,
    /// Whether the Changes view is on.
    pub show_changes: bool,
    /// Turns the Changes view on or off.
    pub onchanges: Callback<bool>,
    /// Asks for the output to be explained.
    pub onexplain: Callback<()>,
    /// Puts the editor's cursor at a tab's 1-based line and column.
    pub ongoto: Callback<(String, usize, usize)>,
    /// Shows the chart's default of a value.
    pub ondefault: Callback<ValuePath>,
    /// Called to download the stream.
    pub ondownload: Callback<()>,
}

/// What the cards show besides the text: marks of each manifest's lines, what the Changes view says of each object
/// (`new`, `+1 −1 lines`), and the objects removed since the page opened.
struct Marked {
    lines: Vec<Rc<Vec<LineMark>>>,
    badges: Vec<Option<AttrValue>>,
    removed: Vec<String>,
}

fn marks(props: &ManifestsPanelProps) -> Marked {
    let docs = &props.docs.manifests;
    let mut marks: Vec<Vec<LineMark>> =
        docs.iter().map(|m| vec![LineMark::default(); m.text.split('\n').count()]).collect();
    if let Some(explained) = &props.explained {
        for (manifest, lines) in explained.explanation.manifests.iter().enumerate() {
            for (line, sources) in lines.lines.iter().enumerate() {
                if let Some(mark) = marks.get_mut(manifest).and_then(|m| m.get_mut(line)) {
                    mark.traced = !sources.is_empty();
                }
            }
        }
    }
    for (manifest, lines) in props.focused.iter().filter_map(|f| f.lines.as_ref()).flatten() {
        for line in lines {
            if let Some(mark) = marks.get_mut(*manifest).and_then(|m| m.get_mut(*line)) {
                mark.focused = true;
            }
        }
    }
    let index_of = |manifest: &chartplay_core::Manifest| docs.iter().position(|m| std::ptr::eq(m, manifest));
    // Lines the last edit changed.
    if !props.previous.manifests.is_empty() {
        for (old, new) in pair(&props.previous, &props.docs) {
            let Some(index) = new.and_then(index_of) else { continue };
            let (changes, _) = lines(old.map_or("", |m| m.text.as_str()), &docs[index].text);
            for (mark, change) in marks[index].iter_mut().zip(changes) {
                if change == LineChange::Added {
                    mark.flash = Some(props.generation);
                }
            }
        }
    }
    // Lines new since the page opened.
    let mut badges = vec![None; docs.len()];
    let mut removed = Vec::new();
    if props.show_changes {
        for (old, new) in pair(&props.baseline, &props.docs) {
            match (old, new.and_then(index_of)) {
                (Some(old), None) => removed.push(chartplay_core::diff::object_name(old)),
                (old, Some(index)) => {
                    let (changes, gone) = lines(old.map_or("", |m| m.text.as_str()), &docs[index].text);
                    for (mark, change) in marks[index].iter_mut().zip(&changes) {
                        mark.added = *change == LineChange::Added;
                    }
                    let added = changes.iter().filter(|c| **c == LineChange::Added).count();
                    badges[index] = match (old, added, gone) {
                        (None, _, _) => Some(AttrValue::from("new")),
                        (Some(_), 0, 0) => None,
                        (Some(_), added, gone) => Some(AttrValue::from(format!("+{added} −{gone} lines"))),
                    };
                }
                (None, None) => {}
            }
        }
    }
    Marked { lines: marks.into_iter().map(Rc::new).collect(), badges, removed }
}

/// Where in the editor's tabs `origin` is written (a values file's line or a line of the flags panel).
fn in_editor(origin: &Origin) -> Option<(String, usize, usize)> {
    match origin {
        Origin::File(location) | Origin::Flag(location) if location.line > 0 => {
            Some((location.file.to_string(), location.line, location.column.max(1)))
        }
        _ => None,
    }
}

/// One source in words, with a button to where it is written.
fn source(props: &ManifestsPanelProps, source: &Source) -> Html {
    let value = source.value.to_string();
    let place = match (&source.origin, in_editor(&source.origin)) {
        (_, Some(place)) => {
            let (label, ongoto) = (source.origin_label(), props.ongoto.clone());
            html! {
                <button type="button" class="place" data-testid="explain-goto"
                    onclick={Callback::from(move |_: MouseEvent| ongoto.emit(place.clone()))}>
                    { label }
                </button>
            }
        }
        (Origin::Default, _) => {
            let (ondefault, path) = (props.ondefault.clone(), source.value.clone());
            html! {
                <button type="button" class="place" data-testid="explain-default"
                    onclick={Callback::from(move |_: MouseEvent| ondefault.emit(path.clone()))}>
                    { "chart default" }
                </button>
            }
        }
        _ => html! { <span class="place">{ source.origin_label() }</span> },
    };
    html! { <span class="source"><code>{ value }</code>{ " ← " }{ place }</span> }
}

/// The Manifests panel.
#[function_component]
pub fn ManifestsPanel(props: &ManifestsPanelProps) -> Html {
    // The line explained: the last one pointed at or selected (it stays when the pointer leaves, so that the bar's
    // buttons can be reached); and the selected one, outlined.
    let current = use_state(|| None::<(usize, usize)>);
    let selected = use_state(|| None::<(usize, usize)>);
    let Marked { lines: marks, badges, removed } = marks(props);
    {
        // The first line the value at the cursor produced comes into view.
        let first = props.focused.as_ref().and_then(|f| f.lines.as_ref()).and_then(|l| l.first().cloned());
        use_effect_with(first, |first| {
            if first.is_some() {
                let element = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("[data-testid=output] .focused-line").ok().flatten());
                if let Some(element) = element {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    element.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        });
    }
    let line = *current;
    {
        // Explaining is usually done by then (the app asks when idle); if not, ask now.
        let (waiting, onexplain) =
            (line.is_some() && props.explained.is_none() && !props.stale, props.onexplain.clone());
        use_effect_with(waiting, move |waiting| {
            if *waiting {
                onexplain.emit(());
            }
        });
    }
    // The value at the editor's cursor speaks when it moves.
    {
        let (current, focused) = (current.clone(), props.focused.as_ref().map(|f| f.path.clone()));
        use_effect_with(focused, move |_| current.set(None));
    }
    let explain_bar = match (line, &props.explained, &props.focused) {
        (Some((manifest, line)), Some(explained), _) => {
            let doc = props.docs.manifests.get(manifest);
            let object = doc.map(chartplay_core::diff::object_name).unwrap_or_default();
            let field =
                explained.explanation.manifests.get(manifest).and_then(|m| m.fields.get(line).cloned().flatten());
            let sources = explained.explanation.line(manifest, line);
            html! {
                <>
                    <span class="object">{ object }</span>
                    if let Some(field) = field { <code class="field-path">{ format!(":{field}") }</code> }
                    { " " }
                    if sources.is_empty() {
                        <span class="source">{ "the chart's own text" }</span>
                    } else {
                        { for sources.iter().map(|s| source(props, s)) }
                    }
                </>
            }
        }
        (Some(_), None, _) => html! { <span class="hint">{ "explaining…" }</span> },
        (None, _, Some(focused)) => html! { <span class="focused-summary">{ focused.summary() }</span> },
        (None, _, None) => html! {
            <span class="hint">{ "Point at a line to see which value made it; put the editor's cursor on a key to see its lines." }</span>
        },
    };
    let empty = props.docs.manifests.is_empty().then(|| html! {
        <p class="empty">{ if props.stale { "Nothing rendered yet: fix the problem under the editor." } else { "The chart rendered no manifests for these values." } }</p>
    });
    let onchanges = {
        let (on, show) = (props.onchanges.clone(), props.show_changes);
        Callback::from(move |_: MouseEvent| on.emit(!show))
    };
    html! {
        <>
            <div class="toolbar">
                if props.stale {
                    <span class="stale-badge" data-testid="stale" title="The values have a problem; this is the last output that rendered">{ "stale" }</span>
                }
                <button type="button" class={classes!("button", "small", props.show_changes.then_some("on"))}
                    aria-pressed={props.show_changes.to_string()} onclick={onchanges} data-testid="changes-toggle"
                    title="Mark what changed since the page was opened">
                    { "Changes" }
                </button>
                <span class="spacer"></span>
                <CopyButton text={props.stream.clone()} label="Copy all" />
                <button type="button" class="button small" onclick={props.ondownload.reform(|_: MouseEvent| ())}>{ "Download .yaml" }</button>
            </div>
            <div class="explain-bar" role="status" aria-live="polite" data-testid="explain">{ explain_bar }</div>
            <div class={classes!("cards", props.stale.then_some("is-stale"))} data-testid="output">
                { for empty }
                { for props.docs.manifests.iter().enumerate().map(|(index, doc)| {
                    let issues: Vec<Diagnostic> = props.diagnostics.iter()
                        .filter(|d| d.field.as_ref().is_some_and(|f| f.document == index))
                        .cloned()
                        .collect();
                    let onhover = {
                        let current = current.clone();
                        Callback::from(move |line: Option<usize>| {
                            if let Some(line) = line.filter(|line| *current != Some((index, *line))) {
                                current.set(Some((index, line)));
                            }
                        })
                    };
                    let onselect = {
                        let (current, selected) = (current.clone(), selected.clone());
                        Callback::from(move |line: usize| {
                            current.set(Some((index, line)));
                            selected.set(Some((index, line)));
                        })
                    };
                    let onactivate = {
                        let (explained, ongoto, ondefault) = (props.explained.clone(), props.ongoto.clone(), props.ondefault.clone());
                        Callback::from(move |line: usize| {
                            let Some(explained) = &explained else { return };
                            let sources = explained.explanation.line(index, line);
                            match sources.first().map(|s| (&s.origin, &s.value)) {
                                Some((Origin::Default, value)) => ondefault.emit(value.clone()),
                                Some((origin, _)) => {
                                    if let Some(place) = in_editor(origin) {
                                        ongoto.emit(place);
                                    }
                                }
                                None => {}
                            }
                        })
                    };
                    let selected_line = selected.filter(|(manifest, _)| *manifest == index).map(|(_, line)| line);
                    html! {
                        <ManifestView key={format!("{index}:{}:{}", doc.kind, doc.source)} doc={Rc::new(doc.clone())}
                            issues={Rc::new(issues)}
                            focus={props.focus.filter(|focus| focus.index == index).map(|focus| focus.serial)}
                            marks={marks.get(index).cloned()} selected={selected_line} change={badges[index].clone()}
                            {onhover} {onselect} {onactivate} />
                    }
                }) }
                if !removed.is_empty() {
                    <p class="removed" data-testid="removed">{ format!("Removed since the page was opened: {}", removed.join(", ")) }</p>
                }
            </div>
        </>
    }
}
