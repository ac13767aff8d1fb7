//! The Share button: puts the state in the address bar and copies the link.

use yew::prelude::*;

/// Props of [`ShareButton`].
#[derive(PartialEq, Properties)]
pub struct ShareButtonProps {
    /// Called on click.
    pub onshare: Callback<()>,
}

/// The Share button.
#[function_component]
pub fn ShareButton(props: &ShareButtonProps) -> Html {
    let onclick = props.onshare.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="button primary" id="share" {onclick}
            title="Put chart, settings and values in the link (they stay in the URL fragment, never sent to a server) and copy it">
            { "Share" }
        </button>
    }
}
