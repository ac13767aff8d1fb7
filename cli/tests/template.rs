//! `chartplay template [NAME] CHART` with `helm template`'s arguments: values files and every `--set` flavour,
//! `--show-only`, `--output-dir` as Helm writes it, usage errors, and diagnostics that point at the flag.

mod support;

use std::path::{Path, PathBuf};

use support::{chartplay, stderr, MINIMAL};

/// A temporary folder holding the files of one test, removed at the end.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test_name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("chartplay-template-{test_name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temporary folder is writable");
        TempDir(dir)
    }

    /// Writes `contents` to `name` in the folder and returns its path as text.
    fn file(&self, name: &str, contents: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("the temporary folder is writable");
        self.path(name)
    }

    /// The path of `name` in the folder, as text.
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `chartplay args…` and checks it succeeded.
fn ok(args: &[&str]) -> String {
    let output = chartplay(args, "");
    assert_eq!(output.status.code(), Some(0), "{args:?}\n{}", stderr(&output));
    stdout(&output)
}

/// Two custom resources in one template: `--output-dir` appends the second document to the first one's file.
const TWO_RESOURCES: &str = r#"customResources={"enabled":true,"resources":{"cm":"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n","secret":"apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"}}"#;

#[test]
fn template_name_chart_with_two_files_and_every_set_flag() {
    let temp = TempDir::new("every-flag");
    let a = temp.file("a.yaml", MINIMAL);
    let b = temp.file("b.yaml", "replicaCount: 2\nenvVars:\n  LOG_LEVEL: debug\n");
    let cfg = temp.file("cfg.txt", "listen: 8080\nname: \"web, the app\"\n");
    let stream = ok(&[
        "template",
        "shop",
        "k8s-service",
        "-f",
        &a,
        "--values",
        &b,
        "--set",
        "replicaCount=4",
        "--set-string",
        "envVars.ZIP=007",
        &format!("--set-file=envVars.CONFIG={cfg}"),
        "--set-json",
        r#"podAnnotations={"team":"a,b"},minPodsAvailable=1"#,
        "-s",
        "templates/deployment.yaml",
        "--show-only",
        "templates/pdb.yaml",
        "--namespace",
        "apps",
    ]);
    assert!(stream.starts_with("---\n# Source: k8s-service/templates/pdb.yaml\n"), "{stream}");
    assert_eq!(stream.matches("# Source:").count(), 2, "--show-only keeps two templates: {stream}");
    for expected in [
        "  name: shop-web\n",
        "app.kubernetes.io/instance: shop\n",
        "  replicas: 4\n",
        "- name: LOG_LEVEL\n              value: \"debug\"\n",
        "- name: ZIP\n              value: \"007\"\n",
        "- name: CONFIG\n              value: \"listen: 8080\\nname: \\\"web, the app\\\"\\n\"\n",
        "team: a,b\n",
        "  minAvailable: 1\n",
    ] {
        assert!(stream.contains(expected), "missing {expected:?} in\n{stream}");
    }
}

#[test]
fn template_without_a_name_is_release_name() {
    let stream = ok(&[
        "template",
        "k8s-service",
        "--set-json",
        r#"{"applicationName":"web"}"#,
        "--set",
        "containerImage.repository=nginx,containerImage.tag=1",
    ]);
    assert!(stream.contains("  name: release-name-web\n"), "{stream}");
}

#[test]
fn set_flags_apply_in_helm_order_by_kind() {
    // Helm applies every --set-json, then --set, --set-string, --set-file and --set-literal, whatever the command
    // line's order.
    let temp = TempDir::new("order");
    let file_value = temp.file("z.txt", "from-file");
    let stream = ok(&[
        "template",
        "k8s-service",
        "--set-literal",
        r"podAnnotations.e=x,y\z",
        "-f",
        &temp.file("v.yaml", MINIMAL),
        "--set-file",
        &format!("podAnnotations.d={file_value}"),
        "--set-string",
        "podAnnotations.c=string,podAnnotations.d=string",
        "--set",
        "podAnnotations.b=set,podAnnotations.c=set,podAnnotations.d=set",
        "--set-json",
        r#"podAnnotations={"a":"json","b":"json","c":"json","d":"json","e":"json"}"#,
    ]);
    assert!(
        stream
            .contains("        a: json\n        b: set\n        c: string\n        d: from-file\n        e: x,y\\z\n"),
        "{stream}"
    );
}

#[test]
fn set_file_reads_standard_input_for_a_dash() {
    let output = chartplay(&["template", "k8s-service", "-f", "-", "--set-file", "envVars.CONFIG=-"], MINIMAL);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("- name: CONFIG\n              value: \"applicationName: web\\n"),
        "{}",
        stdout(&output)
    );
}

/// The files under `dir`, with their contents, sorted by path.
fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().into_owned();
                files.push((relative, std::fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn output_dir_writes_each_template_to_its_file_as_helm_does() {
    let temp = TempDir::new("output-dir");
    let values = temp.file("v.yaml", MINIMAL);
    let out = temp.path("out");
    // A file from an earlier run is replaced, not appended to.
    std::fs::create_dir_all(temp.0.join("out/k8s-service/templates")).unwrap();
    std::fs::write(temp.0.join("out/k8s-service/templates/customresources.yaml"), "stale\n").unwrap();
    let args = ["template", "web", "k8s-service", "-f", &values, "--set-json", TWO_RESOURCES];
    let stream = ok(&args);
    let printed = ok(&[&args[..], &["--output-dir", &out]].concat());

    let wrote = |file: &str| format!("wrote {out}/k8s-service/templates/{file}\n");
    let expected =
        ["customresources.yaml", "customresources.yaml", "service.yaml", "deployment.yaml"].map(wrote).concat();
    assert_eq!(printed, format!("{expected}\n"), "Helm prints a `wrote` line per manifest, then an empty line");

    let files = files_under(Path::new(&out));
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "k8s-service/templates/customresources.yaml",
            "k8s-service/templates/deployment.yaml",
            "k8s-service/templates/service.yaml"
        ]
    );
    let custom = &files[0].1;
    assert_eq!(
        custom,
        "---\n# Source: k8s-service/templates/customresources.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n\
         ---\n# Source: k8s-service/templates/customresources.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
    );
    // Each file holds its template's part of the stream, in the stream's order.
    let in_write_order: String = ["customresources.yaml", "service.yaml", "deployment.yaml"]
        .iter()
        .map(|file| files.iter().find(|(name, _)| name.ends_with(file)).map(|(_, text)| text.as_str()).unwrap_or(""))
        .collect();
    assert_eq!(in_write_order, stream);
}

#[test]
fn output_dir_paths_are_joined_as_helm_joins_them() {
    let temp = TempDir::new("output-dir-paths");
    let values = temp.file("v.yaml", MINIMAL);
    let out = temp.path("out");
    // Helm joins DIR and the file with a plain `/`...
    let printed = ok(&[
        "template",
        "k8s-service",
        "-f",
        &values,
        "--output-dir",
        &format!("{out}/"),
        "-s",
        "templates/service.yaml",
    ]);
    assert_eq!(printed, format!("wrote {out}//k8s-service/templates/service.yaml\n\n"));
    // ...but DIR and the release name with filepath.Join, which cleans the path.
    let printed = ok(&[
        "template",
        "web",
        "k8s-service",
        "-f",
        &values,
        "--output-dir",
        &format!("{out}/"),
        "--release-name",
        "-s",
        "templates/service.yaml",
    ]);
    assert_eq!(printed, format!("wrote {out}/web/k8s-service/templates/service.yaml\n\n"));
    assert!(temp.0.join("out/web/k8s-service/templates/service.yaml").is_file());
}

#[test]
fn output_dir_with_show_only_writes_only_those_templates() {
    // Helm writes every template and then fails to find the shown ones (helm/helm#9722); chartplay writes those.
    let temp = TempDir::new("output-dir-show-only");
    let out = temp.path("out");
    ok(&[
        "template",
        "k8s-service",
        "-f",
        &temp.file("v.yaml", MINIMAL),
        "--output-dir",
        &out,
        "-s",
        "templates/deployment.yaml",
    ]);
    let names: Vec<String> = files_under(Path::new(&out)).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["k8s-service/templates/deployment.yaml"]);
}

#[test]
fn output_dir_is_not_written_when_the_values_fail() {
    let temp = TempDir::new("output-dir-fail");
    let out = temp.path("out");
    let output = chartplay(&["template", "k8s-service", "--set", "applicationName=web", "--output-dir", &out], "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(!temp.0.join("out").exists());
}

#[test]
fn usage_errors_exit_2_and_name_the_argument() {
    let cases: [(&[&str], &str); 7] = [
        (&["template", "web", "k8s-service", "extra"], "\"extra\""),
        (&["template", "k8s-service", "--bogus"], "--bogus"),
        (&["template", "k8s-service", "-x"], "-x"),
        (&["template"], "which chart"),
        (&["template", "k8s-service", "--output-dir"], "--output-dir"),
        (
            &["template", "k8s-service", "--set-file", "a=/nonexistent/cfg.txt"],
            "--set-file a=/nonexistent/cfg.txt: cannot read /nonexistent/cfg.txt",
        ),
        (&["template", "k8s-service", "--release-name=web"], "--release-name"),
    ];
    for (args, named) in cases {
        let output = chartplay(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        let first_line = stderr(&output).lines().next().unwrap_or_default().to_string();
        assert!(first_line.starts_with("error: ") && first_line.contains(named), "{args:?}: {first_line}");
    }
}

#[test]
fn a_set_file_value_problem_points_at_the_flag() {
    let temp = TempDir::new("set-file-diagnostic");
    let path = temp.file("replicas.txt", "three");
    let flag = format!("replicaCount={path}");
    let output = chartplay(&["template", "k8s-service", "-f", "-", "--set-file", &flag], MINIMAL);
    assert_eq!(output.status.code(), Some(1));
    let expected = format!("error: --set-file {flag}: replicaCount: expected integer, got string \"three\"\n");
    assert!(stderr(&output).starts_with(&expected), "{}", stderr(&output));
}

#[test]
fn bad_set_json_points_at_the_flag_and_the_character() {
    let output = chartplay(&["template", "k8s-service", "-f", "-", "--set-json", r#"podAnnotations={"a" 1}"#], MINIMAL);
    assert_eq!(output.status.code(), Some(1));
    let expected = r#"error: --set-json podAnnotations={"a" 1}: --set-json "podAnnotations={"a" 1}": invalid JSON at character 21: invalid character '1' after object key"#;
    assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
}

#[test]
fn a_set_json_value_problem_points_at_the_flag() {
    let output = chartplay(&["template", "k8s-service", "-f", "-", "--set-json", r#"service={"type":"Foo"}"#], MINIMAL);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(r#"error: --set-json service={"type":"Foo"}: service.type: "#),
        "{}",
        stderr(&output)
    );
}

#[test]
fn render_keeps_its_release_name_flag() {
    let stream = ok(&[
        "render",
        "k8s-service",
        "--release-name",
        "shop",
        "--set-json",
        r#"{"applicationName":"web","containerImage":{"repository":"nginx","tag":"1"}}"#,
    ]);
    assert!(stream.contains("  name: shop-web\n"), "{stream}");
}
