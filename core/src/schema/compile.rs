//! Compiling schema JSON into the flat node table of [`Schema`], resolving every `$ref` once.
//!
//! Definitions (`definitions` and `$defs` at the root) get their node slots first, so references — including
//! recursive ones — resolve to a slot whether or not its definition is compiled yet. The compiler keeps the schema
//! path of the (sub)schema it is in, such as `properties.replicaCount`, for errors to name.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::pattern::Pattern;
use super::{value_from_json, Additional, Node, NodeId, Schema, Types, Usage};
use crate::error::{Error, ErrorKind, Result};
use crate::values::path::{Segment, ValuePath};

/// Compiles a whole schema document.
pub(super) fn compile(root: &Json) -> Result<Schema> {
    let mut compiler = Compiler {
        nodes: vec![Node::default()],
        refs: BTreeMap::new(),
        path: ValuePath::default(),
        patterns: Vec::new(),
    };
    let mut definitions = BTreeMap::new();
    let mut pending = Vec::new();
    for table in ["definitions", "$defs"] {
        if let Some(defs) = root.get(table).and_then(Json::as_object) {
            for (name, json) in defs {
                let id = NodeId(compiler.nodes.len());
                compiler.nodes.push(Node::default());
                compiler.refs.insert(format!("#/{table}/{}", escape_pointer(name)), id);
                definitions.insert(name.clone(), id);
                pending.push((id, table, name, json));
            }
        }
    }
    compiler.refs.insert("#".to_string(), NodeId(0));
    for (id, table, name, json) in pending {
        compiler.path = ValuePath(vec![key(table), key(name)]);
        compiler.compile_into(id, json)?;
    }
    compiler.path = ValuePath::default();
    compiler.compile_into(NodeId(0), root)?;
    Ok(Schema { nodes: compiler.nodes, root: NodeId(0), definitions })
}

struct Compiler {
    nodes: Vec<Node>,
    /// `$ref` text → node.
    refs: BTreeMap<String, NodeId>,
    /// Where the (sub)schema being compiled is in the document: `properties.replicaCount`, `anyOf[1]`.
    path: ValuePath,
    /// Each pattern source compiled once, sorted by source: the charts repeat theirs (k8s-service: 13 patterns,
    /// 2 sources), and a compiled pattern is shared by reference. A sorted `Vec`, as a map type of its own would
    /// add more code to the playground's wasm than the few sources need.
    patterns: Vec<(String, Pattern)>,
}

impl Compiler {
    /// Compiles the subschema `json`, found at `steps` below the current one, into a new node.
    fn compile(&mut self, steps: &[Segment], json: &Json) -> Result<NodeId> {
        let id = NodeId(self.nodes.len());
        self.nodes.push(Node::default());
        self.path.0.extend_from_slice(steps);
        self.compile_into(id, json)?;
        self.path.0.truncate(self.path.0.len() - steps.len());
        Ok(id)
    }

    fn compile_into(&mut self, id: NodeId, json: &Json) -> Result<()> {
        let object = match json {
            Json::Bool(allowed) => {
                self.nodes[id.0].never = !allowed;
                return Ok(());
            }
            Json::Object(object) => object,
            other => return Err(schema_error(format!("expected a schema (object or boolean), found {other}"))),
        };
        let mut node = Node::default();
        if let Some(reference) = object.get("$ref") {
            let text = reference.as_str().ok_or_else(|| schema_error("$ref must be a string"))?;
            let target = self.refs.get(text).ok_or_else(|| schema_error(format!("unresolved $ref {text:?}")))?;
            node.reference = Some(*target);
        }
        if let Some(types) = object.get("type") {
            node.types = Some(parse_types(types)?);
        }
        if object.get("x-kubernetes-int-or-string").and_then(Json::as_bool) == Some(true) {
            node.types = Some(Types::INTEGER.union(Types::STRING));
        }
        if let Some(properties) = object.get("properties") {
            let properties =
                properties.as_object().ok_or_else(|| schema_error("properties must be an object of schemas"))?;
            for (name, json) in properties {
                let child = self.compile(&[key("properties"), key(name)], json)?;
                node.properties.insert(name.clone(), child);
            }
        }
        match object.get("additionalProperties") {
            None | Some(Json::Bool(true)) => {}
            Some(Json::Bool(false)) => node.additional = Additional::Forbidden,
            Some(json) => node.additional = Additional::Schema(self.compile(&[key("additionalProperties")], json)?),
        }
        if let Some(required) = object.get("required") {
            let names = required.as_array().ok_or_else(|| schema_error("required must be a list of key names"))?;
            for name in names {
                let name = name.as_str().ok_or_else(|| schema_error("required must be a list of key names"))?;
                node.required.push(name.to_string());
            }
        }
        if let Some(items) = object.get("items") {
            // The draft-4 tuple form (a list of schemas) is not used by values or Kubernetes schemas: not checked.
            if !items.is_array() {
                node.items = Some(self.compile(&[key("items")], items)?);
            }
        }
        if let Some(values) = object.get("enum") {
            let values = values.as_array().ok_or_else(|| schema_error("enum must be a list"))?;
            node.enumeration = Some(values.iter().map(value_from_json).collect());
        }
        node.constant = object.get("const").map(value_from_json);
        node.minimum = number(object, "minimum")?;
        node.maximum = number(object, "maximum")?;
        node.exclusive_minimum = number(object, "exclusiveMinimum")?;
        node.exclusive_maximum = number(object, "exclusiveMaximum")?;
        node.min_length = count(object, "minLength")?;
        node.max_length = count(object, "maxLength")?;
        if let Some(pattern) = object.get("pattern") {
            let source = pattern.as_str().ok_or_else(|| schema_error("pattern must be a string"))?;
            let pattern = match self.patterns.binary_search_by(|(known, _)| known.as_str().cmp(source)) {
                Ok(at) => self.patterns[at].1.clone(),
                Err(at) => {
                    let pattern = Pattern::new(source)
                        .map_err(|err| schema_error(format!("{}: {err}", self.path.child(key("pattern")))))?;
                    self.patterns.insert(at, (source.to_string(), pattern.clone()));
                    pattern
                }
            };
            node.pattern = Some(pattern);
            node.pattern_description = object.get("x-pattern-description").and_then(Json::as_str).map(str::to_string);
        }
        node.min_items = count(object, "minItems")?;
        node.max_items = count(object, "maxItems")?;
        node.any_of = self.compile_list(object, "anyOf")?;
        node.one_of = self.compile_list(object, "oneOf")?;
        node.all_of = self.compile_list(object, "allOf")?;
        node.description = object.get("description").and_then(Json::as_str).map(str::to_string);
        if let Some(usage) = object.get("x-helm") {
            let name = usage.as_str().unwrap_or_default();
            node.usage = Some(Usage::from_name(name).ok_or_else(|| schema_error(format!("unknown x-helm {usage}")))?);
        }
        node.kubernetes = object.get("x-kubernetes").and_then(Json::as_str).map(str::to_string);
        node.default = object.get("default").map(value_from_json);
        self.nodes[id.0] = node;
        Ok(())
    }

    fn compile_list(&mut self, object: &serde_json::Map<String, Json>, keyword: &str) -> Result<Vec<NodeId>> {
        let Some(list) = object.get(keyword) else { return Ok(Vec::new()) };
        let list = list.as_array().ok_or_else(|| schema_error(format!("{keyword} must be a list of schemas")))?;
        list.iter().enumerate().map(|(idx, json)| self.compile(&[key(keyword), Segment::Index(idx)], json)).collect()
    }
}

fn parse_types(json: &Json) -> Result<Types> {
    let one = |json: &Json| -> Result<Types> {
        let name = json.as_str().ok_or_else(|| schema_error("type must be a name or a list of names"))?;
        Types::from_name(name).ok_or_else(|| schema_error(format!("unknown type {name:?}")))
    };
    match json {
        Json::Array(names) => names.iter().try_fold(Types(0), |acc, name| Ok(acc.union(one(name)?))),
        name => one(name),
    }
}

fn number(object: &serde_json::Map<String, Json>, keyword: &str) -> Result<Option<f64>> {
    match object.get(keyword) {
        None => Ok(None),
        // Draft 4's boolean `exclusiveMinimum` modifies `minimum`; it is rare enough to be ignored.
        Some(Json::Bool(_)) => Ok(None),
        Some(json) => json.as_f64().map(Some).ok_or_else(|| schema_error(format!("{keyword} must be a number"))),
    }
}

fn count(object: &serde_json::Map<String, Json>, keyword: &str) -> Result<Option<usize>> {
    match object.get(keyword) {
        None => Ok(None),
        Some(json) => json
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| schema_error(format!("{keyword} must be a non-negative integer"))),
    }
}

fn key(name: &str) -> Segment {
    Segment::Key(name.to_string())
}

/// A definition name as it appears in a JSON pointer (`/` → `~1`, `~` → `~0`).
fn escape_pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn schema_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Chart, format!("invalid schema: {}", message.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_resolve_including_recursion() {
        let schema = Schema::from_json(
            r##"{"$ref": "#/definitions/tree", "definitions": {"tree": {"type": "object",
            "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/tree"}}}}}}"##,
        );
        assert!(schema.is_ok());
    }

    #[test]
    fn err_unresolved_ref_names_it() {
        let err = Schema::from_json(r##"{"$ref": "#/definitions/nope"}"##).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some(r##"invalid schema: unresolved $ref "#/definitions/nope""##));
    }

    #[test]
    fn each_node_checks_its_own_pattern_when_sources_repeat() {
        let schema = Schema::from_json(
            r#"{"properties": {"a": {"pattern": "^a$"}, "b": {"pattern": "^b$"}, "c": {"pattern": "^a$"}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let values = |entries: &[(&str, &str)]| {
            crate::values::Value::Map(
                entries.iter().map(|(k, v)| (k.to_string(), crate::values::Value::String(v.to_string()))).collect(),
            )
        };
        let failing = |entries: &[(&str, &str)]| -> Vec<String> {
            schema.validate(&values(entries)).iter().map(|problem| problem.path.to_string()).collect()
        };
        assert_eq!(failing(&[("a", "a"), ("b", "b"), ("c", "a")]), Vec::<String>::new());
        assert_eq!(failing(&[("a", "b"), ("b", "a"), ("c", "b")]), ["a", "b", "c"]);
    }

    #[test]
    fn err_unsupported_pattern_is_a_schema_error() {
        let err = Schema::from_json(r#"{"type": "string", "pattern": "(?=a)"}"#).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(r#"invalid schema: pattern: invalid pattern "(?=a)": look-around is not supported"#)
        );
    }

    #[test]
    fn err_invalid_pattern_names_its_schema_path() {
        let cases = [
            (r#"{"properties": {"replicaCount": {"pattern": "(a)\\1"}}}"#, "properties.replicaCount.pattern"),
            (r#"{"items": {"anyOf": [{}, {"pattern": "(?=a)"}]}}"#, "items.anyOf[1].pattern"),
            (
                r#"{"additionalProperties": {"oneOf": [{"allOf": [{"pattern": "(?=a)"}]}]}}"#,
                "additionalProperties.oneOf[0].allOf[0].pattern",
            ),
            (
                r#"{"definitions": {"port": {"properties": {"a.b": {"pattern": "(?=a)"}}}}}"#,
                r#"definitions.port.properties["a.b"].pattern"#,
            ),
            (
                r#"{"properties": {"ok": {"pattern": "^a$"}}, "$defs": {"x": {"pattern": "(?=a)"}}}"#,
                r#"["$defs"].x.pattern"#,
            ),
        ];
        for (json, path) in cases {
            let err = Schema::from_json(json).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.starts_with(&format!("invalid schema: {path}: invalid pattern ")), "{err}");
        }
    }

    #[test]
    fn err_unknown_type() {
        let err = Schema::from_json(r#"{"type": "str"}"#).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some(r#"invalid schema: unknown type "str""#));
    }
}
