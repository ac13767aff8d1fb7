//! Release name, namespace and kube version: text fields whose empty value means Helm's default.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`ReleaseControls`].
#[derive(PartialEq, Properties)]
pub struct ReleaseControlsProps {
    /// Release name (empty: `release-name`).
    pub release_name: String,
    /// Namespace (empty: `default`).
    pub namespace: String,
    /// Kube version (empty: Helm's default).
    pub kube_version: String,
    /// Called on every keystroke in the release name.
    pub onrelease: Callback<String>,
    /// Called on every keystroke in the namespace.
    pub onnamespace: Callback<String>,
    /// Called on every keystroke in the kube version.
    pub onkube: Callback<String>,
}

fn text_field(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    value: &str,
    on: &Callback<String>,
) -> Html {
    let oninput = {
        let on = on.clone();
        Callback::from(move |event: InputEvent| on.emit(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <label class="field">
            <span class="field-label">{ label }</span>
            <input {id} type="text" value={value.to_string()} {placeholder} {oninput}
                autocomplete="off" autocapitalize="off" spellcheck="false" />
        </label>
    }
}

/// The release settings.
#[function_component]
pub fn ReleaseControls(props: &ReleaseControlsProps) -> Html {
    html! {
        <>
            { text_field("release-name", "Release", "release-name", &props.release_name, &props.onrelease) }
            { text_field("namespace", "Namespace", "default", &props.namespace, &props.onnamespace) }
            { text_field("kube-version", "Kube version", "1.36.0", &props.kube_version, &props.onkube) }
        </>
    }
}
