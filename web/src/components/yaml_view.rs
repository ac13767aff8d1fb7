//! Highlighted read-only YAML: a `<pre>` of text spans (see [`crate::highlight`]).
//!
//! Each line is its own component keyed by position, so a keystroke that changes one value re-highlights and
//! re-diffs one line, not the whole manifest: that keeps typing-to-output latency flat on large manifests.

use yew::prelude::*;

use crate::highlight::{highlight_line, BlockState, TokenKind};

/// Props of [`YamlView`].
#[derive(PartialEq, Properties)]
pub struct YamlViewProps {
    /// The YAML.
    pub text: AttrValue,
    /// What the YAML is, for screen readers: the block scrolls sideways on its own and takes focus to do so.
    pub label: AttrValue,
}

/// Props of [`YamlLine`].
#[derive(PartialEq, Properties)]
struct YamlLineProps {
    text: AttrValue,
    /// Whether the line is inside a block scalar (`|`, `>`), which decides its colour.
    in_block: bool,
}

#[function_component]
fn YamlLine(props: &YamlLineProps) -> Html {
    let tokens = highlight_line(&props.text, props.in_block);
    html! {
        <span class="line">{ for tokens.into_iter().map(|(kind, token)| {
            if kind == TokenKind::Plain { html! { token } } else { html! { <span class={kind.class()}>{ token }</span> } }
        }) }{ "\n" }</span>
    }
}

/// Highlighted YAML.
#[function_component]
pub fn YamlView(props: &YamlViewProps) -> Html {
    let mut block = BlockState::default();
    html! {
        <pre class="yaml" tabindex="0" aria-label={props.label.clone()}><code>
            { for props.text.split('\n').enumerate().map(|(index, line)| {
                let in_block = block.next_line(line);
                html! { <YamlLine key={index} text={AttrValue::from(line.to_string())} {in_block} /> }
            }) }
        </code></pre>
    }
}
