//! The values schema check of `chartplay render`: diagnostics with file, line, column and a caret, exit code 1
//! before anything is rendered, and `--skip-schema-validation` to render anyway.

mod support;

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
2 problems found in the values by the chart's values.schema.json (--skip-schema-validation renders anyway)
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
