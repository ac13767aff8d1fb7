//! The right-hand pane: tabs for the manifests, the chart's default values and the values browser with the
//! README, with copy-all and download for the manifests.
//!
//! The tabs follow the WAI-ARIA tabs pattern: one tab stop (the selected tab), Left/Right/Home/End move between
//! tabs and select them, and the panel, labelled by its tab, takes focus so a keyboard can scroll it.

use std::rc::Rc;

use yew::prelude::*;

use chartplay_core::{Diagnostic, Rendered};

use crate::components::copy_button::CopyButton;
use crate::components::manifest_view::ManifestView;
use crate::components::values_browser::ValuesBrowser;
use crate::components::yaml_view::YamlView;
use crate::placement::Opening;
use crate::services::help::Help;
use crate::services::renderer::ChartDocs;
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
    let body = match props.panel {
        Panel::Manifests => {
            let empty = props.docs.manifests.is_empty().then(|| html! {
                <p class="empty">{ if props.stale { "Nothing rendered yet: fix the problem under the editor." } else { "The chart rendered no manifests for these values." } }</p>
            });
            html! {
                <>
                    <div class="toolbar">
                        if props.stale {
                            <span class="stale-badge" data-testid="stale" title="The values have a problem; this is the last output that rendered">{ "stale" }</span>
                        }
                        <span class="spacer"></span>
                        <CopyButton text={props.stream.clone()} label="Copy all" />
                        <button type="button" class="button small" onclick={props.ondownload.reform(|_: MouseEvent| ())}>{ "Download .yaml" }</button>
                    </div>
                    <div class={classes!("cards", props.stale.then_some("is-stale"))} data-testid="output">
                        { for empty }
                        { for props.docs.manifests.iter().enumerate().map(|(index, doc)| {
                            let issues: Vec<Diagnostic> = props.diagnostics.iter()
                                .filter(|d| d.field.as_ref().is_some_and(|f| f.document == index))
                                .cloned()
                                .collect();
                            html! {
                                <ManifestView key={format!("{index}:{}:{}", doc.kind, doc.source)} doc={Rc::new(doc.clone())}
                                    issues={Rc::new(issues)}
                                    focus={props.focus.filter(|focus| focus.index == index).map(|focus| focus.serial)} />
                            }
                        }) }
                    </div>
                </>
            }
        }
        Panel::Defaults => html! {
            <>
                <div class="toolbar">
                    <span class="hint">{ "The chart's values.yaml: every value you can set, with its default" }</span>
                    <span class="spacer"></span>
                    <CopyButton text={props.chart_docs.values.clone()} />
                    <button type="button" class="button small" onclick={props.onusedefaults.reform(|_: MouseEvent| ())}>{ "Edit a copy" }</button>
                </div>
                <div class="doc-view"><YamlView text={props.chart_docs.values.clone()} label="The chart's values.yaml" /></div>
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
