//! `cargo xtask docs`: writes each chart's `values.schema.json` and the values table of its README from one source.
//!
//! The source is `xtask/schema/`: `common.json` holds the pod interface every chart shares (`pod`, with
//! k8s-service's defaults) and blocks a chart takes by name (`parts`: `service`, `serviceMonitor`);
//! `<chart>.json` holds the chart's own keys (`properties`), the parts it `include`s and `overrides` deep-merged
//! over the shared keys where its defaults differ (k8s-job's `shutdownDelay: 0`). Assembling is plain JSON work,
//! so the generated `charts/<chart>/values.schema.json` is an ordinary draft-07 schema that Helm reads too.
//!
//! The README table is written between `<!-- values-table:start -->` and `<!-- values-table:end -->`: a row per
//! top-level key in the order of the chart's `values.yaml` (keys it only mentions in comments included), then a
//! row per key of each closed object (`service.type`), after a comment telling contributors where to edit (the
//! playground leaves the table out of the README it shows). `cargo xtask docs --check` (run by
//! `cargo xtask test`) fails when a generated file differs from what is committed.

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::util::{project_root, Result};

/// The charts whose schema and README table are generated.
const CHARTS: [&str; 3] = ["k8s-service", "k8s-daemon-set", "k8s-job"];
const TABLE_START: &str = "<!-- values-table:start -->";
const TABLE_END: &str = "<!-- values-table:end -->";
/// Written first between the markers: a note for contributors, as a comment, so readers never see it (the
/// playground leaves out all that lies between the markers; its values browser replaces the table).
const TABLE_NOTE: &str =
    "<!-- Generated from values.schema.json by `cargo xtask docs`: edit xtask/schema/ rather than this table. -->";

/// `cargo xtask docs [--check]`: writes the generated files, or with `--check` only reports stale ones.
pub fn run(args: &[String]) -> Result {
    let check_only = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask docs [--check]".into()),
    };
    let root = project_root();
    let mut stale = Vec::new();
    for chart in CHARTS {
        let chart_dir = root.join("charts").join(chart);
        let schema = assemble(&root.join("xtask/schema"), chart)?;
        let schema_text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())? + "\n";
        let values_yaml = read(&chart_dir.join("values.yaml"))?;
        let readme_path = chart_dir.join("README.md");
        let readme = read(&readme_path)?;
        let table = values_table(&schema, &values_yaml);
        let new_readme = replace_table(&readme, &table)
            .ok_or_else(|| format!("{} lacks the {TABLE_START} / {TABLE_END} markers", readme_path.display()))?;
        for (path, text) in [(chart_dir.join("values.schema.json"), schema_text), (readme_path, new_readme)] {
            if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
                continue;
            }
            if check_only {
                stale.push(path.strip_prefix(&root).unwrap_or(&path).display().to_string());
            } else {
                std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("stale generated docs: {} (run `cargo xtask docs`)", stale.join(", ")))
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_json(path: &Path) -> Result<Value> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// Builds one chart's schema from `common.json` and `<chart>.json` in `source_dir`.
fn assemble(source_dir: &Path, chart: &str) -> Result<Value> {
    let common = read_json(&source_dir.join("common.json"))?;
    let own = read_json(&source_dir.join(format!("{chart}.json")))?;
    let mut properties = common["pod"].as_object().cloned().unwrap_or_default();
    for part in own["include"].as_array().into_iter().flatten() {
        let name = part.as_str().unwrap_or_default();
        let schema = common["parts"].get(name).ok_or_else(|| format!("{chart}.json includes unknown part {name:?}"))?;
        properties.insert(name.to_string(), schema.clone());
    }
    for (key, schema) in own["properties"].as_object().into_iter().flatten() {
        properties.insert(key.clone(), schema.clone());
    }
    for (key, patch) in own["overrides"].as_object().into_iter().flatten() {
        let target = properties.get_mut(key).ok_or_else(|| format!("{chart}.json overrides unknown key {key:?}"))?;
        deep_merge(target, patch);
    }
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": own["title"],
        "description": own["description"],
        "type": "object",
        // Only applicationName: a missing containerImage is better reported by the templates, which name the
        // missing field (`containerImage.repository is required`), as Gruntwork's chart does.
        "required": ["applicationName"],
        "additionalProperties": false,
        "properties": properties,
    });
    if let Some(definitions) = own.get("definitions") {
        schema["definitions"] = definitions.clone();
    }
    Ok(schema)
}

/// Merges the schema `patch` into `target`: objects key by key, anything else replaces; a `default` or `enum` is
/// data, so it replaces too.
fn deep_merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                match target.get_mut(key) {
                    Some(existing) if key != "default" && key != "enum" => deep_merge(existing, value),
                    Some(existing) => *existing = value.clone(),
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// Replaces what lies between the table markers of `readme`, or `None` without markers.
fn replace_table(readme: &str, table: &str) -> Option<String> {
    let start = readme.find(TABLE_START)? + TABLE_START.len();
    let end = start + readme[start..].find(TABLE_END)?;
    Some(format!("{}\n{TABLE_NOTE}\n{table}{}", &readme[..start], &readme[end..]))
}

/// The markdown values table of a chart's schema.
fn values_table(schema: &Value, values_yaml: &str) -> String {
    let empty = Map::new();
    let properties = schema["properties"].as_object().unwrap_or(&empty);
    let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let mut out = String::from("| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n");
    for key in key_order(properties, values_yaml) {
        rows(&mut out, &key, &properties[&key], required.contains(&key.as_str()));
    }
    out
}

/// Top-level keys in the order `values.yaml` first names them (`key:` lines, or `#   key:` in its comments), then
/// the rest alphabetically.
fn key_order(properties: &Map<String, Value>, values_yaml: &str) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for line in values_yaml.lines() {
        // A key at the start of a line, or in a comment after one to three spaces (`#   dnsPolicy: ...`; nested
        // keys in comments are indented further).
        let text = match line.strip_prefix('#') {
            Some(comment) => {
                let indent = comment.len() - comment.trim_start().len();
                if !(1..=3).contains(&indent) {
                    continue;
                }
                comment.trim_start()
            }
            None if line.starts_with(char::is_whitespace) => continue,
            None => line,
        };
        let Some((key, _)) = text.split_once(':') else { continue };
        if properties.contains_key(key) && !order.iter().any(|k| k == key) {
            order.push(key.to_string());
        }
    }
    let mut rest: Vec<String> = properties.keys().filter(|k| !order.contains(k)).cloned().collect();
    rest.sort();
    order.extend(rest);
    order
}

/// The row of `key`, then rows of the keys of `schema` when it is a closed object.
fn rows(out: &mut String, key: &str, schema: &Value, required: bool) {
    let default = match schema.get("default") {
        _ if required => "required".to_string(),
        Some(value) => format!("`{}`", flow(value)),
        None => "—".to_string(),
    };
    let mut description = schema["description"].as_str().unwrap_or_default().to_string();
    if let Some(values) = schema["enum"].as_array() {
        let names: Vec<String> = values.iter().filter(|v| !v.is_null()).map(|v| format!("`{}`", flow(v))).collect();
        description.push_str(&format!(" One of {}.", names.join(", ")));
    }
    out.push_str(&format!(
        "| `{key}` | {} | {default} | {} |\n",
        type_name(schema),
        description.replace('|', "\\|").replace('\n', " ")
    ));
    if schema["additionalProperties"] == Value::Bool(false) {
        if let Some(properties) = schema["properties"].as_object() {
            let mut keys: Vec<&String> = properties.keys().collect();
            // `enabled` leads: it decides whether the rest matters.
            keys.sort_by_key(|k| (k.as_str() != "enabled", k.to_string()));
            for child in keys {
                rows(out, &format!("{key}.{child}"), &properties[child], false);
            }
        }
    }
}

/// `type` as the table shows it: `string`, `integer or string`, `object or null`; `any` when untyped.
fn type_name(schema: &Value) -> String {
    match &schema["type"] {
        Value::String(name) => name.clone(),
        Value::Array(names) => names.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" or "),
        _ => "any".to_string(),
    }
}

/// A value as compact YAML flow text: `{http: {port: 80, protocol: TCP}}`, `[cpu, memory]`, `""`, `null`.
fn flow(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let plain = !s.is_empty()
                && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                && !matches!(s.to_ascii_lowercase().as_str(), "off" | "on" | "yes" | "no" | "true" | "false" | "null")
                && s.parse::<f64>().is_err();
            if plain {
                s.clone()
            } else {
                format!("{s:?}")
            }
        }
        Value::Array(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k}: {}", flow(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_merge_into_shared_keys() {
        let mut target = json!({"type": "object", "properties": {"enabled": {"default": true}}});
        deep_merge(&mut target, &json!({"properties": {"enabled": {"default": false}}}));
        assert_eq!(target, json!({"type": "object", "properties": {"enabled": {"default": false}}}));
        let mut target = json!({"default": {"http": {"port": 80}}});
        deep_merge(&mut target, &json!({"default": {}}));
        assert_eq!(target, json!({"default": {}}));
    }

    #[test]
    fn flow_quotes_what_yaml_would_misread() {
        assert_eq!(flow(&json!({"a": "Off", "b": "", "c": ["cpu", 1]})), r#"{a: "Off", b: "", c: [cpu, 1]}"#);
    }

    #[test]
    fn keys_follow_values_yaml_then_the_alphabet() {
        let properties = json!({"b": {}, "a": {}, "z": {}, "c": {}});
        let values = "#   c: x\n#       z: nested in a comment\nb: 1\n  a: nested\na: 2\n";
        assert_eq!(key_order(properties.as_object().unwrap(), values), ["c", "b", "a", "z"]);
    }
}
