//! One rendered manifest as a card: kind and name as its title, collapsible, highlighted, with a copy button, and
//! what the Kubernetes schema check found in it (a warning badge and the field paths with their reasons). Asked
//! for from the problem list, the card opens, scrolls into view and stays highlighted until the inputs change.

use std::rc::Rc;

use yew::prelude::*;

use chartplay_core::{Diagnostic, Manifest};

use crate::components::copy_button::CopyButton;
use crate::components::yaml_view::YamlView;

/// Props of [`ManifestView`].
#[derive(PartialEq, Properties)]
pub struct ManifestViewProps {
    /// The manifest.
    pub doc: Rc<Manifest>,
    /// What the Kubernetes check found in it.
    pub issues: Rc<Vec<Diagnostic>>,
    /// Set when the card was asked for: the request's serial number (a new one scrolls to the card again).
    pub focus: Option<u64>,
}

/// A manifest card.
#[function_component]
pub fn ManifestView(props: &ManifestViewProps) -> Html {
    let open = use_state(|| true);
    let node = use_node_ref();
    {
        let (open, node) = (open.clone(), node.clone());
        use_effect_with(props.focus, move |focus| {
            if focus.is_some() {
                open.set(true);
                if let Some(card) = node.cast::<web_sys::Element>() {
                    card.scroll_into_view();
                }
            }
        });
    }
    let doc = &props.doc;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let kind = if doc.kind.is_empty() { "(no kind)" } else { doc.kind.as_str() };
    let n_issues = props.issues.len();
    let badge = (n_issues > 0).then(|| {
        let title = format!("{n_issues} problem{} against the Kubernetes API", if n_issues == 1 { "" } else { "s" });
        html! { <span class="kube-badge" title={title.clone()} aria-label={title}>{ format!("⚠ {n_issues}") }</span> }
    });
    let issues = (n_issues > 0).then(|| {
        html! {
            <ul class="kube-problems" data-testid="kube-problems">
                { for props.issues.iter().map(|issue| {
                    let path = issue.field.as_ref().map(|f| f.path.to_string()).unwrap_or_default();
                    let message = match &issue.help {
                        Some(help) => format!("{} ({help})", issue.message),
                        None => issue.message.clone(),
                    };
                    html! {
                        <li>
                            if !path.is_empty() { <code class="kube-path">{ path }</code>{ ": " } }
                            <span class="message">{ message }</span>
                        </li>
                    }
                }) }
            </ul>
        }
    });
    html! {
        <article class={classes!("card", props.focus.is_some().then_some("focused"))} ref={node}
            data-kind={doc.kind.clone()} data-name={doc.name.clone()}>
            <header class="card-head">
                <button type="button" class="card-toggle" onclick={toggle} aria-expanded={open.to_string()}>
                    <span class="chevron" aria-hidden="true">{ if *open { "▾" } else { "▸" } }</span>
                    <span class="card-kind">{ kind }</span>
                    <span class="card-name">{ doc.name.clone() }</span>
                </button>
                { for badge }
                <span class="card-source" title={doc.source.clone()}>{ doc.source.rsplit('/').next().unwrap_or_default().to_string() }</span>
                <CopyButton text={doc.text.clone()} aria_label={format!("Copy the {kind} {}", doc.name)} />
            </header>
            { for issues }
            if *open {
                <YamlView text={doc.text.clone()} label={format!("{kind} {}", doc.name)} />
            }
        </article>
    }
}
