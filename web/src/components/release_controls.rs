//! Release name, namespace and kube version: text fields whose empty value means Helm's default. The kube version
//! offers the versions that have a Kubernetes schema (a `<datalist>`, any other text still allowed) and says at
//! the field which schema checks a version that has none, or why the text is not a version.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::services::kube_schemas::{offered_versions, version_note, VersionNote};

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
    let oninput = {
        let on = props.onkube.clone();
        Callback::from(move |event: InputEvent| on.emit(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let (note, invalid) = match version_note(&props.kube_version) {
        VersionNote::Exact => (None, false),
        VersionNote::Nearest(note) => (Some(note), false),
        VersionNote::Invalid(why) => (Some(why), true),
    };
    html! {
        <>
            { text_field("release-name", "Release", "release-name", &props.release_name, &props.onrelease) }
            { text_field("namespace", "Namespace", "default", &props.namespace, &props.onnamespace) }
            <label class="field">
                <span class="field-label">{ "Kube version" }</span>
                <input id="kube-version" type="text" list="kube-versions" value={props.kube_version.clone()}
                    placeholder="1.36.0" {oninput} autocomplete="off" autocapitalize="off" spellcheck="false"
                    class={classes!(invalid.then_some("invalid"))} aria-invalid={invalid.then_some("true")}
                    aria-describedby={note.is_some().then_some("kube-version-note")} />
                <datalist id="kube-versions">
                    { for offered_versions().map(|version| html! { <option value={version} /> }) }
                </datalist>
                if let Some(note) = note {
                    <span id="kube-version-note" class={classes!("field-note", invalid.then_some("field-error"))}
                        data-testid="kube-version-note">{ note }</span>
                }
            </label>
        </>
    }
}
