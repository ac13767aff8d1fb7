//! Highlighted read-only YAML: a `<pre>` of text spans (see [`crate::highlight`]).

use yew::prelude::*;

use crate::highlight::{highlight, TokenKind};

/// Props of [`YamlView`].
#[derive(PartialEq, Properties)]
pub struct YamlViewProps {
    /// The YAML.
    pub text: AttrValue,
}

/// Highlighted YAML.
#[function_component]
pub fn YamlView(props: &YamlViewProps) -> Html {
    let text = props.text.clone();
    // Highlighting is redone only when the text changes.
    let lines = use_memo(text, |text| {
        highlight(text)
            .into_iter()
            .map(|tokens| {
                html! {
                    <span class="line">{ for tokens.into_iter().map(|(kind, token)| {
                        if kind == TokenKind::Plain { html! { token } } else { html! { <span class={kind.class()}>{ token }</span> } }
                    }) }{ "\n" }</span>
                }
            })
            .collect::<Html>()
    });
    html! { <pre class="yaml"><code>{ (*lines).clone() }</code></pre> }
}
