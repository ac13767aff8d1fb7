//! What the editor asks a schema: documentation for hover, and completions at a path.
//!
//! A path can lead to several schema nodes at once (through `$ref`, `allOf`, `anyOf`, `oneOf`), so lookups walk
//! a set of nodes, and answers merge what those nodes say: the first description, the union of the types, every
//! key and enum value.

use std::collections::BTreeMap;

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

impl Schema {
    /// Hover documentation for the value at `path`, or `None` when the schema says nothing about it.
    pub fn describe(&self, path: &ValuePath) -> Option<Description> {
        let nodes = self.nodes_at(path);
        if nodes.is_empty() {
            return None;
        }
        // `expand` lists a node before what it refers to, so a description next to a `$ref` wins over the
        // referenced definition's, as Kubernetes' schemas intend.
        let description = nodes.iter().find_map(|id| self.node(*id).description.clone());
        let default = nodes.iter().find_map(|id| self.node(*id).default.clone());
        let types = self.types_of(&nodes);
        let type_name = types.map(Types::describe).unwrap_or_default();
        if description.is_none() && default.is_none() && types.is_none() {
            return None;
        }
        Some(Description { description, type_name, default })
    }

    /// Completions at `path`: the keys of the object there, and the values allowed for a scalar there (but `null`).
    pub fn completions(&self, path: &ValuePath) -> Vec<Completion> {
        let nodes = self.nodes_at(path);
        let mut keys: BTreeMap<&str, Completion> = BTreeMap::new();
        let mut values: Vec<Completion> = Vec::new();
        for id in &nodes {
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
        if values.is_empty() && self.types_of(&nodes) == Some(Types::BOOLEAN) {
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

    /// Every node that applies to the value at `path`, `$ref`s and combinators expanded.
    fn nodes_at(&self, path: &ValuePath) -> Vec<NodeId> {
        let mut current = self.expand(&[self.root]);
        for segment in &path.0 {
            let mut next = Vec::new();
            for id in &current {
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
            current = self.expand(&next);
            if current.is_empty() {
                break;
            }
        }
        current
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
        "ports": {"type": "array", "items": {"type": "object", "properties": {"port": {"type": "integer"}}}}},
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
        assert_eq!(root, ["canary", "containerImage", "ports", "service"]);
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
}
