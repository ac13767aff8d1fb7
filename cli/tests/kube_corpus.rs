//! Kubernetes validation of every parity-corpus render: what Helm renders for the corpus, chartplay renders too, and
//! `--validate` must flag exactly the objects the API server would refuse — no more (a schema too strict, a
//! rendering slip) and no less. The refused objects are listed, each with the reason, in `kube-corpus-findings.txt`.

use std::path::{Path, PathBuf};

use chartplay_core::kube;
use chartplay_core::values::Value;
use chartplay_core::{load_values, render, Chart, RenderOptions, SetFlag, SetKind, ValuesFile};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parity/cases")
}

/// `problem` lines for one case (empty for an error case, which renders nothing).
fn findings(chart: &Chart, case: &Path) -> Vec<String> {
    let meta = std::fs::read_to_string(case.join("case.yaml")).unwrap_or_default();
    let (meta, _) = chartplay_core::yaml::read::read_unlocated(&meta, "case.yaml").unwrap_or_default();
    let field = |key: &str| meta.as_map().and_then(|m| m.get(key)).cloned();
    if field("expect_error").is_some() {
        return Vec::new();
    }
    let text = |key: &str| field(key).and_then(|v| v.as_str().map(str::to_string));
    let set: Vec<SetFlag> = match field("set") {
        Some(Value::Seq(items)) => {
            items.iter().filter_map(Value::as_str).map(|s| SetFlag::new(SetKind::Set, s)).collect()
        }
        _ => Vec::new(),
    };
    let values = std::fs::read_to_string(case.join("values.yaml")).unwrap_or_default();
    let user = load_values(&[ValuesFile::new("values.yaml", values)], &set)
        .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    let options = RenderOptions {
        release_name: text("release_name").unwrap_or_else(|| "release-name".into()),
        namespace: text("namespace").unwrap_or_else(|| "default".into()),
        kube_version: text("kube_version"),
        ..RenderOptions::default()
    };
    let rendered = render(chart, &user, &options).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    let version = kube::schema_version(options.kube_version.as_deref().unwrap_or("v1.36.0"));
    let validator = kube::bundled(version).unwrap_or_else(|e| panic!("{e}"));
    validator.validate(&rendered).iter().map(|problem| problem.to_string()).collect()
}

#[test]
fn corpus_renders_fail_kubernetes_validation_only_where_the_api_server_would() {
    assert!(corpus().is_dir(), "the parity corpus is missing: {}", corpus().display());
    let mut found = Vec::new();
    for chart_name in chartplay_core::builtin_names() {
        let chart = Chart::builtin(chart_name).expect("built-in chart loads");
        let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus().join(chart_name))
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .collect();
        assert!(!cases.is_empty(), "the parity corpus has no {chart_name} case");
        cases.sort();
        for case in cases {
            let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            found.extend(findings(&chart, &case).into_iter().map(|problem| format!("{chart_name}/{name}: {problem}")));
        }
    }
    let listed = include_str!("kube-corpus-findings.txt");
    let expected: Vec<&str> = listed.lines().filter(|line| !line.is_empty() && !line.starts_with('#')).collect();
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert!(found == expected, "Kubernetes validation of the corpus renders changed; found:\n{}", found.join("\n"));
}
