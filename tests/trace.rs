//! Tracing over the whole parity corpus: for every case that renders, the traced render reproduces the render
//! exactly, and every output field that shows a value the user wrote traces to that value's path.
//!
//! "Shows a value": the field's scalar is exactly a string the user wrote in values.yaml (at least 4 characters,
//! written once, and neither a string of the chart's defaults, nor a quoted constant of its templates, nor the
//! release name or namespace, so that the match is unambiguous). A field that shows a map key traces to the entry
//! of that key.

use std::collections::HashMap;
use std::path::Path;

use chartplay_core::yaml::read::{read, read_any};
use chartplay_core::{Session, Value, ValuePath};
use chartplay_tests::corpus::{discover, Case};
use chartplay_tests::render;

/// Every scalar string of `value`, by path.
fn strings(value: &Value, path: &mut Vec<chartplay_core::values::path::Segment>, out: &mut Vec<(ValuePath, String)>) {
    use chartplay_core::values::path::Segment;
    match value {
        Value::String(s) => out.push((ValuePath(path.clone()), s.clone())),
        Value::Map(map) => {
            for (key, child) in map {
                path.push(Segment::Key(key.clone()));
                strings(child, path, out);
                path.pop();
            }
        }
        Value::Seq(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Segment::Index(index));
                strings(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn all_strings(value: &Value) -> Vec<(ValuePath, String)> {
    let mut out = Vec::new();
    strings(value, &mut Vec::new(), &mut out);
    out
}

/// The text of the chart's templates and of the library chart's.
fn templates(chart: &str) -> String {
    let charts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../charts");
    let mut text = String::new();
    for dir in [charts.join(chart).join("templates"), charts.join("common/templates")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    text
}

#[test]
fn every_field_that_shows_a_user_value_traces_to_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("parity");
    let mut checked_cases = 0;
    let mut checked_fields = 0;
    let mut failures = Vec::new();
    for corpus in ["cases", "extra", "policy"] {
        for dir in discover(&root.join(corpus)).unwrap_or_default() {
            let case = Case::load(&dir).unwrap_or_else(|e| panic!("{e}"));
            if case.expect_error.is_some() {
                continue;
            }
            let label = dir.strip_prefix(&root).unwrap_or(&dir).display().to_string();
            let text = std::fs::read_to_string(dir.join("values.yaml")).unwrap_or_default();
            let inputs = render::inputs(&case, text.clone());
            let mut session = Session::builtin(&case.chart).unwrap();
            let rendered = session.run(&inputs, chartplay_core::Checks { values: false, objects: false }).rendered;
            let Some(rendered) = rendered else { continue };
            let trace = match session.trace(&inputs) {
                Ok(trace) => trace,
                Err(diagnostic) => {
                    failures.push(format!("{label}: {diagnostic}"));
                    continue;
                }
            };
            checked_cases += 1;
            // The user's strings that identify their value.
            let user = read(&text, "values.yaml").map(|d| d.value).unwrap_or_default();
            let defaults: Vec<String> = all_strings(&Value::Map(session.chart().default_values().clone()))
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            let mut counts: HashMap<String, usize> = HashMap::new();
            let user_strings = all_strings(&user);
            for (_, s) in &user_strings {
                *counts.entry(s.clone()).or_default() += 1;
            }
            let constants = templates(&case.chart);
            let telling: HashMap<&str, &ValuePath> = user_strings
                .iter()
                .filter(|(_, s)| s.chars().count() >= 4 && counts[s] == 1 && !defaults.contains(s))
                .filter(|(_, s)| !constants.contains(&format!("\"{s}\"")))
                .filter(|(_, s)| **s != case.release_name && **s != case.namespace)
                .map(|(path, s)| (s.as_str(), path))
                .collect();
            for (index, manifest) in rendered.manifests.iter().enumerate() {
                let object = read_any(&manifest.text, "manifest").map(|d| d.value).unwrap_or_default();
                for (field, value) in all_strings(&object) {
                    let Some(path) = telling.get(value.as_str()) else { continue };
                    checked_fields += 1;
                    let spans = trace.field(index, &field).unwrap_or_default();
                    let is_key = |span: &chartplay_core::trace::Span| matches!(span.value.0.last(), Some(chartplay_core::values::path::Segment::Key(k)) if *k == value);
                    if !spans.iter().any(|span| span.value == **path || is_key(span)) {
                        let found: Vec<String> = spans.iter().map(|s| s.value.to_string()).collect();
                        failures.push(format!(
                            "{label}: {}/{}:{field} shows {value:?} of {path}, traced to {found:?}",
                            manifest.kind, manifest.name
                        ));
                    }
                }
            }
        }
    }
    println!("traced {checked_cases} renders, {checked_fields} fields showing a user value");
    assert!(checked_cases > 150, "only {checked_cases} cases traced");
    assert!(failures.is_empty(), "{} untraced:\n{}", failures.len(), failures.join("\n"));
}
