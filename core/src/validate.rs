//! Checking the user's values against the chart's `values.schema.json`, with where each mistake is written.
//!
//! Helm validates the *coalesced* values (the user's over the chart defaults) against the schema before rendering,
//! and so does [`check_values`]: a default the user nulled is gone, a default the user left alone is checked too
//! (so a schema that rejects its own chart's defaults shows up in tests, not in users' hands). Each problem names
//! the value path and the line and column where the user wrote that value or its nearest written parent; a
//! problem about a value only `--set` or the defaults provide has no location. Positions are read only when there
//! are problems: rendering itself does not record them.
//!
//! Rendering does not depend on this check: shells decide. The CLI prints the problems and stops unless
//! `--skip-schema-validation` is given, as Helm does; the playground marks them and renders anyway.
//!
//! The playground checks on every keystroke, so each schema is compiled once and kept (see [`compiled`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use crate::chart::Chart;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::render::UserValues;
use crate::schema::Schema;
use crate::values::merge;
use crate::values::path::ValuePath;
use crate::values::Value;

/// One way the user's values break the chart's schema, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuesProblem {
    /// The value the problem is about (for a missing key: the object that lacks it).
    pub path: ValuePath,
    /// What is wrong, e.g. `expected integer, got string "eighty"` or `unknown key "contanerImage" (did you mean
    /// "containerImage"?)`.
    pub message: String,
    /// The closest known key or enum value, when one is close: what an editor can offer as a fix.
    pub suggestion: Option<String>,
    /// Where the value, or its nearest written parent, is in the user's values files; `None` when the user did not
    /// write it in a file (a `--set` flag, a chart default). A problem about the whole document (a missing top-level
    /// key) points at the start of the last values file.
    pub location: Option<Location>,
}

impl fmt::Display for ValuesProblem {
    /// `containerPorts.http.port: expected integer, got string "eighty"`, without the location.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::schema::write_at_path(f, &self.path, &self.message)
    }
}

impl ValuesProblem {
    /// The problem as an [`Error`] of kind [`ErrorKind::Values`], with its value path and location, for shells
    /// that already know how to show errors.
    pub fn to_error(&self) -> Error {
        let mut error = Error::new(ErrorKind::Values, self.to_string());
        if !self.path.0.is_empty() {
            error = error.with_value_path(self.path.to_string());
        }
        if let Some(location) = &self.location {
            error = error.with_location(location.clone());
        }
        error
    }
}

/// Checks the user's values, coalesced over the chart defaults, against the chart's `values.schema.json`.
///
/// A chart without a schema has no problems. Fails only when the chart's schema itself is broken (invalid JSON,
/// an unresolved `$ref`).
///
/// ```
/// use chartplay_core::{load_values, validate::check_values, Chart, ValuesFile};
///
/// let chart = Chart::builtin("k8s-service")?;
/// let text = "applicationName: web\ncontanerImage:\n  repository: nginx\n";
/// let user = load_values(&[ValuesFile { name: "values.yaml".into(), text: text.into() }], &[], &[])?;
/// let problems = check_values(&chart, &user)?;
/// let typo = problems.iter().find(|p| p.suggestion.as_deref() == Some("containerImage")).unwrap();
/// assert_eq!(typo.location.as_ref().map(|l| (l.line, l.column)), Some((2, 1)));
/// # Ok::<(), chartplay_core::Error>(())
/// ```
pub fn check_values(chart: &Chart, user: &UserValues) -> Result<Vec<ValuesProblem>> {
    let Some(schema) = compiled(chart)? else { return Ok(Vec::new()) };
    let values = Value::Map(merge::coalesce(&user.values, chart.default_values()));
    let problems = schema.validate(&values);
    if problems.is_empty() {
        // The common case on every keystroke: no need to read the files again for positions.
        return Ok(Vec::new());
    }
    let spans = user.span_indexes();
    // As `UserValues::locate`: a later file wins, and within a file the deepest written path.
    let locate = |path: &ValuePath| spans.iter().find_map(|index| index.locate(path)).cloned();
    // Every path falls back to the document itself; a value no file writes (a `--set` key, a default) gets no
    // location rather than the file's first line.
    let document = locate(&ValuePath(Vec::new()));
    Ok(problems
        .into_iter()
        .map(|problem| ValuesProblem {
            location: match locate(&problem.path) {
                found if !problem.path.0.is_empty() && found == document => None,
                found => found,
            },
            path: problem.path,
            message: problem.message,
            suggestion: problem.suggestion,
        })
        .collect())
}

/// The chart's compiled schema, or `None` when it has none.
///
/// Compiled schemas are kept for the life of the process, keyed by the schema's text rather than the chart's name,
/// so that a chart folder on disk that shares a built-in chart's name still gets its own schema. Charts are few,
/// so the cache stays small.
pub fn compiled(chart: &Chart) -> Result<Option<Arc<Schema>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Schema>>>> = OnceLock::new();
    let Some(text) = chart.schema() else { return Ok(None) };
    let cache = CACHE.get_or_init(Default::default);
    // A panic while holding the lock cannot leave the map half-written, so a poisoned lock is still usable.
    if let Some(schema) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(text) {
        return Ok(Some(Arc::clone(schema)));
    }
    let schema = Arc::new(Schema::from_json(text).map_err(|err| {
        Error::new(ErrorKind::Chart, format!("{}/values.schema.json: {}", chart.name(), err.message()))
    })?);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(text.to_string(), Arc::clone(&schema));
    Ok(Some(schema))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{load_values, ValuesFile};

    fn problems(chart: &str, text: &str) -> Vec<ValuesProblem> {
        let chart = Chart::builtin(chart).unwrap();
        let user = load_values(&[ValuesFile { name: "values.yaml".into(), text: text.into() }], &[], &[]).unwrap();
        check_values(&chart, &user).unwrap()
    }

    /// `path: message @ line:column` for each problem.
    fn summary(chart: &str, text: &str) -> Vec<String> {
        problems(chart, text)
            .iter()
            .map(|p| match &p.location {
                Some(l) => format!("{p} @ {}:{}", l.line, l.column),
                None => format!("{p} @ nowhere"),
            })
            .collect()
    }

    const IMAGE: &str = "containerImage:\n  repository: nginx\n  tag: \"1.27\"\n";

    #[test]
    fn minimal_values_are_valid_in_every_chart() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            assert_eq!(summary(chart, &format!("applicationName: web\n{IMAGE}")), Vec::<String>::new(), "{chart}");
        }
    }

    #[test]
    fn misspelled_top_level_key_is_reported_where_written_with_a_suggestion() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let text = format!("applicationName: web\n{IMAGE}contanerPorts:\n  http:\n    port: 8080\n");
            let found = problems(chart, &text);
            assert_eq!(found.len(), 1, "{chart}: {found:?}");
            assert_eq!(
                found[0].to_string(),
                r#"contanerPorts: unknown key "contanerPorts" (did you mean "containerPorts"?)"#
            );
            assert_eq!(found[0].suggestion.as_deref(), Some("containerPorts"));
            let location = found[0].location.as_ref().unwrap();
            assert_eq!((&*location.file, location.line, location.column), ("values.yaml", 5, 1));
        }
    }

    #[test]
    fn misspelled_nested_key_is_reported_at_its_line() {
        let text = "applicationName: web\ncontainerImage:\n  repositry: nginx\n  tag: \"1.27\"\n";
        assert_eq!(
            summary("k8s-service", text),
            [r#"containerImage.repositry: unknown key "repositry" (did you mean "repository"?) @ 3:3"#]
        );
        let text = "applicationName: web\ncontainerImage:\n  repo: nginx\n  tag: \"1.27\"\n";
        assert_eq!(summary("k8s-service", text), [r#"containerImage.repo: unknown key "repo" @ 3:3"#]);
    }

    #[test]
    fn wrong_type_names_the_path_and_line() {
        let text = format!("applicationName: web\n{IMAGE}containerPorts: 5\n");
        assert_eq!(summary("k8s-service", &text), ["containerPorts: expected object, got number 5 @ 5:1"]);
        let text = format!("applicationName: web\n{IMAGE}replicaCount: three\n");
        assert_eq!(summary("k8s-service", &text), [r#"replicaCount: expected integer, got string "three" @ 5:1"#]);
    }

    #[test]
    fn values_helm_turns_into_valid_objects_are_accepted() {
        // Printed raw or read with `int`, a string of digits is the number (`replicas: 3`); printed raw, a word
        // YAML reads as a boolean is one; printed inside quotes, any scalar makes a valid string.
        let text = format!(
            "applicationName: web\n{IMAGE}replicaCount: \"3\"\nminPodsAvailable: \"1\"\nshutdownDelay: \"10\"\n\
             terminationGracePeriodSeconds: \"30\"\ncontainerPorts:\n  http:\n    port: \"8080\"\n\
             canary:\n  replicaCount: \"2\"\n  containerImage: {{repository: r, tag: yes}}\n\
             horizontalPodAutoscaler:\n  maxReplicas: \"5\"\n  avgCpuUtilization: \"50\"\n\
             secrets:\n  s:\n    as: volume\n    mountPath: 0123\n    readOnly: \"yes\"\n\
             ingress:\n  hosts: [1e3]\nserviceAccount:\n  automountServiceAccountToken: \"false\"\n"
        );
        assert_eq!(summary("k8s-service", &text), Vec::<String>::new());
        for (value, problem) in [
            ("\"03\"", r#"replicaCount: expected integer, got string "03" @ 5:1"#),
            ("\"3.5\"", r#"replicaCount: expected integer, got string "3.5" @ 5:1"#),
            ("\"\"", r#"replicaCount: expected integer, got string "" @ 5:1"#),
            ("3.5", "replicaCount: expected string or integer, got number 3.5 @ 5:1"),
            ("true", "replicaCount: expected string or integer, got boolean true @ 5:1"),
        ] {
            let text = format!("applicationName: web\n{IMAGE}replicaCount: {value}\n");
            assert_eq!(summary("k8s-service", &text), [problem], "{value}");
        }
    }

    #[test]
    fn nested_enum_is_checked() {
        let text = format!("applicationName: web\n{IMAGE}service:\n  type: Foo\n");
        let found = problems("k8s-service", &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.to_string(), "service.type");
        assert!(found[0].message.starts_with("expected one of \"ClusterIP\""), "{}", found[0].message);
        assert_eq!(found[0].location.as_ref().map(|l| l.line), Some(6));
    }

    #[test]
    fn user_chosen_names_stay_open() {
        let text = format!(
            "applicationName: web\n{IMAGE}envVars:\n  ANY_NAME: x\ncontainerPorts:\n  grpc:\n    port: 9000\n\
             podAnnotations:\n  a/b: c\naffinity:\n  nodeAffinity: {{}}\nsideCarContainers:\n  proxy:\n    image: envoy\n"
        );
        assert_eq!(summary("k8s-service", &text), Vec::<String>::new());
    }

    #[test]
    fn keys_of_other_charts_are_unknown() {
        let text = format!("applicationName: web\n{IMAGE}replicaCount: 2\n");
        let found = summary("k8s-job", &text);
        assert_eq!(found, [r#"replicaCount: unknown key "replicaCount" @ 5:1"#]);
        let found = summary("k8s-daemon-set", &format!("applicationName: web\n{IMAGE}restartPolicy: Never\n"));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn missing_application_name_points_at_the_document() {
        assert_eq!(summary("k8s-job", IMAGE), [r#"missing required key "applicationName" @ 1:1"#]);
    }

    #[test]
    fn set_flags_are_checked_without_location() {
        let chart = Chart::builtin("k8s-service").unwrap();
        let file = ValuesFile { name: "values.yaml".into(), text: format!("applicationName: web\n{IMAGE}") };
        let user = load_values(&[file], &["replicaCount=abc".into()], &[]).unwrap();
        let found = check_values(&chart, &user).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].to_string(), r#"replicaCount: expected integer, got string "abc""#);
        assert_eq!(found[0].location, None);
    }

    #[test]
    fn schema_defaults_match_values_yaml() {
        // The schema is generated from xtask/schema/ while values.yaml is edited by hand: keep them in step.
        for name in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let chart = Chart::builtin(name).unwrap();
            let json: serde_json::Value = serde_json::from_str(chart.schema().unwrap()).unwrap();
            let properties = json["properties"].as_object().unwrap();
            for (key, value) in chart.default_values() {
                let property = properties.get(key).unwrap_or_else(|| panic!("{name}: {key} is not in the schema"));
                let default = property.get("default").map(crate::schema::value_from_json);
                assert_eq!(default.as_ref(), Some(&normalise(value)), "{name}: default of {key}");
            }
        }
    }

    /// Numbers as floats, as JSON defaults read.
    fn normalise(value: &Value) -> Value {
        match value {
            Value::Int(i) => Value::Float(*i as f64),
            Value::Seq(items) => Value::Seq(items.iter().map(normalise).collect()),
            Value::Map(map) => Value::Map(map.iter().map(|(k, v)| (k.clone(), normalise(v))).collect()),
            other => other.clone(),
        }
    }

    /// Every case of the parity corpus that Helm renders must pass the schema (values file plus `set:` flags).
    #[test]
    fn corpus_values_pass_the_schema() {
        let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parity/cases");
        assert!(cases.is_dir(), "the parity corpus is missing: {}", cases.display());
        let mut failures = Vec::new();
        let mut n_checked = 0;
        for name in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let chart = Chart::builtin(name).unwrap();
            let mut dirs: Vec<_> = std::fs::read_dir(cases.join(name)).unwrap().flatten().map(|e| e.path()).collect();
            dirs.sort();
            for dir in dirs {
                let case = std::fs::read_to_string(dir.join("case.yaml")).unwrap_or_default();
                let case = crate::yaml::read::read(&case, "case.yaml").unwrap().value;
                let case = case.as_map().cloned().unwrap_or_default();
                if case.contains_key("expect_error") {
                    continue;
                }
                let set: Vec<String> = match case.get("set") {
                    Some(Value::Seq(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                    _ => Vec::new(),
                };
                let text = std::fs::read_to_string(dir.join("values.yaml")).unwrap_or_default();
                let user = load_values(&[ValuesFile { name: "values.yaml".into(), text }], &set, &[]).unwrap();
                n_checked += 1;
                for problem in check_values(&chart, &user).unwrap() {
                    failures.push(format!("{name}/{}: {problem}", dir.file_name().unwrap().to_string_lossy()));
                }
            }
        }
        assert!(n_checked > 100, "only {n_checked} corpus cases found");
        assert!(failures.is_empty(), "corpus values rejected by the schema:\n{}", failures.join("\n"));
    }

    #[test]
    fn the_schema_is_compiled_once() {
        let chart = Chart::builtin("k8s-job").unwrap();
        let first = compiled(&chart).unwrap().unwrap();
        let second = compiled(&chart).unwrap().unwrap();
        assert!(Arc::ptr_eq(&first, &second));
    }
}
