//! The right-hand pane: tabs for the manifests, the chart's default values and its README, with copy-all and
//! download for the manifests.

use std::rc::Rc;

use yew::prelude::*;

use chartplay_core::{Diagnostic, Rendered, ValuePath};

use crate::components::copy_button::CopyButton;
use crate::components::manifests::ManifestsPanel;
use crate::components::yaml_view::{LineMark, YamlView};
use crate::services::explain::Focused;
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
    /// Puts the editor's cursor at a 1-based line and column of the values.
    pub ongoto: Callback<(String, usize, usize)>,
}

/// The output pane.
#[function_component]
pub fn OutputPanel(props: &OutputPanelProps) -> Html {
    let tab = |panel: Panel, label: String| {
        let onclick = props.onpanel.reform(move |_: MouseEvent| panel);
        let selected = props.panel == panel;
        html! {
            <button type="button" role="tab" class="tab" aria-selected={selected.to_string()} {onclick}>{ label }</button>
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
                <div class="doc-view"><YamlView text={props.chart_docs.values.clone()} marks={default_marks} /></div>
            </>
        },
        Panel::Readme => html! {
            <div class="doc-view readme">
                <pre>{ props.chart_docs.readme.clone().unwrap_or_else(|| "This chart has no README.".into()) }</pre>
            </div>
        },
    };
    html! {
        <section class="pane output-pane" aria-label="Output">
            <div class="tabs" role="tablist">
                { tab(Panel::Manifests, format!("Manifests ({})", props.docs.manifests.len())) }
                { tab(Panel::Defaults, "Default values".into()) }
                { tab(Panel::Readme, "README".into()) }
            </div>
            <div class="pane-body" role="tabpanel">{ body }</div>
        </section>
    }
}
