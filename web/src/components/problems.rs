//! The status line under the editor: render time when all is well, the error and its causes when not, and the
//! warnings of the checks (values against the chart's schema, objects against Kubernetes') either way.
//!
//! Its height is fixed, so the layout does not jump while typing turns errors on and off. A problem's place is a
//! button when it leads somewhere: the line in the values, or the manifest's card in the output.

use std::rc::Rc;

use yew::prelude::*;

use crate::services::renderer::Problem;

/// Props of [`Problems`].
#[derive(PartialEq, Properties)]
pub struct ProblemsProps {
    /// The problems of the current inputs (empty when they rendered).
    pub problems: Rc<Vec<Problem>>,
    /// What the checks found; the output rendered anyway.
    pub warnings: Rc<Vec<Problem>>,
    /// How many manifests the last good render produced.
    pub n_docs: usize,
    /// How long the last render took.
    pub render_ms: f64,
    /// How much of it the values schema check took.
    pub check_ms: f64,
    /// How much of it the Kubernetes schema check took.
    pub kube_ms: f64,
    /// The Kubernetes schema version the output was checked against, if it was.
    pub kube_checked: Option<&'static str>,
    /// Jumps to a 1-based line and column in the values.
    pub ongoto: Callback<(usize, usize)>,
    /// Shows the manifest with this index in the output.
    pub onshow: Callback<usize>,
}

/// The status line.
#[function_component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let item = |index: usize, problem: &Problem| {
        let place = match (problem.values_position, problem.document, &problem.place) {
            (Some((line, column)), _, _) => {
                let ongoto = props.ongoto.clone();
                html! {
                    <button type="button" class="place" onclick={Callback::from(move |_: MouseEvent| ongoto.emit((line, column)))}
                        title="Go to this line">
                        { format!("line {line}, column {column}") }
                    </button>
                }
            }
            (None, Some(document), place) => html! {
                <button type="button" class="place" onclick={props.onshow.reform(move |_: MouseEvent| document)}
                    title="Show this manifest">
                    { place.clone().unwrap_or_default() }
                </button>
            },
            (None, None, Some(place)) => html! { <span class="place">{ place.clone() }</span> },
            (None, None, None) => html! {},
        };
        let class = if problem.warning { classes!("warning") } else { classes!((index > 0).then_some("cause")) };
        html! {
            <li {class}>
                if problem.warning { <span class="warning-sign" aria-label="warning">{ "⚠" }</span> }
                { place }
                <span class="message">{ problem.message.clone() }</span>
            </li>
        }
    };
    let warnings = (!props.warnings.is_empty()).then(|| {
        html! {
            <ul class="warnings" data-testid="warnings">
                { for props.warnings.iter().enumerate().map(|(index, problem)| item(index, problem)) }
            </ul>
        }
    });
    if props.problems.is_empty() {
        let plural = if props.n_docs == 1 { "" } else { "s" };
        let summary = match props.warnings.len() {
            0 => String::new(),
            1 => " · 1 warning".to_string(),
            n => format!(" · {n} warnings"),
        };
        let kube =
            props.kube_checked.map(|version| format!(" · checked against Kubernetes {version}")).unwrap_or_default();
        let class = classes!("status", if props.warnings.is_empty() { "status-ok" } else { "status-warn" });
        return html! {
            <div {class} role="status" data-testid="status">
                <div class="summary"
                    title={format!("values checked against the chart's schema in {:.2} ms, objects against Kubernetes' in {:.2} ms", props.check_ms, props.kube_ms)}
                    data-check-ms={format!("{:.3}", props.check_ms)} data-kube-ms={format!("{:.3}", props.kube_ms)} data-kube={props.kube_checked.unwrap_or_default()}>
                    { format!("✓ {} manifest{plural}{kube} · rendered in {:.1} ms{summary}", props.n_docs, props.render_ms) }
                </div>
                { for warnings }
            </div>
        };
    }
    html! {
        <div class="status status-error" role="alert" data-testid="problems">
            <ul>
                { for props.problems.iter().enumerate().map(|(index, problem)| item(index, problem)) }
            </ul>
            { for warnings }
        </div>
    }
}
