//! The right-hand pane: tabs for the manifests, the chart's default values and the values browser with the
//! README, with copy-all and download for the manifests.
//!
//! The tabs follow the WAI-ARIA tabs pattern: one tab stop (the selected tab), Left/Right/Home/End move between
//! tabs and select them, and the panel, labelled by its tab, takes focus so a keyboard can scroll it.

use std::rc::Rc;

use yew::prelude::*;

use chartplay_core::{Diagnostic, Rendered, ValuePath};

use crate::components::copy_button::CopyButton;
use crate::components::manifests::ManifestsPanel;
use crate::components::values_browser::ValuesBrowser;
use crate::components::yaml_view::{LineMark, YamlView};
use crate::placement::Opening;
use crate::services::explain::Focused;
use crate::services::help::Help;
use crate::services::renderer::{ChartDocs, Explained};
use crate::state::{Focus, Panel};

/// Props of [`OutputPanel`].
#[derive(PartialEq, Properties)]
pub struct OutputPanelProps {
    /// The panel shown.
    pub panel: Panel,
    /// The last good render.
    pub docs: Rc<Rendered>,
    /// What the pipeline found; a card shows the Kubernetes problems of its object.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Whether `docs` is older than the current values.
    pub stale: bool,
    /// The card to bring into view, if one was asked for.
    pub focus: Option<Focus>,
    /// The chart's default values and README.
    pub chart_docs: Rc<ChartDocs>,
    /// The `helm template` stream of `docs`, for copy all and download.
    pub stream: AttrValue,
    /// Called to switch panels.
    pub onpanel: Callback<Panel>,
    /// Called to download the stream.
    pub ondownload: Callback<()>,
    /// Called to put the chart's defaults in the editor.
    pub onusedefaults: Callback<()>,
    /// The output explained, once it is.
    pub explained: Option<Rc<Explained>>,
    /// The value at the editor's cursor and what it produced.
    pub focused: Option<Rc<Focused>>,
    /// The output before the last change.
    pub previous: Rc<Rendered>,
    /// The output the page was opened with.
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
    /// The chart's schema and keys, for the values browser.
    pub help: Help,
    /// Whether the values can be edited (the values browser then offers "Insert").
    pub editable: bool,
    /// Writes a key into the values (from the values browser).
    pub oninsert: Callback<(Vec<String>, Opening)>,
}

/// The tabs in order, with their element ids.
const TABS: [(Panel, &str); 3] =
    [(Panel::Manifests, "tab-manifests"), (Panel::Defaults, "tab-defaults"), (Panel::Readme, "tab-values")];

/// The output pane.
#[function_component]
pub fn OutputPanel(props: &OutputPanelProps) -> Html {
    let tab_refs: [NodeRef; 3] = [use_node_ref(), use_node_ref(), use_node_ref()];
    let onkeydown = {
        let (onpanel, tab_refs, selected) = (props.onpanel.clone(), tab_refs.clone(), props.panel);
        Callback::from(move |event: KeyboardEvent| {
            let at = TABS.iter().position(|(panel, _)| *panel == selected).unwrap_or(0);
            let next = match event.key().as_str() {
                "ArrowRight" => (at + 1) % TABS.len(),
                "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            event.prevent_default();
            if let Some(tab) = tab_refs[next].cast::<web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
            onpanel.emit(TABS[next].0);
        })
    };
    let tab = |index: usize, label: String| {
        let (panel, id) = TABS[index];
        let onclick = props.onpanel.reform(move |_: MouseEvent| panel);
        let selected = props.panel == panel;
        html! {
            <button type="button" role="tab" class="tab" {id} ref={tab_refs[index].clone()}
                aria-selected={selected.to_string()} aria-controls="output-tabpanel"
                tabindex={if selected { "0" } else { "-1" }} {onclick}>{ label }</button>
        }
    };
    // A default shown from an explained line: its key in the chart's values.yaml, highlighted and in view.
    let default_line = use_state(|| None::<usize>);
    let ondefault = {
        let (default_line, onpanel, text) =
            (default_line.clone(), props.onpanel.clone(), props.chart_docs.values.clone());
        Callback::from(move |path: ValuePath| {
            let spans = chartplay_core::yaml::read::read(&text, "values.yaml").map(|d| d.spans).unwrap_or_default();
            default_line.set(spans.locate(&path).map(|location| location.line.saturating_sub(1)));
            onpanel.emit(Panel::Defaults);
        })
    };
    let default_marks = (*default_line).map(|line| {
        let mut marks = vec![LineMark::default(); props.chart_docs.values.split('\n').count()];
        if let Some(mark) = marks.get_mut(line) {
            mark.focused = true;
        }
        Rc::new(marks)
    });
    {
        let line = *default_line;
        use_effect_with((line, props.panel), |(line, panel)| {
            if line.is_some() && *panel == Panel::Defaults {
                let element = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".doc-view .focused-line").ok().flatten());
                if let Some(element) = element {
                    element.scroll_into_view();
                }
            }
        });
    }
    let body = match props.panel {
        Panel::Manifests => html! {
            <ManifestsPanel docs={props.docs.clone()} diagnostics={props.diagnostics.clone()} stale={props.stale}
                focus={props.focus} stream={props.stream.clone()} explained={props.explained.clone()}
                focused={props.focused.clone()} previous={props.previous.clone()} baseline={props.baseline.clone()}
                generation={props.generation} show_changes={props.show_changes} onchanges={props.onchanges.clone()}
                onexplain={props.onexplain.clone()} ongoto={props.ongoto.clone()} ondefault={ondefault}
                ondownload={props.ondownload.clone()} />
        },
        Panel::Defaults => html! {
            <>
                <div class="toolbar">
                    <span class="hint">{ "The chart's values.yaml: every value you can set, with its default" }</span>
                    <span class="spacer"></span>
                    <CopyButton text={props.chart_docs.values.clone()} />
                    <button type="button" class="button small" onclick={props.onusedefaults.reform(|_: MouseEvent| ())}>{ "Edit a copy" }</button>
                </div>
                <div class="doc-view"><YamlView text={props.chart_docs.values.clone()} marks={default_marks} label="The chart's values.yaml" /></div>
            </>
        },
        Panel::Readme => html! {
            <ValuesBrowser help={props.help.clone()} readme={props.chart_docs.readme.clone().map(AttrValue::from)}
                editable={props.editable} oninsert={props.oninsert.clone()} />
        },
    };
    html! {
        <section class="pane output-pane" aria-label="Output">
            <div class="tabs" role="tablist" aria-label="Output" {onkeydown}>
                { tab(0, format!("Manifests ({})", props.docs.manifests.len())) }
                { tab(1, "Default values".into()) }
                { tab(2, "Values & README".into()) }
            </div>
            <div class="pane-body" role="tabpanel" id="output-tabpanel" tabindex="0"
                aria-labelledby={TABS.iter().find(|(panel, _)| *panel == props.panel).map_or("tab-manifests", |(_, id)| *id)}>
                { body }
            </div>
        </section>
    }
}
