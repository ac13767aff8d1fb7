//! Moving values between the values tree ([`crate::Value`]) and the template engine's values.

use std::collections::BTreeMap;

use minijinja::value::{Value as TValue, ValueKind};

use crate::values::{Map, Value};

/// The template-side value of a values tree. Floats stay floats and integers integers, so printing
/// and arithmetic follow Helm's float64/int64 split.
pub fn to_template(value: &Value) -> TValue {
    match value {
        Value::Null => TValue::from(()),
        Value::Bool(b) => TValue::from(*b),
        Value::Int(i) => TValue::from(*i),
        Value::Float(f) => TValue::from(*f),
        Value::String(s) => TValue::from(s.as_str()),
        Value::Seq(items) => TValue::from(items.iter().map(to_template).collect::<Vec<_>>()),
        Value::Map(map) => to_template_map(map),
    }
}

/// The template-side value of a map.
pub fn to_template_map(map: &Map) -> TValue {
    TValue::from(map.iter().map(|(k, v)| (k.clone(), to_template(v))).collect::<BTreeMap<String, TValue>>())
}

/// The values-tree form of a template value (for `toYaml`, `toJson`). Undefined becomes null; map keys
/// become strings as JSON would have them.
pub fn from_template(value: &TValue) -> Value {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => Value::Null,
        ValueKind::Bool => Value::Bool(value.is_true()),
        ValueKind::Number => {
            if value.is_integer() {
                match i64::try_from(value.clone()) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(f64::try_from(value.clone()).unwrap_or(f64::NAN)),
                }
            } else {
                Value::Float(f64::try_from(value.clone()).unwrap_or(f64::NAN))
            }
        }
        ValueKind::String => Value::String(value.as_str().unwrap_or_default().to_string()),
        ValueKind::Seq | ValueKind::Iterable => {
            Value::Seq(value.try_iter().map(|iter| iter.map(|item| from_template(&item)).collect()).unwrap_or_default())
        }
        ValueKind::Map => {
            let mut map = Map::new();
            if let Ok(keys) = value.try_iter() {
                for key in keys {
                    let item = value.get_item(&key).unwrap_or_default();
                    map.insert(super::format::go_sprint(&key), from_template(&item));
                }
            }
            Value::Map(map)
        }
        _ => Value::String(value.to_string()),
    }
}
