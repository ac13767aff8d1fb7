//! A button that copies text and says "Copied" for a moment.

use yew::prelude::*;

use crate::hooks::use_copy::use_copy;

/// Props of [`CopyButton`].
#[derive(PartialEq, Properties)]
pub struct CopyButtonProps {
    /// What to copy.
    pub text: AttrValue,
    /// The button's label.
    #[prop_or(AttrValue::Static("Copy"))]
    pub label: AttrValue,
    /// What a screen reader announces as the button's purpose.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
}

/// The copy button.
#[function_component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copy = use_copy();
    let onclick = {
        let (copy, text) = (copy.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| copy.copy(text.to_string()))
    };
    let label = match copy.status() {
        Some(true) => AttrValue::Static("Copied"),
        Some(false) => AttrValue::Static("Copy failed"),
        None => props.label.clone(),
    };
    html! {
        <button type="button" class="button small" {onclick} aria-label={props.aria_label.clone()}>{ label }</button>
    }
}
