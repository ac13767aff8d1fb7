//! What the editor asks a schema: documentation for hover, completions at a path, the Kubernetes definition a
//! pass-through value follows, and every key with its documentation for a values browser.
//!
//! A path can lead to several schema nodes at once (through `$ref`, `allOf`, `anyOf`, `oneOf`), so lookups walk
//! a set of nodes, and answers merge what those nodes say: the first description, the union of the types, every
//! key and enum value. The `…_in` variants start at one of the schema's definitions instead of its root: that is
//! how a Kubernetes schema answers for the value under a key marked `x-kubernetes`.

use std::collections::BTreeMap;
use std::fmt;

use super::validate::short;
use super::{Additional, NodeId, Schema, Types, Usage};
use crate::values::path::{Segment, ValuePath};
use crate::values::Value;

/// Hover documentation for the value at a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// The schema's `description`, if any.
    pub description: Option<String>,
    /// The allowed types, e.g. `integer or string`; empty when the schema allows any type.
    pub type_name: String,
    /// The schema's `default`, if any.
    pub default: Option<Value>,
}

/// What a [`Completion`] inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A key of the object at the path.
    Key,
    /// A value allowed at the path (an `enum` entry, `const`, or `true`/`false`).
    Value,
}

/// One completion offered at a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// The text to insert: a key name, or a value as YAML would write it (`"NodePort"` unquoted, `80`, `true`).
    pub label: String,
    /// Whether it is a key or a value.
    pub kind: CompletionKind,
    /// A short detail: the key's type (`integer`), or `enum` / `default` for values.
    pub detail: String,
    /// The key's description, for the completion popup.
    pub documentation: Option<String>,
}

/// One key of the values as a browser lists it: where it is and what the schema says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The steps from the root to the key.
    pub keys: Vec<EntryKey>,
    /// The allowed types, e.g. `integer or string`; empty when the schema allows any type.
    pub type_name: String,
    /// The schema's `default`, if any.
    pub default: Option<Value>,
    /// The schema's `description`, if any.
    pub description: Option<String>,
    /// The Kubernetes definition the value follows when the chart passes it to an object as written
    /// (`x-kubernetes`, e.g. `core.v1.Probe`).
    pub kubernetes: Option<String>,
}

/// One step of an [`Entry`]'s place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKey {
    /// A key the schema names.
    Key(String),
    /// Any key of a map whose entries all follow one schema (`containerPorts.<name>`).
    AnyKey,
    /// Any item of a list (`ingress.tls[]`).
    AnyItem,
}

impl Entry {
    /// The value path, when every step is a named key (no map entry or list item on the way).
    pub fn path(&self) -> Option<ValuePath> {
        let keys = self.keys.iter().map(|key| match key {
            EntryKey::Key(name) => Some(Segment::Key(name.clone())),
            _ => None,
        });
        keys.collect::<Option<Vec<_>>>().map(ValuePath)
    }
}

impl fmt::Display for Entry {
    /// `ingress.tls`, `containerPorts.<name>.port`, `ingress.tls[].hosts`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, key) in self.keys.iter().enumerate() {
            match key {
                EntryKey::AnyItem => f.write_str("[]")?,
                key => {
                    if index > 0 {
                        f.write_str(".")?;
                    }
                    match key {
                        EntryKey::Key(name) => f.write_str(name)?,
                        _ => f.write_str("<name>")?,
                    }
                }
            }
        }
        Ok(())
    }
}

/// How deep [`Schema::entries`] goes: values schemas are a few levels deep; this only stops a recursive schema.
const MAX_ENTRY_DEPTH: usize = 8;

impl Schema {
    /// Hover documentation for the value at `path`, or `None` when the schema says nothing about it.
    pub fn describe(&self, path: &ValuePath) -> Option<Description> {
        self.describe_nodes(&self.nodes_at(path))
    }

    /// Hover documentation for the value at `path` inside a value that follows the definition `definition`
    /// (`#/definitions/NAME`), or `None` when the schema has no such definition or says nothing about it.
    pub fn describe_in(&self, definition: &str, path: &ValuePath) -> Option<Description> {
        let start = *self.definitions.get(definition)?;
        self.describe_nodes(&self.nodes_from(start, path))
    }

    fn describe_nodes(&self, nodes: &[NodeId]) -> Option<Description> {
        if nodes.is_empty() {
            return None;
        }
        // `expand` lists a node before what it refers to, so a description next to a `$ref` wins over the
        // referenced definition's, as Kubernetes' schemas intend.
        let description = nodes.iter().find_map(|id| self.node(*id).description.clone());
        let default = nodes.iter().find_map(|id| self.node(*id).default.clone());
        let types = self.types_of(nodes);
        let type_name = types.map(Types::describe).unwrap_or_default();
        if description.is_none() && default.is_none() && types.is_none() {
            return None;
        }
        Some(Description { description, type_name, default })
    }

    /// Completions at `path`: the keys of the object there, and the values allowed for a scalar there (but `null`).
    pub fn completions(&self, path: &ValuePath) -> Vec<Completion> {
        self.completions_of(&self.nodes_at(path))
    }

    /// Completions at `path` inside a value that follows the definition `definition`; empty when the schema has
    /// no such definition.
    pub fn completions_in(&self, definition: &str, path: &ValuePath) -> Vec<Completion> {
        match self.definitions.get(definition) {
            Some(start) => self.completions_of(&self.nodes_from(*start, path)),
            None => Vec::new(),
        }
    }

    fn completions_of(&self, nodes: &[NodeId]) -> Vec<Completion> {
        let mut keys: BTreeMap<&str, Completion> = BTreeMap::new();
        let mut values: Vec<Completion> = Vec::new();
        for id in nodes {
            let node = self.node(*id);
            for (key, child) in &node.properties {
                let child_nodes = self.expand(&[*child]);
                keys.entry(key).or_insert_with(|| Completion {
                    label: key.clone(),
                    kind: CompletionKind::Key,
                    detail: self.types_of(&child_nodes).map(Types::describe).unwrap_or_default(),
                    documentation: child_nodes.iter().find_map(|id| self.node(*id).description.clone()),
                });
            }
            // `null` is allowed where a key may be left unset, which is what omitting it does: not worth offering.
            let allowed = node.enumeration.iter().flatten().chain(node.constant.as_ref());
            for value in allowed.filter(|value| !matches!(value, Value::Null)) {
                let label = value_label(value);
                if !values.iter().any(|c| c.label == label) {
                    let detail = if node.constant.is_some() { "const" } else { "enum" };
                    values.push(Completion {
                        label,
                        kind: CompletionKind::Value,
                        detail: detail.into(),
                        documentation: node.description.clone(),
                    });
                }
            }
        }
        if values.is_empty() && self.types_of(nodes) == Some(Types::BOOLEAN) {
            for label in ["true", "false"] {
                values.push(Completion {
                    label: label.into(),
                    kind: CompletionKind::Value,
                    detail: "boolean".into(),
                    documentation: None,
                });
            }
        }
        keys.into_values().chain(values).collect()
    }

    /// How the chart uses the value at `path` (its `x-helm`), when the schema says.
    pub fn usage(&self, path: &ValuePath) -> Option<Usage> {
        self.nodes_at(path).iter().find_map(|id| self.node(*id).usage)
    }

    /// Where the value at `path` is passed to a Kubernetes object as written: the definition its nearest
    /// ancestor (or itself) marked `x-kubernetes` names, and the rest of the path below that ancestor. For
    /// `livenessProbe.httpGet.port` that is `("core.v1.Probe", httpGet.port)`; `None` outside such values.
    pub fn kubernetes_field(&self, path: &ValuePath) -> Option<(String, ValuePath)> {
        let mut current = self.expand(&[self.root]);
        for (index, segment) in path.0.iter().enumerate() {
            if let Some(name) = self.kubernetes_of(&current) {
                return Some((name, ValuePath(path.0[index..].to_vec())));
            }
            current = self.step(&current, segment);
            if current.is_empty() {
                return None;
            }
        }
        self.kubernetes_of(&current).map(|name| (name, ValuePath::default()))
    }

    /// Every key the schema names, depth first in key order, each followed by the keys below it; map entries
    /// and list items that have keys of their own (or follow a Kubernetes definition) appear as
    /// [`EntryKey::AnyKey`] and [`EntryKey::AnyItem`] steps.
    pub fn entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let root = self.expand(&[self.root]);
        self.collect_entries(&root, &mut Vec::new(), &mut vec![self.root], &mut out);
        out
    }

    fn collect_entries(
        &self,
        nodes: &[NodeId],
        keys: &mut Vec<EntryKey>,
        chain: &mut Vec<NodeId>,
        out: &mut Vec<Entry>,
    ) {
        if keys.len() >= MAX_ENTRY_DEPTH {
            return;
        }
        // Keys in name order, each with every node that names it (a short list: no map needed).
        let mut children: Vec<(&str, Vec<NodeId>)> = Vec::new();
        let (mut any_key, mut any_item) = (Vec::new(), Vec::new());
        for id in nodes {
            let node = self.node(*id);
            for (key, child) in &node.properties {
                match children.binary_search_by(|(name, _)| (*name).cmp(key)) {
                    Ok(at) => children[at].1.push(*child),
                    Err(at) => children.insert(at, (key, vec![*child])),
                }
            }
            if let Additional::Schema(child) = node.additional {
                any_key.push(child);
            }
            any_item.extend(node.items);
        }
        let mut visit = |key: EntryKey, ids: &[NodeId], always: bool| {
            if ids.iter().any(|id| chain.contains(id)) {
                return; // a recursive schema: its keys are listed once
            }
            let child_nodes = self.expand(ids);
            let has_keys = child_nodes.iter().any(|id| {
                let node = self.node(*id);
                !node.properties.is_empty() || matches!(node.additional, Additional::Schema(_)) || node.items.is_some()
            });
            let kubernetes = self.kubernetes_of(&child_nodes);
            if !always && !has_keys && kubernetes.is_none() {
                return;
            }
            keys.push(key);
            let found = self.describe_nodes(&child_nodes);
            out.push(Entry {
                keys: keys.clone(),
                type_name: found.as_ref().map(|d| d.type_name.clone()).unwrap_or_default(),
                default: found.as_ref().and_then(|d| d.default.clone()),
                description: found.and_then(|d| d.description),
                kubernetes: kubernetes.clone(),
            });
            // What a Kubernetes definition holds is the Kubernetes schema's to say.
            if kubernetes.is_none() {
                chain.extend_from_slice(ids);
                self.collect_entries(&child_nodes, keys, chain, out);
                chain.truncate(chain.len() - ids.len());
            }
            keys.pop();
        };
        for (key, ids) in &children {
            visit(EntryKey::Key(key.to_string()), ids, true);
        }
        if !any_key.is_empty() {
            visit(EntryKey::AnyKey, &any_key, false);
        }
        if !any_item.is_empty() {
            visit(EntryKey::AnyItem, &any_item, false);
        }
    }

    fn kubernetes_of(&self, nodes: &[NodeId]) -> Option<String> {
        nodes.iter().find_map(|id| self.node(*id).kubernetes.clone())
    }

    /// Every node that applies to the value at `path`, `$ref`s and combinators expanded.
    fn nodes_at(&self, path: &ValuePath) -> Vec<NodeId> {
        self.nodes_from(self.root, path)
    }

    /// Every node that applies to the value at `path` below the node `start`.
    fn nodes_from(&self, start: NodeId, path: &ValuePath) -> Vec<NodeId> {
        let mut current = self.expand(&[start]);
        for segment in &path.0 {
            current = self.step(&current, segment);
            if current.is_empty() {
                break;
            }
        }
        current
    }

    /// The nodes of the value one `segment` below a value the nodes `current` apply to.
    fn step(&self, current: &[NodeId], segment: &Segment) -> Vec<NodeId> {
        let mut next = Vec::new();
        for id in current {
            let node = self.node(*id);
            match segment {
                Segment::Key(key) => match (node.properties.get(key), node.additional) {
                    (Some(child), _) => next.push(*child),
                    (None, Additional::Schema(child)) => next.push(child),
                    _ => {}
                },
                Segment::Index(_) => next.extend(node.items),
            }
        }
        self.expand(&next)
    }

    /// `ids` plus everything they reach through `$ref`, `allOf`, `anyOf`, `oneOf`; each node once, referrers
    /// before referents.
    fn expand(&self, ids: &[NodeId]) -> Vec<NodeId> {
        let mut out: Vec<NodeId> = Vec::new();
        let mut stack: Vec<NodeId> = ids.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            if out.contains(&id) {
                continue;
            }
            out.push(id);
            let node = self.node(id);
            let linked = node.reference.iter().chain(&node.all_of).chain(&node.any_of).chain(&node.one_of);
            let linked: Vec<NodeId> = linked.copied().collect();
            stack.extend(linked.into_iter().rev());
        }
        out
    }

    /// The union of the types the nodes declare, or `None` when none declares a type.
    fn types_of(&self, nodes: &[NodeId]) -> Option<Types> {
        nodes.iter().filter_map(|id| self.node(*id).types).reduce(Types::union)
    }
}

/// How a value is inserted: strings bare (YAML needs no quotes for enum words), others as written.
fn value_label(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => short(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r##"{"type": "object", "properties": {
        "containerImage": {"type": "object", "description": "the image to run", "properties": {
            "repository": {"type": "string", "description": "image repository"},
            "pullPolicy": {"type": ["string", "null"], "enum": ["Always", "IfNotPresent", "Never", null], "default": "IfNotPresent"}}},
        "service": {"$ref": "#/definitions/service", "description": "the service in front of the pods"},
        "canary": {"type": "object", "properties": {"enabled": {"type": "boolean"}}},
        "ports": {"type": "array", "items": {"type": "object", "properties": {"port": {"type": "integer"}}}},
        "livenessProbe": {"type": ["object", "null"], "description": "a probe", "x-kubernetes": "core.v1.Probe"},
        "tolerations": {"type": "array", "items": {"x-kubernetes": "core.v1.Toleration"}},
        "sidecars": {"type": "object", "additionalProperties": {"type": "object", "x-kubernetes": "core.v1.Container"}}},
      "definitions": {"service": {"type": "object", "description": "a service",
        "properties": {"type": {"enum": ["ClusterIP", "NodePort"]}}}}}"##;

    fn schema() -> Schema {
        match Schema::from_json(SCHEMA) {
            Ok(schema) => schema,
            Err(err) => panic!("test schema does not compile: {err}"),
        }
    }

    fn path(text: &str) -> ValuePath {
        ValuePath::parse(text).unwrap_or_default()
    }

    #[test]
    fn describe_gives_description_type_and_default() {
        let schema = schema();
        let pull = schema.describe(&path("containerImage.pullPolicy"));
        assert_eq!(
            pull,
            Some(Description {
                description: None,
                type_name: "string".into(),
                default: Some(Value::String("IfNotPresent".into()))
            })
        );
        let service = schema.describe(&path("service")).and_then(|d| d.description);
        assert_eq!(service.as_deref(), Some("the service in front of the pods"));
        assert_eq!(schema.describe(&path("ports[3].port")).map(|d| d.type_name), Some("integer".into()));
        assert_eq!(schema.describe(&path("nope")), None);
    }

    #[test]
    fn completions_list_keys_with_types_and_docs() {
        let schema = schema();
        let root: Vec<String> = schema.completions(&ValuePath::default()).into_iter().map(|c| c.label).collect();
        assert_eq!(root, ["canary", "containerImage", "livenessProbe", "ports", "service", "sidecars", "tolerations"]);
        let image = schema.completions(&path("containerImage"));
        assert_eq!(image[1].label, "repository");
        assert_eq!(image[1].detail, "string");
        assert_eq!(image[1].documentation.as_deref(), Some("image repository"));
    }

    #[test]
    fn completions_list_enum_values_through_refs_and_booleans() {
        let schema = schema();
        let kinds: Vec<String> = schema.completions(&path("service.type")).into_iter().map(|c| c.label).collect();
        assert_eq!(kinds, ["ClusterIP", "NodePort"]);
        let enabled: Vec<String> = schema.completions(&path("canary.enabled")).into_iter().map(|c| c.label).collect();
        assert_eq!(enabled, ["true", "false"]);
    }

    #[test]
    fn completions_leave_out_null() {
        let schema = schema();
        let pull: Vec<String> =
            schema.completions(&path("containerImage.pullPolicy")).into_iter().map(|c| c.label).collect();
        assert_eq!(pull, ["Always", "IfNotPresent", "Never"]);
    }

    #[test]
    fn kubernetes_fields_are_found_below_their_key() {
        let schema = schema();
        let field = |text: &str| schema.kubernetes_field(&path(text)).map(|(name, rest)| (name, rest.to_string()));
        assert_eq!(field("livenessProbe"), Some(("core.v1.Probe".into(), String::new())));
        assert_eq!(field("livenessProbe.httpGet.port"), Some(("core.v1.Probe".into(), "httpGet.port".into())));
        assert_eq!(field("tolerations[2].key"), Some(("core.v1.Toleration".into(), "key".into())));
        assert_eq!(field("sidecars.proxy.ports[0]"), Some(("core.v1.Container".into(), "ports[0]".into())));
        assert_eq!(field("tolerations"), None, "the list itself is the chart's");
        assert_eq!(field("containerImage.repository"), None);
        assert_eq!(field("nope.deeper"), None);
    }

    #[test]
    fn definitions_answer_below_a_path() {
        let schema = schema();
        let keys: Vec<String> =
            schema.completions_in("service", &ValuePath::default()).into_iter().map(|c| c.label).collect();
        assert_eq!(keys, ["type"]);
        let kinds: Vec<String> = schema.completions_in("service", &path("type")).into_iter().map(|c| c.label).collect();
        assert_eq!(kinds, ["ClusterIP", "NodePort"]);
        assert_eq!(
            schema.describe_in("service", &ValuePath::default()).and_then(|d| d.description),
            Some("a service".into())
        );
        assert!(schema.completions_in("nothing", &ValuePath::default()).is_empty());
        assert_eq!(schema.describe_in("nothing", &ValuePath::default()), None);
    }

    #[test]
    fn entries_list_every_key_with_map_entries_and_items_that_have_structure() {
        let schema = schema();
        let listed: Vec<String> = schema.entries().iter().map(ToString::to_string).collect();
        assert_eq!(
            listed,
            [
                "canary",
                "canary.enabled",
                "containerImage",
                "containerImage.pullPolicy",
                "containerImage.repository",
                "livenessProbe",
                "ports",
                "ports[]",
                "ports[].port",
                "service",
                "service.type",
                "sidecars",
                "sidecars.<name>",
                "tolerations",
                "tolerations[]",
            ]
        );
        let entries = schema.entries();
        let pull = entries.iter().find(|e| e.to_string() == "containerImage.pullPolicy").unwrap();
        assert_eq!(pull.type_name, "string");
        assert_eq!(pull.default, Some(Value::String("IfNotPresent".into())));
        assert_eq!(pull.path().map(|p| p.to_string()), Some("containerImage.pullPolicy".into()));
        let service = entries.iter().find(|e| e.to_string() == "service").unwrap();
        assert_eq!(service.description.as_deref(), Some("the service in front of the pods"));
        let item = entries.iter().find(|e| e.to_string() == "tolerations[]").unwrap();
        assert_eq!(item.kubernetes.as_deref(), Some("core.v1.Toleration"));
        assert_eq!(item.path(), None, "an item is not a path one can insert");
    }
}
