//! The status line under the editor: render time when all is well, the error and its causes when not.
//!
//! Its height is fixed, so the layout does not jump while typing turns errors on and off.

use std::rc::Rc;

use yew::prelude::*;

use crate::services::renderer::Problem;

/// Props of [`Problems`].
#[derive(PartialEq, Properties)]
pub struct ProblemsProps {
    /// The problems of the current inputs (empty when they rendered).
    pub problems: Rc<Vec<Problem>>,
    /// How many manifests the last good render produced.
    pub n_docs: usize,
    /// How long the last render took.
    pub render_ms: f64,
    /// Jumps to a 1-based line and column in the values.
    pub ongoto: Callback<(usize, usize)>,
}

/// The status line.
#[function_component]
pub fn Problems(props: &ProblemsProps) -> Html {
    if props.problems.is_empty() {
        let plural = if props.n_docs == 1 { "" } else { "s" };
        return html! {
            <div class="status status-ok" role="status" data-testid="status">
                { format!("✓ {} manifest{plural} · rendered in {:.1} ms", props.n_docs, props.render_ms) }
            </div>
        };
    }
    html! {
        <div class="status status-error" role="alert" data-testid="problems">
            <ul>
                { for props.problems.iter().enumerate().map(|(index, problem)| {
                    let place = match (problem.values_position, &problem.place) {
                        (Some((line, column)), _) => {
                            let ongoto = props.ongoto.clone();
                            html! {
                                <button type="button" class="place" onclick={Callback::from(move |_: MouseEvent| ongoto.emit((line, column)))}
                                    title="Go to this line">
                                    { format!("line {line}, column {column}") }
                                </button>
                            }
                        }
                        (None, Some(place)) => html! { <span class="place">{ place.clone() }</span> },
                        (None, None) => html! {},
                    };
                    html! {
                        <li class={classes!((index > 0).then_some("cause"))}>
                            { place }
                            <span class="message">{ problem.message.clone() }</span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
