//! Editor help from the chart's values schema and, inside values passed to Kubernetes objects as written
//! (`x-kubernetes`: probes, `ingress.tls` items, sidecars…), from the Kubernetes schema of the selected version:
//! completions of keys and enum values at the cursor, and hover text.
//!
//! The editor calls these synchronously with the text before the cursor (see [`crate::cursor`]) and gets JSON back,
//! so the JavaScript side only turns it into CodeMirror's completion and tooltip objects. Keys are matched fuzzily
//! over their paths below the cursor's object ([`crate::fuzzy`]): "replicas" offers `replicaCount` and
//! `horizontalPodAutoscaler.maxReplicas`. Ties keep the order of the chart's values.yaml, and keys documented as
//! "Not used" come last.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use chartplay_core::kube::Validator;
use chartplay_core::schema::{Completion, CompletionKind, Entry, Schema};
use chartplay_core::values::path::{Segment, ValuePath};
use chartplay_core::yaml::write::to_yaml;
use serde_json::json;

use crate::cursor::{spot, Spot};
use crate::fuzzy;
use crate::placement::Opening;

/// How many levels below the cursor's object a completion may reach (`horizontalPodAutoscaler.maxReplicas`
/// from the top is two).
const NESTED_DEPTH: usize = 3;
/// At most this many completions are offered.
const MAX_OPTIONS: usize = 60;

/// The schemas the editor's help reads: the chart's values schema, its keys, their order in the chart's
/// values.yaml, and the Kubernetes schema once fetched. Equal when made from the same schemas and text.
#[derive(Debug, Clone, Default)]
pub struct Help {
    values: Option<Arc<Schema>>,
    entries: Rc<Vec<Entry>>,
    order: Rc<HashMap<String, usize>>,
    kube: Option<Arc<Validator>>,
}

impl PartialEq for Help {
    fn eq(&self, other: &Self) -> bool {
        fn same<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        same(&self.values, &other.values) && same(&self.kube, &other.kube) && Rc::ptr_eq(&self.order, &other.order)
    }
}

/// One key a completion can write, below the cursor's object.
struct Candidate {
    /// The keys from the cursor's object to it.
    keys: Vec<String>,
    completion: Completion,
    score: u32,
    order: usize,
    unused: bool,
}

impl Help {
    /// Help from a chart's values schema (if it has one) and its values.yaml text.
    pub fn new(values: Option<Arc<Schema>>, values_text: &str) -> Help {
        let entries = values.as_ref().map(|schema| schema.entries()).unwrap_or_default();
        Help { values, entries: Rc::new(entries), order: Rc::new(key_order(values_text)), kube: None }
    }

    /// This help with the Kubernetes schema `kube` for the values passed to objects.
    pub fn with_kube(&self, kube: Option<Arc<Validator>>) -> Help {
        Help { kube, ..self.clone() }
    }

    /// The Kubernetes validator the help reads, if any.
    pub fn kube(&self) -> Option<&Arc<Validator>> {
        self.kube.as_ref()
    }

    /// Every key of the values schema ([`Schema::entries`]).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Where a key path (`service.type`) is first named in the chart's values.yaml, for ordering; keys it does
    /// not name come after all that it does.
    pub fn order_of(&self, path: &str) -> usize {
        self.order.get(path).copied().unwrap_or(usize::MAX)
    }

    /// Completions at the end of `before` (the document up to the cursor); `after` is the rest of the cursor's line.
    ///
    /// JSON `{"back": n, "options": [{label, apply, type, detail, info}]}`: the options replace the `n` UTF-16
    /// units before the cursor (the typed part of the key or value). An option for a key deeper than the cursor's
    /// object has `path` (all its keys), `depth` (how many of them lead to the cursor's object) and `opening`
    /// instead of `apply`: the editor writes it with [`crate::placement::complete_nested`]. `None` when there
    /// is nothing to offer.
    pub fn complete(&self, before: &str, after: &str) -> Option<String> {
        let spot = spot(before);
        let options = match &spot {
            Spot::Key { parent, prefix } => self.complete_keys(before, parent, prefix, after),
            Spot::Value { path, .. } => self.complete_values(path),
        };
        if options.is_empty() {
            return None;
        }
        let prefix = match &spot {
            Spot::Key { prefix, .. } | Spot::Value { prefix, .. } => prefix,
        };
        Some(json!({ "back": prefix.encode_utf16().count(), "options": options }).to_string())
    }

    fn complete_values(&self, path: &ValuePath) -> Vec<serde_json::Value> {
        self.completions_at(path)
            .into_iter()
            .filter(|completion| completion.kind == CompletionKind::Value)
            .map(|completion| {
                json!({
                    "label": completion.label,
                    "apply": completion.label,
                    "type": "enum",
                    "detail": completion.detail,
                    "info": completion.documentation,
                })
            })
            .collect()
    }

    fn complete_keys(&self, before: &str, parent: &ValuePath, prefix: &str, after: &str) -> Vec<serde_json::Value> {
        // A key is followed by its colon unless one is already there.
        let has_colon = after.trim_start().starts_with(':');
        let line = before.rsplit('\n').next().unwrap_or_default();
        let column = line.chars().count() - prefix.chars().count();
        let mut candidates: Vec<Candidate> = self
            .completions_at(parent)
            .into_iter()
            .filter(|completion| completion.kind == CompletionKind::Key)
            .map(|completion| self.candidate(parent, vec![completion.label.clone()], completion))
            .collect();
        // Deeper keys, once something is typed, where the cursor's object is a named one of the values.
        let parent_keys: Option<Vec<&str>> = parent
            .0
            .iter()
            .map(|segment| match segment {
                Segment::Key(key) => Some(key.as_str()),
                Segment::Index(_) => None,
            })
            .collect();
        if let (false, false, Some(parent_keys)) = (prefix.is_empty(), has_colon, &parent_keys) {
            for entry in self.entries.iter() {
                let Some(path) = entry.path() else { continue };
                let keys = path.keys();
                let below = keys.len().saturating_sub(parent_keys.len());
                if !(2..=NESTED_DEPTH).contains(&below) || !keys.iter().zip(parent_keys).all(|(a, b)| a == b) {
                    continue;
                }
                let completion = Completion {
                    label: keys[parent_keys.len()..].join("."),
                    kind: CompletionKind::Key,
                    detail: entry.type_name.clone(),
                    documentation: entry.description.clone(),
                };
                candidates.push(self.candidate(parent, keys[parent_keys.len()..].to_vec(), completion));
            }
        }
        for candidate in &mut candidates {
            let label = candidate.keys.join(".");
            let description = candidate.completion.documentation.as_deref().unwrap_or_default();
            candidate.score = fuzzy::score(prefix, &label, description).unwrap_or(u32::MAX);
        }
        candidates.retain(|c| c.score != u32::MAX);
        let ranks = candidates.iter().map(|c| fuzzy::rank(c.unused, c.score, c.keys.len(), c.order)).collect();
        let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
        let mut candidates: Vec<Candidate> =
            fuzzy::order(ranks).into_iter().filter_map(|index| slots[index].take()).collect();
        candidates.truncate(MAX_OPTIONS);
        candidates
            .into_iter()
            .map(|candidate| {
                let Candidate { keys, completion, .. } = candidate;
                let opening = opening(&completion.detail);
                let mut option = json!({
                    "label": completion.label,
                    "type": "property",
                    "detail": completion.detail,
                    "info": completion.documentation,
                });
                if keys.len() == 1 {
                    option["apply"] =
                        if has_colon { completion.label.clone() } else { key_text(&keys[0], column, opening) }.into();
                } else {
                    let parent_keys = parent_keys.as_deref().unwrap_or_default();
                    let path: Vec<&str> = parent_keys.iter().copied().chain(keys.iter().map(String::as_str)).collect();
                    option["path"] = json!(path);
                    option["depth"] = parent_keys.len().into();
                    option["opening"] = opening_name(opening).into();
                }
                option
            })
            .collect()
    }

    fn candidate(&self, parent: &ValuePath, keys: Vec<String>, completion: Completion) -> Candidate {
        let full = keys.iter().fold(parent.clone(), |path, key| path.child(Segment::Key(key.clone())));
        let unused = completion.documentation.as_deref().is_some_and(|d| d.starts_with("Not used"));
        Candidate { order: self.order_of(&full.to_string()), keys, completion, score: 0, unused }
    }

    /// What the schema in charge at `path` offers there: the Kubernetes schema's inside a pass-through value,
    /// else the values schema's.
    fn completions_at(&self, path: &ValuePath) -> Vec<Completion> {
        let Some(values) = &self.values else { return Vec::new() };
        match (values.kubernetes_field(path), &self.kube) {
            (Some((definition, rest)), Some(kube)) => kube.schema().completions_in(&definition, &rest),
            (Some(_), None) => Vec::new(),
            (None, _) => values.completions(path),
        }
    }

    /// Documentation of the key or value that ends at the end of `before`: JSON `{path, type, description,
    /// default, kubernetes}` (`kubernetes`: the Kubernetes definition and schema version that describe it), or
    /// `None` when no schema says anything about it.
    pub fn hover(&self, before: &str) -> Option<String> {
        let values = self.values.as_ref()?;
        let path = spot(before).path();
        let (found, kubernetes) = match values.describe(&path) {
            Some(found) => {
                (found, values.kubernetes_field(&path).filter(|(_, rest)| rest.0.is_empty()).map(|(d, _)| d))
            }
            None => {
                let (definition, rest) = values.kubernetes_field(&path)?;
                let kube = self.kube.as_ref()?;
                let found = kube.schema().describe_in(&definition, &rest)?;
                (found, Some(format!("{definition}, Kubernetes {}", kube.kube_version())))
            }
        };
        Some(
            json!({
                "path": path.to_string(),
                "type": found.type_name,
                "description": found.description,
                "default": found.default.as_ref().map(|value| to_yaml(value).trim_end().to_string()),
                "kubernetes": kubernetes,
            })
            .to_string(),
        )
    }
}

/// How a key of this type opens its value: a block for an object, a list for an array, else on its line.
fn opening(type_name: &str) -> Opening {
    match type_name {
        "object" => Opening::Block,
        "array" => Opening::List,
        _ => Opening::Inline,
    }
}

/// The name of an opening in completion JSON.
pub fn opening_name(opening: Opening) -> &'static str {
    match opening {
        Opening::Inline => "inline",
        Opening::Block => "block",
        Opening::List => "list",
    }
}

/// An opening from its name in completion JSON.
pub fn opening_from_name(name: &str) -> Opening {
    match name {
        "block" => Opening::Block,
        "list" => Opening::List,
        _ => Opening::Inline,
    }
}

/// What completing `key` at `column` writes: `key: `, or the key and an indented next line for an object or a list.
fn key_text(key: &str, column: usize, opening: Opening) -> String {
    let deeper = " ".repeat(column + 2);
    match opening {
        Opening::Inline => format!("{key}: "),
        Opening::Block => format!("{key}:\n{deeper}"),
        Opening::List => format!("{key}:\n{deeper}- "),
    }
}

/// The first line each key path (`service.type`) is named on in a chart's values.yaml, its comments included
/// (`#   containerImage:` in a commented example), as the chart documents them.
fn key_order(values_text: &str) -> HashMap<String, usize> {
    let mut order = HashMap::new();
    // Open keys above the line, as (indentation, key), for written lines and for commented ones apart.
    let mut written: Vec<(usize, String)> = Vec::new();
    let mut commented: Vec<(usize, String)> = Vec::new();
    for (number, line) in values_text.lines().enumerate() {
        let (text, stack) = match line.strip_prefix('#') {
            Some(comment) => (comment, &mut commented),
            None => (line, &mut written),
        };
        let indent = text.len() - text.trim_start_matches(' ').len();
        // `# Prose: …` is a comment; a commented example is indented (`#   key: value`).
        if line.starts_with('#') && indent < 2 {
            commented.clear();
            continue;
        }
        let Some((key, _)) = text[indent..].split_once(':') else { continue };
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || "-_".contains(c)) {
            continue;
        }
        while stack.last().is_some_and(|(open, _)| *open >= indent) {
            stack.pop();
        }
        stack.push((indent, key.to_string()));
        let path = stack.iter().map(|(_, key)| key.as_str()).collect::<Vec<_>>().join(".");
        order.entry(path).or_insert(number);
    }
    order
}

#[cfg(test)]
mod tests {
    use chartplay_core::Session;

    use super::*;

    fn help() -> Help {
        let session = Session::builtin("k8s-service").unwrap();
        Help::new(session.schema(), session.chart().values_text())
    }

    fn with_kube(help: Help) -> Help {
        let file = format!("{}/../core/kube-schemas/v1.36.json", env!("CARGO_MANIFEST_DIR"));
        let validator = Validator::from_json(&std::fs::read_to_string(file).unwrap()).unwrap();
        help.with_kube(Some(Arc::new(validator)))
    }

    fn options(json: &str) -> Vec<serde_json::Value> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["options"].as_array().unwrap().clone()
    }

    fn labels(json: &str) -> Vec<String> {
        options(json).iter().map(|o| o["label"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn top_level_keys_are_offered() {
        let json = help().complete("applicationName: web\ncont", "").unwrap();
        assert!(labels(&json).contains(&"containerImage".to_string()), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["back"], 4);
        let option = options(&json).into_iter().find(|o| o["label"] == "containerPorts").unwrap();
        assert_eq!(option["apply"], "containerPorts:\n  ", "an object opens an indented line");
        assert_eq!(option["type"], "property");
    }

    #[test]
    fn ranking_follows_the_match_then_the_chart_s_order_with_unused_keys_last() {
        let found = labels(&help().complete("cont", "").unwrap());
        assert_eq!(found[0], "containerImage", "{found:?}");
        let found = labels(&help().complete("tls", "").unwrap());
        assert_eq!(found[0], "ingress.tls", "{found:?}");
        assert!(found.iter().position(|l| l == "tolerations") > Some(0), "{found:?}");
        let found = labels(&help().complete("replicas", "").unwrap());
        assert_eq!(found[0], "replicaCount", "{found:?}");
        assert!(found[..4].contains(&"horizontalPodAutoscaler.maxReplicas".to_string()), "{found:?}");
        let found = labels(&help().complete("secret", "").unwrap());
        assert_eq!(found[0], "secrets", "{found:?}");
        assert_eq!(found.last().map(String::as_str), Some("secretProviderClass"), "documented as not used: {found:?}");
    }

    #[test]
    fn a_nested_key_carries_its_path_for_the_editor_to_place() {
        let json = help().complete("service:\n  enabled: true\nmaxRep", "").unwrap();
        let option = options(&json).into_iter().find(|o| o["label"] == "horizontalPodAutoscaler.maxReplicas").unwrap();
        assert_eq!(option["path"], json!(["horizontalPodAutoscaler", "maxReplicas"]));
        assert_eq!(option["depth"], 0);
        assert_eq!(option["opening"], "inline");
        assert!(option.get("apply").is_none());
    }

    #[test]
    fn nested_keys_and_enum_values() {
        let keys = labels(&help().complete("containerImage:\n  ", "").unwrap());
        assert!(keys.contains(&"pullPolicy".to_string()), "{keys:?}");
        let values = labels(&help().complete("service:\n  type: ", "").unwrap());
        assert!(values.contains(&"NodePort".to_string()), "{values:?}");
        assert!(!values.contains(&"enabled".to_string()), "only values: {values:?}");
        assert!(!values.contains(&"null".to_string()), "the schema allows null, which is not offered: {values:?}");
    }

    #[test]
    fn no_colon_added_before_an_existing_one() {
        let json = help().complete("repl", ": 2").unwrap();
        let option = options(&json).into_iter().find(|o| o["label"] == "replicaCount").unwrap();
        assert_eq!(option["apply"], "replicaCount");
    }

    #[test]
    fn kubernetes_fields_complete_and_document_from_the_kubernetes_schema() {
        let help = with_kube(help());
        let probe = labels(&help.complete("livenessProbe:\n  ", "").unwrap());
        assert!(probe.contains(&"httpGet".to_string()) && probe.contains(&"periodSeconds".to_string()), "{probe:?}");
        let json = help.complete("livenessProbe:\n  http", "").unwrap();
        let option = options(&json).into_iter().find(|o| o["label"] == "httpGet").unwrap();
        assert_eq!(option["apply"], "httpGet:\n    ");
        let tls = labels(&help.complete("ingress:\n  tls:\n    - ", "").unwrap());
        assert_eq!(tls, ["hosts", "secretName"]);
        let env = labels(&help.complete("additionalContainerEnv:\n  - name: A\n    value", "").unwrap());
        assert!(env.contains(&"valueFrom".to_string()), "{env:?}");
        let sidecar = labels(&help.complete("sideCarContainers:\n  proxy:\n    ", "").unwrap());
        assert!(
            sidecar.contains(&"image".to_string()) && sidecar.contains(&"securityContext".to_string()),
            "{sidecar:?}"
        );
        let hover: serde_json::Value =
            serde_json::from_str(&help.hover("livenessProbe:\n  periodSeconds").unwrap()).unwrap();
        assert_eq!(hover["path"], "livenessProbe.periodSeconds");
        assert_eq!(hover["type"], "integer");
        assert_eq!(hover["kubernetes"], "core.v1.Probe, Kubernetes v1.36.0");
        assert_eq!(super::Help::default().complete("livenessProbe:\n  ", ""), None);
    }

    #[test]
    fn hover_describes_keys_and_values() {
        let json = help().hover("containerImage:\n  pullPolicy").unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["path"], "containerImage.pullPolicy");
        assert!(value["description"].as_str().is_some_and(|d| !d.is_empty()), "{json}");
        assert!(help().hover("service:\n  type: Node").is_some());
        assert_eq!(help().hover("noSuchKey"), None);
        assert_eq!(Help::default().hover("applicationName"), None);
        assert_eq!(help().hover("livenessProbe:\n  httpGet"), None, "no Kubernetes schema yet");
    }

    #[test]
    fn the_order_is_the_values_yaml_s_comments_included() {
        let order = key_order("# intro: text with spaces: no\n#   applicationName: x\n#   image:\n#     tag: 1\nreplicas: 1\nservice:\n  type: x\n");
        assert_eq!(order.get("applicationName"), Some(&1));
        assert_eq!(order.get("image.tag"), Some(&3));
        assert_eq!(order.get("service.type"), Some(&6));
        assert_eq!(order.get("intro"), None, "prose");
    }
}
