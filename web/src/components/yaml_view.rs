//! Highlighted read-only YAML: a `<pre>` of text spans (see [`crate::highlight`]).
//!
//! Each line is its own component keyed by position, so a keystroke that changes one value re-highlights and
//! re-diffs one line, not the whole manifest: that keeps typing-to-output latency flat on large manifests.
//!
//! Lines can carry marks ([`LineMark`]: traced to a value, produced by the value the editor's cursor is on, new
//! since the page opened, changed by the last edit) and report the line the pointer is over and the line clicked;
//! with the keyboard, Up and Down move the selected line of a focused view.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::highlight::{highlight_line, BlockState, TokenKind};

/// How a line is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineMark {
    /// Some value produced it (it can be explained).
    pub traced: bool,
    /// The value the editor's cursor is on produced it.
    pub focused: bool,
    /// It is new since the output the page was opened with (the Changes view).
    pub added: bool,
    /// The last edit changed it: the output's generation then, so that a later change marks it again.
    pub flash: Option<u64>,
}

/// Props of [`YamlView`].
#[derive(PartialEq, Properties)]
pub struct YamlViewProps {
    /// The YAML.
    pub text: AttrValue,
    /// Marks per line, when the view shows any.
    #[prop_or_default]
    pub marks: Option<Rc<Vec<LineMark>>>,
    /// The selected line, if any.
    #[prop_or_default]
    pub selected: Option<usize>,
    /// Told the line the pointer is over (`None` when it leaves).
    #[prop_or_default]
    pub onhover: Option<Callback<Option<usize>>>,
    /// Told the line clicked, or selected with the keyboard.
    #[prop_or_default]
    pub onselect: Option<Callback<usize>>,
    /// Told when Enter is pressed on the selected line.
    #[prop_or_default]
    pub onactivate: Option<Callback<usize>>,
    /// What the YAML is, for screen readers: the block scrolls sideways on its own and takes focus to do so.
    pub label: AttrValue,
}

/// Props of [`YamlLine`].
#[derive(PartialEq, Properties)]
struct YamlLineProps {
    text: AttrValue,
    /// Whether the line is inside a block scalar (`|`, `>`), which decides its colour.
    in_block: bool,
    index: usize,
    mark: LineMark,
    selected: bool,
}

#[function_component]
fn YamlLine(props: &YamlLineProps) -> Html {
    let tokens = highlight_line(&props.text, props.in_block);
    let mark = props.mark;
    let class = classes!(
        "line",
        mark.traced.then_some("traced"),
        mark.focused.then_some("focused-line"),
        mark.added.then_some("added-line"),
        mark.flash.map(|_| "flash-line"),
        props.selected.then_some("selected-line"),
    );
    html! {
        <span {class} data-line={props.index.to_string()}>{ for tokens.into_iter().map(|(kind, token)| {
            if kind == TokenKind::Plain { html! { token } } else { html! { <span class={kind.class()}>{ token }</span> } }
        }) }{ "\n" }</span>
    }
}

/// The line an event happened on: the `data-line` of the nearest line element.
fn line_of(event: &Event) -> Option<usize> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("[data-line]").ok()??.get_attribute("data-line")?.parse().ok()
}

/// Highlighted YAML.
#[function_component]
pub fn YamlView(props: &YamlViewProps) -> Html {
    let mut block = BlockState::default();
    let onmouseover = props.onhover.clone().map(|on| Callback::from(move |e: MouseEvent| on.emit(line_of(&e))));
    let onmouseleave = props.onhover.clone().map(|on| Callback::from(move |_: MouseEvent| on.emit(None)));
    let onclick = props.onselect.clone().map(|on| {
        Callback::from(move |e: MouseEvent| {
            if let Some(line) = line_of(&e) {
                on.emit(line);
            }
        })
    });
    let n_lines = props.text.split('\n').count();
    let onkeydown = props.onselect.clone().map(|on| {
        let (selected, activate) = (props.selected, props.onactivate.clone());
        Callback::from(move |e: KeyboardEvent| {
            let next = match (e.key().as_str(), selected) {
                ("ArrowDown", Some(line)) => Some((line + 1).min(n_lines - 1)),
                ("ArrowUp", Some(line)) => Some(line.saturating_sub(1)),
                ("ArrowDown" | "ArrowUp" | "Home", None) | ("Home", _) => Some(0),
                ("End", _) => Some(n_lines - 1),
                ("Enter", Some(line)) => {
                    if let Some(activate) = &activate {
                        activate.emit(line);
                    }
                    None
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(line) = next {
                on.emit(line);
            }
        })
    });
    html! {
        <pre class="yaml" tabindex="0" aria-label={props.label.clone()}
            {onmouseover} {onmouseleave} {onclick} {onkeydown}><code>
            { for props.text.split('\n').enumerate().map(|(index, line)| {
                let in_block = block.next_line(line);
                let mark = props.marks.as_ref().and_then(|marks| marks.get(index)).copied().unwrap_or_default();
                // A line the last edit changed is a new component, so its highlight animates again.
                let key = match mark.flash {
                    Some(generation) => format!("{index}-{generation}"),
                    None => index.to_string(),
                };
                html! {
                    <YamlLine {key} text={AttrValue::from(line.to_string())} {in_block} {index} {mark}
                        selected={props.selected == Some(index)} />
                }
            }) }
        </code></pre>
    }
}
