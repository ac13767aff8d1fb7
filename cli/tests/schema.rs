//! The values schema check of `chartplay render`: diagnostics with file, line, column and a caret, exit code 1
//! before anything is rendered, and `--skip-schema-validation` to render anyway; for a chart folder, its own
//! `values.schema.json`, whatever patterns it holds.

mod support;

use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use support::{chartplay, stderr, MINIMAL};

#[test]
fn schema_problems_print_like_compiler_diagnostics_and_exit_1() {
    let values = format!("{MINIMAL}containerPorts:\n  http:\n    port: [80]\ncontanerImage: {{}}\n");
    let output = chartplay(&["render", "k8s-service", "-f", "-"], &values);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(output.stdout, b"", "nothing is rendered");
    assert_eq!(
        stderr(&output),
        r#"error: <stdin>:7:5: containerPorts.http.port: expected string or integer, got array
  |
7 |     port: [80]
  |     ^^^^
error: <stdin>:8:1: contanerImage: unknown key "contanerImage"
  |
8 | contanerImage: {}
  | ^^^^^^^^^^^^^
  = help: did you mean "containerImage"?
  = fix: use "containerImage"
2 problems in the values (see the chart's schema and docs/values-policy.md); --skip-schema-validation renders what Helm renders
"#
    );
}

#[test]
fn every_chart_reports_a_wrong_type_with_its_line() {
    for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
        let output = chartplay(&["render", chart, "-f", "-"], &format!("{MINIMAL}containerPorts: 5\n"));
        assert_eq!(output.status.code(), Some(1), "{chart}");
        assert!(
            stderr(&output).starts_with("error: <stdin>:5:1: containerPorts: expected object, got number 5\n"),
            "{chart}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn nested_enum_problem_points_at_the_value_key() {
    let output = chartplay(&["render", "k8s-service", "-f", "-"], &format!("{MINIMAL}service:\n  type: Foo\n"));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: <stdin>:6:3: service.type: expected one of \"ClusterIP\""));
}

#[test]
fn set_flags_are_checked_too() {
    let output = chartplay(&["render", "k8s-job", "-f", "-", "--set", "restartPolicy=Always"], MINIMAL);
    assert_eq!(output.status.code(), Some(1));
    let expected = "error: --set restartPolicy=Always: restartPolicy: expected one of \"Never\"";
    assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
}

#[test]
fn skip_schema_validation_renders_anyway() {
    let values = format!("{MINIMAL}contanerImage: {{}}\n");
    let output = chartplay(&["render", "k8s-service", "-f", "-", "--skip-schema-validation"], &values);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("kind: Deployment"));
}

#[test]
fn valid_values_render_without_diagnostics() {
    let output = chartplay(&["render", "k8s-daemon-set", "-f", "-"], MINIMAL);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_template_error_after_the_problems_keeps_helms_message() {
    // Gruntwork's chart has no schema: Helm prints the template's error, which must not be lost.
    let values = "containerImage:\n  repository: nginx\n  tag: x\nsecrets:\n  s:\n    as: file\n";
    let output = chartplay(&["render", "k8s-service", "-f", "-"], values);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(output.stdout, b"", "nothing is rendered");
    let stderr = stderr(&output);
    assert!(stderr.contains("error: <stdin>:1:1: missing required key \"applicationName\"\n"), "{stderr}");
    assert!(stderr.contains("applicationName is required\n"), "{stderr}");
    assert!(stderr.ends_with("and the templates fail on them\n"), "{stderr}");
}

#[test]
fn values_that_do_not_read_render_nothing_and_say_so() {
    // No template ran, so the summary does not blame them.
    let output = chartplay(&["render", "k8s-service", "--set-literal", "a"], "");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(output.stdout, b"");
    let stderr = stderr(&output);
    assert!(stderr.contains("error: --set-literal a: --set-literal \"a\": key \"a\" has no value\n"), "{stderr}");
    assert!(stderr.ends_with("; nothing was rendered\n"), "{stderr}");
}

/// A chart folder written under the system's temporary folder for one test, removed when dropped.
struct TempChart {
    dir: PathBuf,
}

impl TempChart {
    /// `chart/` with Chart.yaml, values.yaml, one template and `schema` as values.schema.json, and `values` as
    /// `values.yaml` beside the folder.
    fn new(test_name: &str, schema: &str, values: &str) -> TempChart {
        let dir = std::env::temp_dir().join(format!("chartplay-{test_name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("chart/templates")).expect("the temporary folder is writable");
        let files = [
            ("chart/Chart.yaml", "apiVersion: v2\nname: patterns\nversion: 0.1.0\n"),
            ("chart/values.yaml", "name: demo\n"),
            (
                "chart/templates/configmap.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Values.name }}\n",
            ),
            ("chart/values.schema.json", schema),
            ("values.yaml", values),
        ];
        for (path, contents) in files {
            std::fs::write(dir.join(path), contents).expect("the temporary folder is writable");
        }
        TempChart { dir }
    }

    /// Runs `chartplay render <chart folder> -f <values.yaml>`.
    fn render(&self) -> Output {
        let chart = self.dir.join("chart");
        let values = self.dir.join("values.yaml");
        chartplay(&["render", &chart.to_string_lossy(), "-f", &values.to_string_lossy()], "")
    }
}

impl Drop for TempChart {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Patterns that take a backtracking matcher exponential time (or a recursive one all its stack), each on a string
/// property.
const HOSTILE_SCHEMA: &str = r#"{"type": "object", "properties": {
    "name": {"type": "string"},
    "dotStar": {"type": "string", "pattern": "^.*x$"},
    "nested": {"type": "string", "pattern": "^(a+)+$"},
    "overlap": {"type": "string", "pattern": "^(a|aa)*$"},
    "letters": {"type": "string", "pattern": "^([a-z]*)*[0-9]$"}}}"#;

/// Issue 9: `^.*x$` on a 200,000-character value overflowed the stack, `^(a+)+$` on forty `a`s and a `b` ran for
/// hours. Each must end with a result or an error, never a signal, well within 2 seconds.
#[test]
fn issue_9_hostile_patterns_in_a_chart_folder_end_quickly() {
    let long_a = "a".repeat(200_000);
    let failing = format!("dotStar: {long_a}\nnested: {}b\noverlap: {long_a}b\nletters: {long_a}\n", "a".repeat(40));
    let matching = format!("dotStar: {long_a}x\nnested: {}\noverlap: {long_a}\nletters: {long_a}7\n", "a".repeat(40));
    for (values, code) in [(failing, 1), (matching, 0)] {
        let chart = TempChart::new(&format!("hostile-patterns-{code}"), HOSTILE_SCHEMA, &values);
        let start = Instant::now();
        let output = chart.render();
        let elapsed = start.elapsed();
        assert!(output.status.code().is_some(), "ended by a signal: {:?}", output.status);
        assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
        assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
        if code == 1 {
            assert!(stderr(&output).contains("4 problems in the values"), "{}", stderr(&output));
        }
    }
}

#[test]
fn err_invalid_pattern_in_a_chart_folder_names_its_schema_path() {
    let schema = r#"{"properties": {"image": {"properties": {"tag": {"type": "string", "pattern": "^(?!latest$)"}}}}}"#;
    let chart = TempChart::new("invalid-pattern", schema, "image:\n  tag: '1.0'\n");
    let output = chart.render();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(output.stdout, b"", "nothing is rendered");
    let expected = r#"invalid schema: properties.image.properties.tag.pattern: invalid pattern "^(?!latest$)": "#;
    assert!(stderr(&output).contains(expected), "{}", stderr(&output));
}

#[test]
fn a_long_line_is_shown_as_a_window_around_the_problem() {
    let values = format!("{MINIMAL}service:\n  type: {}\n", "x".repeat(100_000));
    let output = chartplay(&["render", "k8s-service", "-f", "-"], &values);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    let snippet_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("6 |")).collect();
    assert_eq!(snippet_lines.len(), 1, "{}", stderr.chars().take(2000).collect::<String>());
    assert!(snippet_lines[0].chars().count() < 140, "{}", snippet_lines[0]);
}

#[test]
fn warnings_go_to_stderr_with_their_fix_and_strict_makes_them_errors() {
    let values = format!("{MINIMAL}envVars:\n  COUNTRY_CODE: NO\n");
    let output = chartplay(&["render", "k8s-service", "-f", "-"], &values);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("value: \"false\""), "the output is Helm's");
    assert_eq!(
        stderr(&output),
        r#"warning: <stdin>:6:17: envVars.COUNTRY_CODE: YAML reads NO as the boolean false, so the chart writes "false"
  |
6 |   COUNTRY_CODE: NO
  |                 ^^
  = help: quote it: "NO"
"#
    );
    let output = chartplay(&["render", "k8s-service", "-f", "-", "--strict"], &values);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(output.stdout, b"", "nothing is rendered");
    assert!(stderr(&output).contains("1 problem in the values"), "{}", stderr(&output));
}
