//! The right-hand pane: tabs for the manifests, the chart's default values and its README, with copy-all and
//! download for the manifests.

use std::rc::Rc;

use yew::prelude::*;

use chartplay_core::{Diagnostic, Rendered};

use crate::components::copy_button::CopyButton;
use crate::components::manifest_view::ManifestView;
use crate::components::yaml_view::YamlView;
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
                <div class="doc-view"><YamlView text={props.chart_docs.values.clone()} /></div>
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
