//! The values tree: what a chart's `values.yaml`, a user's values files and `--set` flags become.
//!
//! Helm reads values files through JSON, so every number from a file is a float64 (`Value::Float`), map keys are
//! always strings and maps iterate in sorted key order (as Go templates range over them). Only `--set` produces
//! integers (`Value::Int`), as Helm's strvals parser does.

pub(crate) mod json;
pub mod merge;
pub mod path;
pub mod source;

use std::collections::BTreeMap;

/// A map of values, iterated in sorted key order.
pub type Map = BTreeMap<String, Value>;

/// One node of a values tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`, `~` or an empty scalar.
    #[default]
    Null,
    /// A boolean (YAML 1.1: also `yes`, `on`, `y`, …).
    Bool(bool),
    /// An integer; only `--set` produces these (Helm's int64).
    Int(i64),
    /// A number read from a values file (Helm's float64).
    Float(f64),
    /// A string.
    String(String),
    /// A list.
    Seq(Vec<Value>),
    /// A mapping with string keys.
    Map(Map),
}

impl Value {
    /// The value as a map, if it is one.
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    /// The value as a string slice, if it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the value's type for messages: `a mapping`, `a string`, …
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(i) => serializer.serialize_i64(*i),
            Value::Float(f) => serializer.serialize_f64(*f),
            Value::String(s) => serializer.serialize_str(s),
            Value::Seq(items) => serializer.collect_seq(items),
            Value::Map(map) => serializer.collect_map(map),
        }
    }
}
