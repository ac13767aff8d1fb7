//! A JSON Schema validator over the values tree, for charts' `values.schema.json` and Kubernetes OpenAPI schemas.
//!
//! A schema is compiled once ([`Schema::from_json`]: JSON parsed into a flat table of nodes, every `$ref`
//! resolved) and then validates many values quickly ([`Schema::validate`]), e.g. on every keystroke in the
//! playground. Each [`Problem`] names the [`ValuePath`] it is about, so the caller can point at the line where the
//! value is written (see [`crate::values::path::SpanIndex`]). The same compiled tree answers the editor's
//! questions: [`Schema::describe`] for hover and [`Schema::completions`] for keys and enum values at a path.
//!
//! Supported keywords — what values schemas and Kubernetes OpenAPI v2 / v3 definitions use:
//! `type` (a name or a list), `properties`, `additionalProperties` (bool or schema), `required`, `items`, `enum`,
//! `const`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (numbers, draft 6+), `minLength`,
//! `maxLength`, `pattern` (ECMA-262 as far as `regex-lite` matches it in linear time, see [`pattern`]; a pattern it
//! cannot match is a schema error naming its path; `x-pattern-description` names in messages what a pattern
//! accepts), `minItems`, `maxItems`, `anyOf`, `oneOf`, `allOf`, `$ref` to `#`, `#/definitions/…` and `#/$defs/…`,
//! `description` and `default` (kept for hover), and `x-kubernetes-int-or-string`. Two keywords of our own: `x-helm`
//! (how the templates use a value, see [`Usage`]) and `x-kubernetes`, which names the Kubernetes definition a
//! value passed through to an object follows (`"x-kubernetes": "core.v1.Probe"` on `livenessProbe`), so the editor
//! can document and complete inside it from the Kubernetes schema ([`Schema::kubernetes_field`]). Other keywords
//! are ignored, notably `format`.
//!
//! Helm reads values as float64, so `integer` accepts a number with an integral value (`3.0`). When every branch
//! of an `anyOf`/`oneOf` fails only on the value's type, the problems merge into one (`expected string or
//! integer, got boolean true`); otherwise the branch that got furthest is reported.

mod compile;
mod editor;
mod pattern;
mod validate;

use std::collections::BTreeMap;
use std::fmt;

use crate::error::Result;
use crate::values::path::ValuePath;
use crate::values::{Map, Value};

pub use editor::{Completion, CompletionKind, Description, Entry, EntryKey};

/// A compiled JSON Schema: validates values and answers editor questions.
#[derive(Debug, Clone)]
pub struct Schema {
    nodes: Vec<Node>,
    root: NodeId,
    definitions: BTreeMap<String, NodeId>,
}

/// One problem found by [`Schema::validate`]: which value, and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The value the problem is about (for a missing key: the object that lacks it).
    pub path: ValuePath,
    /// What is wrong, lowercase, e.g. `expected integer, got string "soon"` or `unknown key "contanerImage"`.
    pub message: String,
    /// A replacement the editor can offer: the closest known key or enum value, when one is close.
    pub suggestion: Option<Suggestion>,
    /// What to do, in words: `did you mean "containerImage"?`, or to quote a scalar YAML read as another type.
    pub help: Option<String>,
}

/// What a [`Problem`] suggests writing instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggestion {
    /// This key, in place of an unknown one.
    Key(String),
    /// This value, in place of one outside an `enum`.
    Value(String),
    /// The scalar as written, quoted: YAML read it as a boolean or a number where a string is expected.
    Quote,
}

impl fmt::Display for Problem {
    /// `containerImage.tag: expected string, got number 1 (quote it: …)`; a problem about the root shows its
    /// message alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.0.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        match &self.help {
            Some(help) => write!(f, " ({help})"),
            None => Ok(()),
        }
    }
}

impl Schema {
    /// Compiles a schema from its JSON text; fails on invalid JSON, an unknown `type`, an unresolved `$ref` or a
    /// `pattern` it cannot match.
    pub fn from_json(text: &str) -> Result<Schema> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|err| {
            crate::error::Error::new(crate::error::ErrorKind::Chart, format!("the schema is not valid JSON: {err}"))
        })?;
        Schema::from_json_value(&json)
    }

    /// Compiles a schema from parsed JSON.
    pub fn from_json_value(json: &serde_json::Value) -> Result<Schema> {
        compile::compile(json)
    }

    /// Checks `value` against the whole schema; an empty list means valid.
    pub fn validate(&self, value: &Value) -> Vec<Problem> {
        validate::validate(self, self.root, value)
    }

    /// The checks of [`Schema::validate`] on a map, split by entry, when the root schema allows it (a plain object
    /// schema: nothing at the root looks at the map as a whole but its required keys); `None` otherwise.
    pub(crate) fn root_checks(&self) -> Option<RootChecks<'_>> {
        validate::splittable_root(self).map(|node| RootChecks { schema: self, node })
    }

    /// Checks `value` against one definition (`#/definitions/NAME` or `#/$defs/NAME`), or `None` when the schema
    /// has no such definition.
    pub fn validate_definition(&self, name: &str, value: &Value) -> Option<Vec<Problem>> {
        let id = *self.definitions.get(name)?;
        Some(validate::validate(self, id, value))
    }

    /// True when the schema has a definition called `name`.
    pub fn has_definition(&self, name: &str) -> bool {
        self.definitions.contains_key(name)
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }
}

/// [`Schema::validate`] of a map, in parts: [`RootChecks::required`] then [`RootChecks::entry`] of each entry in key
/// order give what `validate` gives, so a caller can check again only the entries that changed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RootChecks<'s> {
    schema: &'s Schema,
    node: &'s Node,
}

impl RootChecks<'_> {
    /// The problems of the required keys a map lacks (`has` says which keys it holds).
    pub(crate) fn required(&self, has: impl Fn(&str) -> bool) -> Vec<Problem> {
        validate::validate_root_required(self.schema, self.node, has)
    }

    /// The problems of the map's entry `key: value`.
    pub(crate) fn entry(&self, key: &str, value: &Value) -> Vec<Problem> {
        validate::validate_root_entry(self.schema, self.node, key, value)
    }
}

/// JSON as a values tree; numbers become floats, as Helm reads JSON (so `3` and `3.0` are the same value).
pub fn value_from_json(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Seq(items.iter().map(value_from_json).collect()),
        serde_json::Value::Object(object) => {
            Value::Map(object.iter().map(|(k, v)| (k.clone(), value_from_json(v))).collect::<Map>())
        }
    }
}

/// Index of a node in [`Schema::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct NodeId(usize);

/// One compiled (sub)schema. Keywords that are absent are `None` / empty and check nothing.
#[derive(Debug, Clone, Default)]
struct Node {
    /// Allowed types as a [`Types`] mask; `None` allows every type.
    types: Option<Types>,
    properties: BTreeMap<String, NodeId>,
    additional: Additional,
    required: Vec<String>,
    items: Option<NodeId>,
    enumeration: Option<Vec<Value>>,
    constant: Option<Value>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    exclusive_minimum: Option<f64>,
    exclusive_maximum: Option<f64>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    /// `pattern`, checked on strings only.
    pattern: Option<pattern::Pattern>,
    /// `x-pattern-description`: what the pattern accepts, in words, for messages (`integer or a string of digits`).
    pattern_description: Option<String>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    any_of: Vec<NodeId>,
    one_of: Vec<NodeId>,
    all_of: Vec<NodeId>,
    reference: Option<NodeId>,
    /// The schema `false`: nothing is valid.
    never: bool,
    description: Option<String>,
    default: Option<Value>,
    /// `x-helm`: how the chart's templates use the value.
    usage: Option<Usage>,
    /// `x-kubernetes`: the value is passed to a Kubernetes object as written, and this definition of the
    /// Kubernetes schema (`core.v1.Probe`) says what it holds.
    kubernetes: Option<String>,
}

/// How a chart's templates use a value (the values schema's `x-helm` keyword): what decides whether a value that
/// YAML read differently from how it is written, or a string where a boolean is meant, is what the user meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// `text`: written as a string (quoted, or inside a quoted string): any scalar works, as Go prints it.
    Text,
    /// `flag`: only tested (`if`): any non-empty string counts as true, `"false"` included.
    Flag,
    /// `boolean`: printed as is where Kubernetes expects a boolean: a word YAML reads as one works.
    Boolean,
    /// `number`: printed as is where Kubernetes expects an integer, in Go's float format for numbers from files.
    Number,
    /// `int`: read with `int` (a string of digits works, any other string becomes 0).
    Int,
    /// `file-mode`: three octal digits (`644`), which the chart turns into the decimal Kubernetes expects.
    FileMode,
}

impl Usage {
    fn from_name(name: &str) -> Option<Usage> {
        Some(match name {
            "text" => Usage::Text,
            "flag" => Usage::Flag,
            "boolean" => Usage::Boolean,
            "number" => Usage::Number,
            "int" => Usage::Int,
            "file-mode" => Usage::FileMode,
            _ => return None,
        })
    }
}

/// What `additionalProperties` says about keys not in `properties`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum Additional {
    /// Absent or `true`: any key, any value.
    #[default]
    Allowed,
    /// `false`: unknown keys are problems.
    Forbidden,
    /// A schema every other key's value must match.
    Schema(NodeId),
}

/// A set of JSON Schema types as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Types(u8);

impl Types {
    const NULL: Types = Types(1);
    const BOOLEAN: Types = Types(2);
    const INTEGER: Types = Types(4);
    const NUMBER: Types = Types(8);
    const STRING: Types = Types(16);
    const ARRAY: Types = Types(32);
    const OBJECT: Types = Types(64);
    /// In the order messages list them.
    const NAMED: [(Types, &'static str); 7] = [
        (Types::OBJECT, "object"),
        (Types::ARRAY, "array"),
        (Types::STRING, "string"),
        (Types::INTEGER, "integer"),
        (Types::NUMBER, "number"),
        (Types::BOOLEAN, "boolean"),
        (Types::NULL, "null"),
    ];

    fn from_name(name: &str) -> Option<Types> {
        Types::NAMED.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
    }

    fn union(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }

    fn contains(self, other: Types) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether a value of this type set accepts `value` (an integral float is an integer, an integer a number).
    fn accepts(self, value: &Value) -> bool {
        match value {
            Value::Null => self.contains(Types::NULL),
            Value::Bool(_) => self.contains(Types::BOOLEAN),
            Value::Int(_) => self.contains(Types::INTEGER.union(Types::NUMBER)),
            Value::Float(f) => {
                self.contains(Types::NUMBER) || (self.contains(Types::INTEGER) && f.is_finite() && f.fract() == 0.0)
            }
            Value::String(_) => self.contains(Types::STRING),
            Value::Seq(_) => self.contains(Types::ARRAY),
            Value::Map(_) => self.contains(Types::OBJECT),
        }
    }

    /// `integer or string`; `null` is left out when other types are allowed, as it rarely helps the reader.
    fn describe(self) -> String {
        let names: Vec<&str> = Types::NAMED
            .iter()
            .filter(|(t, _)| self.contains(*t) && !(*t == Types::NULL && self.0 != Types::NULL.0))
            .map(|(_, n)| *n)
            .collect();
        names.join(" or ")
    }
}
