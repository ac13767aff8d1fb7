//! Writing YAML like Helm's `toYaml` (sigs.k8s.io/yaml: JSON round trip, then go-yaml v2's emitter).

use crate::values::Value;

/// Helm's `toYaml`: block YAML, keys sorted, two-space indent, no trailing newline.
pub fn to_yaml(value: &Value) -> String {
    let _ = value;
    todo!("toYaml emitter")
}
