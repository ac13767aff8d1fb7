//! The playground's per-keystroke path, measured: values text in, `helm template` stream out, with the chart
//! already loaded. One benchmark per non-error case of the k8s-service parity corpus (`tests/parity/cases`), in two
//! groups:
//! - `keystroke`: a `Renderer` kept across iterations, as the playground keeps it, while every iteration changes
//!   the values (`replicaCount` alternates), so the Deployment is rendered and parsed again each time;
//! - `cold`: a one-shot `render` with no reuse at all.
//!
//! `cargo xtask bench` summarises the medians and compares them with Helm's engine measured in the same run.

use std::path::Path;

use chartplay_core::{load_values, render, Chart, RenderOptions, Renderer, ValuesFile};
use criterion::{criterion_group, criterion_main, Criterion};

fn corpus_cases(chart: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parity/cases").join(chart);
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("the parity corpus is missing: {}: {e}", dir.display()));
    let mut cases = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let meta = std::fs::read_to_string(path.join("case.yaml")).unwrap_or_default();
        // Error cases, and cases with --set flags or another release, are left to the parity test.
        if meta.contains("expect_error") || meta.contains("set:") || !path.join("expected.yaml").exists() {
            continue;
        }
        if let Ok(values) = std::fs::read_to_string(path.join("values.yaml")) {
            let name = entry.file_name().to_string_lossy().into_owned();
            cases.push((name, values));
        }
    }
    assert!(!cases.is_empty(), "no case to measure in {}", dir.display());
    cases.sort();
    cases
}

fn bench_corpus(c: &mut Criterion) {
    let chart_name = "k8s-service";
    let Ok(chart) = Chart::builtin(chart_name) else { return };
    let options = RenderOptions::default();
    let cases = corpus_cases(chart_name);
    let mut keystroke = c.benchmark_group("keystroke");
    for (name, values) in &cases {
        let Ok(chart) = Chart::builtin(chart_name) else { return };
        let mut renderer = Renderer::new(chart);
        let edits = [format!("{values}\nreplicaCount: 2\n"), format!("{values}\nreplicaCount: 3\n")];
        let mut edit_idx = 0;
        keystroke.bench_function(name, |b| {
            b.iter(|| {
                edit_idx = (edit_idx + 1) % edits.len();
                let file = ValuesFile { name: "values.yaml".into(), text: edits[edit_idx].clone() };
                let rendered = load_values(&[file], &[]).and_then(|user| renderer.render(&user, &options));
                rendered.map(|r| r.to_stream()).map(|s| s.len()).unwrap_or(0)
            })
        });
    }
    keystroke.finish();
    let mut cold = c.benchmark_group("cold");
    for (name, values) in &cases {
        cold.bench_function(name, |b| {
            b.iter(|| {
                let file = ValuesFile { name: "values.yaml".into(), text: values.clone() };
                let rendered = load_values(&[file], &[]).and_then(|user| render(&chart, &user, &options));
                rendered.map(|r| r.to_stream()).map(|s| s.len()).unwrap_or(0)
            })
        });
    }
    cold.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(100))
        .measurement_time(std::time::Duration::from_millis(400));
    targets = bench_corpus
}
criterion_main!(benches);
