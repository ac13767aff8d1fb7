//! The `chartplay` binary end to end: rendering, exit codes, and bad input that must end in a clear error.

mod support;

use std::process::Output;
use std::time::{Duration, Instant};

use support::{chartplay, stderr, MINIMAL};

#[test]
fn renders_builtin_chart_from_stdin() {
    let output = chartplay(&["render", "k8s-service", "-f", "-"], MINIMAL);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("# Source: k8s-service/templates/deployment.yaml"), "{stdout}");
    assert!(stdout.contains("kind: Deployment"), "{stdout}");
}

#[test]
fn lists_charts() {
    let output = chartplay(&["charts"], "");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).lines().any(|l| l == "k8s-service"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(chartplay(&["render"], "").status.code(), Some(2));
    assert_eq!(chartplay(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(chartplay(&["render", "k8s-service", "--bogus"], "").status.code(), Some(2));
}

#[test]
fn unknown_chart_is_named() {
    let output = chartplay(&["render", "k8s-nope"], "");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("k8s-nope"), "{}", stderr(&output));
}

#[test]
fn malformed_values_give_file_line_column() {
    let output = chartplay(&["render", "k8s-service", "-f", "-"], "applicationName: web\nservice:\n  type: [a\n");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("<stdin>:"), "{err}");
    let location = err.split("<stdin>:").nth(1).unwrap_or_default();
    let mut parts = location.split(':');
    assert!(parts.next().is_some_and(|l| l.parse::<usize>().is_ok()), "{err}");
    assert!(parts.next().is_some_and(|c| c.parse::<usize>().is_ok()), "{err}");
}

#[test]
fn wrong_type_names_the_value() {
    let values = format!("{MINIMAL}containerPorts: 5\n");
    let output = chartplay(&["render", "k8s-service", "-f", "-"], &values);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("containerPorts"), "{}", stderr(&output));
}

#[test]
fn missing_required_value_is_named() {
    let output = chartplay(&["render", "k8s-service", "-f", "-"], "applicationName: web\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("containerImage.repository"), "{}", stderr(&output));
}

/// Runs `chartplay render k8s-service -f -` on `values` and checks it ends within 2 s, without a crash.
fn ends_quickly(values: &str) -> Output {
    let start = Instant::now();
    let output = chartplay(&["render", "k8s-service", "-f", "-"], values);
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    assert!(matches!(output.status.code(), Some(0 | 1)), "crashed: {:?} {}", output.status, stderr(&output));
    output
}

#[test]
fn huge_values_file_ends_with_a_result() {
    let mut values = String::from(MINIMAL);
    values.push_str("podAnnotations:\n");
    let mut n = 0;
    while values.len() < 10 * 1024 * 1024 {
        values.push_str(&format!("  annotation-{n}: \"some value that takes a bit of space {n}\"\n"));
        n += 1;
    }
    let output = ends_quickly(&values);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{MINIMAL}podAnnotations: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let output = ends_quickly(&deep);
    assert_eq!(output.status.code(), Some(1));
    // Block style: `- - - … x` opens one sequence per dash.
    let block = format!("{MINIMAL}podAnnotations:\n  x:\n    {}x\n", "- ".repeat(10_000));
    let output = ends_quickly(&block);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn alias_bomb_is_refused() {
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (prev, name) in
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    let output = ends_quickly(&bomb);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("alias"), "{}", stderr(&output));
}

#[test]
fn huge_set_index_is_refused() {
    let output = chartplay(&["render", "k8s-service", "--set", "a[99999999]=1"], "");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("99999999"), "{}", stderr(&output));
}
