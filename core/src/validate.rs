//! Checking the user's values against the chart's `values.schema.json`, with where each mistake is written.
//!
//! Helm validates the *coalesced* values (the user's over the chart defaults) against the schema before rendering,
//! and so does `check_values`: a default the user nulled is gone, a default the user left alone is checked too
//! (so a schema that rejects its own chart's defaults shows up in tests, not in users' hands). Each problem names
//! the value path and the line and column where the user wrote that value or its nearest written parent; a
//! problem about a value only the defaults provide has no location; one set by a flag points at the flag. Positions
//! are read only when there are problems: rendering itself does not record them.
//!
//! Rendering does not depend on this check: shells decide. The CLI prints the problems and stops unless
//! `--skip-schema-validation` is given, as Helm does; the playground marks them and renders anyway.
//!
//! The playground checks on every keystroke, so [`crate::Session`] compiles the schema once and keeps it.

use crate::diagnostic::{Cause, Diagnostic, Fix, Severity, TextEdit};
use crate::error::Location;
use crate::render::UserValues;
use crate::schema::{Schema, Suggestion};
use crate::values::merge;
use crate::values::source::Origin;
use crate::values::{Map, Value};
use crate::yaml::write::to_yaml;

/// Checks the user's values, coalesced over the chart's `defaults`, against its compiled values `schema`.
pub(crate) fn check_values(schema: &Schema, defaults: &Map, user: &UserValues) -> Vec<Diagnostic> {
    let values = Value::Map(merge::coalesce(&user.values, defaults));
    let problems = schema.validate(&values);
    // The common case on every keystroke ends here, without reading the files again for positions.
    problems
        .into_iter()
        .map(|problem| {
            let location = match problem.path.0.is_empty() {
                true => user.sources.document(),
                false => user.sources.locate(&problem.path),
            };
            let mut diagnostic = Diagnostic::new(Severity::Error, Cause::Schema, problem.message).at(location);
            diagnostic.help = problem.help;
            // A misspelled key, or a value outside an enum, is replaced where it is written.
            let edit = match problem.suggestion {
                Some(Suggestion::Key(key)) => match user.sources.origin(&problem.path) {
                    Origin::File(Location { file, range: Some(range), .. }) => Some((file, range, key.clone(), key)),
                    _ => None,
                },
                Some(Suggestion::Value(value)) => user
                    .sources
                    .value_span(&problem.path)
                    .map(|(file, range)| (file, range, to_yaml(&Value::String(value.clone())), value)),
                None => None,
            };
            if let Some((file, range, text, shown)) = edit {
                let title = format!("use {shown:?}");
                diagnostic.fixes.push(Fix { title, edits: vec![TextEdit { file, range, text }] });
            }
            diagnostic.about(problem.path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Chart;
    use crate::diagnostic::Diagnostic;
    use crate::render::load_values;
    use crate::values::source::{SetFlag, SetKind, ValuesFile};

    fn check(chart: &str, text: &str, flags: &[&str]) -> Vec<Diagnostic> {
        let chart = Chart::builtin(chart).unwrap();
        let schema = Schema::from_json(chart.schema().unwrap()).unwrap();
        let flags: Vec<SetFlag> = flags.iter().map(|f| SetFlag::new(SetKind::Set, *f)).collect();
        let user = load_values(&[ValuesFile::new("values.yaml", text)], &flags).unwrap();
        check_values(&schema, chart.default_values(), &user)
    }

    fn problems(chart: &str, text: &str) -> Vec<Diagnostic> {
        check(chart, text, &[])
    }

    /// `path: message (help) @ line:column` for each problem.
    fn summary(chart: &str, text: &str) -> Vec<String> {
        problems(chart, text)
            .into_iter()
            .map(|mut p| {
                let at = match p.location.take() {
                    Some(l) => format!(" @ {}:{}", l.line, l.column),
                    None => " @ nowhere".to_string(),
                };
                format!("{p}{at}")
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
                r#"values.yaml:5:1: contanerPorts: unknown key "contanerPorts" (did you mean "containerPorts"?)"#
            );
            assert_eq!(found[0].fixes[0].edits[0].text, "containerPorts");
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
        assert_eq!(found[0].path.as_ref().map(ToString::to_string).as_deref(), Some("service.type"));
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
    fn set_flags_are_checked_at_the_flag() {
        let found = check("k8s-service", &format!("applicationName: web\n{IMAGE}"), &["replicaCount=abc"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].to_string(), r#"--set replicaCount=abc: replicaCount: expected integer, got string "abc""#);
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
            let mut dirs: Vec<_> = std::fs::read_dir(cases.join(name)).unwrap().flatten().map(|e| e.path()).collect();
            dirs.sort();
            for dir in dirs {
                let case = std::fs::read_to_string(dir.join("case.yaml")).unwrap_or_default();
                let case = crate::yaml::read::read(&case, "case.yaml").unwrap().value;
                let case = case.as_map().cloned().unwrap_or_default();
                if case.contains_key("expect_error") {
                    continue;
                }
                let set: Vec<&str> = match case.get("set") {
                    Some(Value::Seq(items)) => items.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                let text = std::fs::read_to_string(dir.join("values.yaml")).unwrap_or_default();
                n_checked += 1;
                for problem in check(name, &text, &set) {
                    failures.push(format!("{name}/{}: {problem}", dir.file_name().unwrap().to_string_lossy()));
                }
            }
        }
        assert!(n_checked > 100, "only {n_checked} corpus cases found");
        assert!(failures.is_empty(), "corpus values rejected by the schema:\n{}", failures.join("\n"));
    }
}
