//! A notice above the editor: a damaged link, a draft set aside, a copied link.

use yew::prelude::*;

use crate::state::{Draft, Notice};

/// Props of [`NoticeBar`].
#[derive(PartialEq, Properties)]
pub struct NoticeBarProps {
    /// The notice.
    pub notice: Notice,
    /// Restores the draft the notice offers.
    pub onrestore: Callback<Draft>,
    /// Hides the notice.
    pub ondismiss: Callback<()>,
}

/// The notice.
#[function_component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let notice = &props.notice;
    let class = classes!("notice", notice.is_error.then_some("notice-error"));
    let restore = notice.restore.clone().map(|draft| {
        let onrestore = props.onrestore.clone();
        html! {
            <button type="button" class="button small" onclick={Callback::from(move |_: MouseEvent| onrestore.emit(draft.clone()))}>
                { "Restore my draft" }
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
