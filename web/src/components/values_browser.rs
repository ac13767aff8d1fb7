//! The values browser: every key of the chart's values schema as a tree (type, default and description, rendered
//! as text), searchable over nested paths and descriptions, with "Insert" writing a key into the values at its
//! place. Under it, the chart's README (HTML made at build time, see `core/build/readme.rs`), whose generated
//! values table this browser replaces.

use chartplay_core::schema::{Entry, EntryKey};
use chartplay_core::values::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::fuzzy;
use crate::placement::Opening;
use crate::services::help::Help;

/// At most this many search results are shown.
const MAX_RESULTS: usize = 60;

/// Props of [`ValuesBrowser`].
#[derive(PartialEq, Properties)]
pub struct ValuesBrowserProps {
    /// The chart's schema and keys.
    pub help: Help,
    /// The chart's README as sanitised HTML, if it has one.
    pub readme: Option<AttrValue>,
    /// Whether the values can be edited (else no "Insert").
    pub editable: bool,
    /// Writes the key with these keys into the values, opening its value this way.
    pub oninsert: Callback<(Vec<String>, Opening)>,
}

/// Where a row is: in the search results, or in the tree without or with keys below it (shown or not).
#[derive(Clone, Copy)]
enum Place {
    Result,
    Leaf,
    Parent { open: bool },
}

/// One row of the tree: an entry and the rows below it.
struct Node<'a> {
    entry: &'a Entry,
    children: Vec<Node<'a>>,
}

/// The entries as a tree, each level in the order of the chart's values.yaml, then by name (`enabled` first).
fn tree<'a>(entries: &'a [Entry], help: &Help) -> Vec<Node<'a>> {
    fn build<'a>(entries: &'a [Entry], depth: usize, at: &mut usize, help: &Help) -> Vec<Node<'a>> {
        let mut level = Vec::new();
        while let Some(entry) = entries.get(*at) {
            if entry.keys.len() <= depth {
                break;
            }
            *at += 1;
            let children = build(entries, depth + 1, at, help);
            level.push(Node { entry, children });
        }
        // The chart's order, then `enabled` first (it decides whether the rest matters), then by name.
        let ranks = level
            .iter()
            .map(|node| {
                let name = node.entry.to_string();
                (help.order_of(&name) as u64).min(1 << 40) << 1 | u64::from(!name.ends_with(".enabled"))
            })
            .collect();
        let mut slots: Vec<Option<Node>> = level.into_iter().map(Some).collect();
        let level: Vec<Node> = fuzzy::order(ranks).into_iter().filter_map(|index| slots[index].take()).collect();
        level
    }
    build(entries, 0, &mut 0, help)
}

/// The browser and the README.
#[function_component]
pub fn ValuesBrowser(props: &ValuesBrowserProps) -> Html {
    let query = use_state(String::new);
    let expanded = use_state(Vec::<String>::new);
    let entries = props.help.entries();
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| query.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let row = |entry: &Entry, label: String, place: Place| {
        let name = entry.to_string();
        let toggle = match place {
            Place::Result => None,
            Place::Leaf => Some(html! { <span class="tree-toggle" aria-hidden="true"></span> }),
            Place::Parent { open } => Some({
                let label = format!("{} the keys of {name}", if open { "Hide" } else { "Show" });
                let (expanded, name) = (expanded.clone(), name.clone());
                let onclick = Callback::from(move |_: MouseEvent| {
                    let mut open = (*expanded).clone();
                    match open.iter().position(|n| *n == name) {
                        Some(at) => drop(open.swap_remove(at)),
                        None => open.push(name.clone()),
                    }
                    expanded.set(open);
                });
                html! {
                    <button type="button" class="tree-toggle" aria-expanded={open.to_string()} {onclick} aria-label={label}>
                        <span aria-hidden="true">{ if open { "▾" } else { "▸" } }</span>
                    </button>
                }
            }),
        };
        let insert = entry.path().filter(|_| props.editable).map(|path| {
            let keys = path.keys();
            let opening = match entry.type_name.as_str() {
                "object" => Opening::Block,
                "array" => Opening::List,
                _ => Opening::Inline,
            };
            let oninsert = props.oninsert.clone();
            html! {
                <button type="button" class="button small insert" data-testid="insert-key"
                    title="Write this key into the values at its place, or go to it"
                    aria-label={format!("Insert {name} into the values")}
                    onclick={Callback::from(move |_: MouseEvent| oninsert.emit((keys.clone(), opening)))}>
                    { "Insert" }
                </button>
            }
        });
        let default = entry.default.as_ref().map(|value| {
            html! {
                <span class="entry-default">{ "default " }<code>{ flow(value) }</code></span>
            }
        });
        let kube = entry.kubernetes.as_ref().map(|definition| html! {
            <span class="entry-kube" title="Passed to the object as written: the editor completes it from the Kubernetes schema">
                { format!("Kubernetes {definition}") }
            </span>
        });
        html! {
            <div class="entry" data-path={name.clone()}>
                { for toggle }
                <div class="entry-main">
                    <div class="entry-head">
                        <code class="entry-key">{ label }</code>
                        if !entry.type_name.is_empty() { <span class="entry-type">{ entry.type_name.clone() }</span> }
                        { for default }
                        { for kube }
                    </div>
                    if let Some(description) = &entry.description {
                        <p class="entry-description">{ text_with_code(description) }</p>
                    }
                </div>
                { for insert }
            </div>
        }
    };
    let query_text = query.trim().to_string();
    let body = if query_text.is_empty() {
        fn level(nodes: &[Node], row: &dyn Fn(&Entry, String, Place) -> Html, expanded: &[String]) -> Html {
            html! {
                { for nodes.iter().map(|node| {
                    let name = node.entry.to_string();
                    let open = expanded.contains(&name);
                    let label = match node.entry.keys.last() {
                        Some(EntryKey::Key(key)) => key.clone(),
                        Some(EntryKey::AnyKey) => "<name>".to_string(),
                        _ => "[] (each item)".to_string(),
                    };
                    let place = if node.children.is_empty() { Place::Leaf } else { Place::Parent { open } };
                    html! {
                        <li key={name.clone()}>
                            { row(node.entry, label, place) }
                            if open && !node.children.is_empty() {
                                <ul>{ level(&node.children, row, expanded) }</ul>
                            }
                        </li>
                    }
                }) }
            }
        }
        let nodes = tree(entries, &props.help);
        html! { <ul class="value-tree" data-testid="values-tree">{ level(&nodes, &row, &expanded) }</ul> }
    } else {
        let found: Vec<(u64, &Entry)> = entries
            .iter()
            .filter_map(|entry| {
                let name = entry.to_string();
                let score = fuzzy::score(&query_text, &name, entry.description.as_deref().unwrap_or_default())?;
                Some((fuzzy::rank(false, score, entry.keys.len(), props.help.order_of(&name)), entry))
            })
            .collect();
        let mut found: Vec<&Entry> = fuzzy::order(found.iter().map(|(rank, _)| *rank).collect())
            .into_iter()
            .map(|index| found[index].1)
            .collect();
        let n_found = found.len();
        found.truncate(MAX_RESULTS);
        html! {
            <>
                <ul class="value-tree results" data-testid="values-results">
                    { for found.iter().map(|entry| html! {
                        <li key={entry.to_string()}>{ row(entry, entry.to_string(), Place::Result) }</li>
                    }) }
                </ul>
                if n_found == 0 { <p class="empty">{ format!("No key or description matches \"{query_text}\".") }</p> }
            </>
        }
    };
    let count = if query_text.is_empty() {
        format!("{} keys", entries.len())
    } else {
        let n = entries
            .iter()
            .filter(|e| {
                fuzzy::score(&query_text, &e.to_string(), e.description.as_deref().unwrap_or_default()).is_some()
            })
            .count();
        format!("{n} match{}", if n == 1 { "" } else { "es" })
    };
    let readme = props.readme.as_ref().map(|html| {
        html! {
            <section class="readme" aria-label="README" data-testid="readme">
                { Html::from_html_unchecked(html.clone()) }
            </section>
        }
    });
    html! {
        <div class="doc-view browser">
            <section class="values-browser" aria-labelledby="values-browser-title" data-testid="values-browser">
                <div class="browser-head">
                    <h2 id="values-browser-title" class="browser-title">{ "Values" }</h2>
                    <input type="search" class="browser-search" placeholder="Search keys and descriptions (e.g. replicas, tls)"
                        aria-label="Search the values" value={(*query).clone()} {oninput} data-testid="values-search"
                        autocomplete="off" spellcheck="false" />
                    <span class="hint" aria-live="polite">{ count }</span>
                </div>
                { body }
            </section>
            { for readme }
        </div>
    }
}

/// `text` with its `code spans` as `<code>` elements (the rest stays text).
fn text_with_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(index, part)| {
            if index % 2 == 1 { html! { <code>{ part.to_string() }</code> } } else { html! { part.to_string() } }
        }) }
    }
}

/// A value as compact YAML flow text: `{http: {port: 80, protocol: TCP}}`, `[cpu]`, `""`, `null`.
fn flow(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Value::Float(f) => f.to_string(),
        Value::String(s) => {
            // Plain when YAML reads it back as the same string, else quoted.
            let plain = !s.is_empty()
                && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                && !matches!(
                    s.to_ascii_lowercase().as_str(),
                    "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
                )
                && s.parse::<f64>().is_err();
            if plain {
                s.clone()
            } else {
                serde_json::Value::String(s.clone()).to_string()
            }
        }
        Value::Seq(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Map(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k}: {}", flow(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

/// How many entries the tree shows at its top level (for tests).
#[cfg(test)]
fn top_level(entries: &[Entry], help: &Help) -> Vec<String> {
    tree(entries, help).iter().map(|node| node.entry.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use chartplay_core::Session;

    use super::*;

    #[test]
    fn the_tree_follows_the_chart_s_values_yaml() {
        let session = Session::builtin("k8s-service").unwrap();
        let help = Help::new(session.schema(), session.chart().values_text());
        let top = top_level(help.entries(), &help);
        assert_eq!(top[..3], ["applicationName", "containerImage", "dnsPolicy"], "{top:?}");
        let nodes = tree(help.entries(), &help);
        let service = nodes.iter().find(|n| n.entry.to_string() == "service").unwrap();
        assert_eq!(service.children[0].entry.to_string(), "service.enabled");
    }

    #[test]
    fn defaults_read_as_yaml_flow() {
        let port = Value::Map([("port".to_string(), Value::Float(80.0))].into_iter().collect());
        let value = Value::Map([("http".to_string(), port)].into_iter().collect());
        assert_eq!(flow(&value), "{http: {port: 80}}");
        assert_eq!(flow(&Value::String(String::new())), "\"\"");
        assert_eq!(flow(&Value::String("No".into())), "\"No\"");
        assert_eq!(flow(&Value::String("1.10".into())), "\"1.10\"");
        assert_eq!(flow(&Value::Seq(vec![Value::String("cpu".into())])), "[cpu]");
    }
}
