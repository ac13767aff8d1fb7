//! `chartplay trace` and `chartplay diff` on all three charts: exit codes and output forms.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};

use support::{stderr, MINIMAL};

/// A folder with values files, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str, files: &[(&str, &str)]) -> Dir {
        let dir = std::env::temp_dir().join(format!("chartplay-explain-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        Dir(dir)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_chartplay")).current_dir(&self.0).args(args).output().unwrap()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `(chart, workload kind, a chart key printed raw into the workload, its field)`.
const CHARTS: [(&str, &str, &str, &str); 3] = [
    ("k8s-service", "Deployment", "replicaCount", "spec.replicas"),
    ("k8s-daemon-set", "DaemonSet", "minReadySeconds", "spec.minReadySeconds"),
    ("k8s-job", "Job", "backoffLimit", "spec.backoffLimit"),
];

#[test]
fn trace_names_the_source_of_a_field_in_every_chart() {
    for (chart, kind, key, field) in CHARTS {
        let values = format!("{MINIMAL}{key}: 7\n");
        let dir = Dir::new(chart, &[("values.yaml", &values)]);
        let object = format!("{kind}/release-name-web");
        let ask = |args: &[&str]| {
            let mut all = vec!["trace", chart, "-f", "values.yaml"];
            all.extend_from_slice(args);
            dir.run(&all)
        };
        let output = ask(&["--field", &format!("{object}:{field}")]);
        assert_eq!(output.status.code(), Some(0), "{chart}: {}", stderr(&output));
        assert_eq!(stdout(&output), format!("{key} (values.yaml:5:{})\n", key.len() + 3), "{chart}");
        // A flag wins over the file and says so.
        let output = ask(&["--set", &format!("{key}=9"), "--field", &format!("{object}:{field}")]);
        assert_eq!(stdout(&output), format!("{key} (--set {key}=9)\n"), "{chart}");
        // The chart's own text, and a default.
        let output = ask(&["--field", &format!("{object}:kind")]);
        assert_eq!(stdout(&output), "(chart)\n", "{chart}");
        let output = ask(&["--field", &format!("{object}:spec.template.spec.containers[0].imagePullPolicy")]);
        assert_eq!(stdout(&output), "(chart)\n", "{chart}: a default the template supplies is the chart's");
        // Value to fields.
        let output = ask(&["--value", key]);
        assert_eq!(stdout(&output), format!("{object}:{field}\n"), "{chart}");
        let output = ask(&["--value", "applicationName"]);
        assert!(stdout(&output).lines().count() >= 3, "{chart}: {}", stdout(&output));
        // What is not there exits 1 and names it.
        let output = ask(&["--field", "Nope/x:spec"]);
        assert_eq!(output.status.code(), Some(1), "{chart}");
        assert!(stderr(&output).contains("no object Nope/x"), "{chart}: {}", stderr(&output));
        let output = ask(&["--field", &format!("{object}:spec.nope")]);
        assert_eq!(output.status.code(), Some(1), "{chart}");
        assert!(stderr(&output).contains("has no field spec.nope"), "{chart}: {}", stderr(&output));
    }
}

#[test]
fn trace_says_why_a_value_is_not_used() {
    let values = format!("{MINIMAL}ingress:\n  hosts: [web.example.com]\n");
    let dir = Dir::new("unused", &[("values.yaml", &values)]);
    let output = dir.run(&["trace", "k8s-service", "-f", "values.yaml", "--value", "ingress.hosts"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "ingress.hosts: not used with these values: ingress.enabled is false\n");
    let values = format!("{MINIMAL}service:\n  type: NodePort\n");
    let dir = Dir::new("unused-ds", &[("values.yaml", &values)]);
    let output = dir.run(&["trace", "k8s-daemon-set", "-f", "values.yaml", "--value", "service.type"]);
    assert_eq!(stdout(&output), "service.type: not used with these values: service.enabled is false\n");
}

#[test]
fn diff_lists_objects_and_fields_and_exits_like_diff() {
    for (chart, kind, key, field) in CHARTS {
        let old = format!("{MINIMAL}{key}: 2\n");
        let new = format!("{MINIMAL}{key}: 3\nserviceAccount:\n  create: true\n  name: web-sa\n");
        let dir = Dir::new(&format!("diff-{chart}"), &[("old.yaml", &old), ("new.yaml", &new)]);
        let output = dir.run(&["diff", chart, "-f", "new.yaml", "--against", "old.yaml"]);
        assert_eq!(output.status.code(), Some(1), "{chart}: {}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains(&format!("~ {kind}/release-name-web\n    {field}: 2 → 3\n")), "{chart}: {text}");
        assert!(text.contains("+ ServiceAccount/web-sa"), "{chart}: {text}");
        let output = dir.run(&["diff", chart, "-f", "new.yaml", "--against", "old.yaml", "-u"]);
        assert_eq!(output.status.code(), Some(1), "{chart}");
        let text = stdout(&output);
        assert!(
            text.contains(&format!("--- a/{kind}/release-name-web\n+++ b/{kind}/release-name-web\n")),
            "{chart}: {text}"
        );
        assert!(text.contains("+++ b/ServiceAccount/web-sa"), "{chart}: {text}");
        // The same on both sides: exit 0, nothing printed.
        let output = dir.run(&["diff", chart, "-f", "old.yaml", "--against", "old.yaml"]);
        assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""), "{chart}");
        // Errors exit 2: no --against, a file that is not there, values that do not render.
        assert_eq!(dir.run(&["diff", chart, "-f", "new.yaml"]).status.code(), Some(2), "{chart}");
        assert_eq!(dir.run(&["diff", chart, "-f", "new.yaml", "--against", "nope.yaml"]).status.code(), Some(2));
        std::fs::write(dir.0.join("bad.yaml"), "a: [1\n").unwrap();
        let output = dir.run(&["diff", chart, "-f", "new.yaml", "--against", "bad.yaml"]);
        assert_eq!(output.status.code(), Some(2), "{chart}");
        assert!(stderr(&output).contains("bad.yaml:1:"), "{chart}: {}", stderr(&output));
    }
}
