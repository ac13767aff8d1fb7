//! A notice above the editor: a damaged link, a draft set aside, a copied link.

use yew::prelude::*;

use crate::state::{Notice, Offer};

/// Props of [`NoticeBar`].
#[derive(PartialEq, Properties)]
pub struct NoticeBarProps {
    /// The notice.
    pub notice: Notice,
    /// Brings back what the notice offers.
    pub onoffer: Callback<Offer>,
    /// Hides the notice.
    pub ondismiss: Callback<()>,
}

/// The notice.
#[function_component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let notice = &props.notice;
    let class = classes!("notice", notice.is_error.then_some("notice-error"));
    let restore = notice.offer.map(|offer| {
        let label = match offer {
            Offer::OwnDraft => "Restore my draft",
            Offer::Undo => "Undo",
        };
        html! {
            <button type="button" class="button small" onclick={props.onoffer.reform(move |_: MouseEvent| offer)}
                data-testid="notice-offer">
                { label }
            </button>
        }
    });
    let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div {class} role={if notice.is_error { "alert" } else { "status" }} data-testid="notice">
            <span class="notice-text">{ notice.text.clone() }</span>
            { for restore }
            <button type="button" class="button small ghost" onclick={ondismiss} aria-label="Dismiss">{ "×" }</button>
        </div>
    }
}
