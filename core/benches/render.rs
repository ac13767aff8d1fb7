//! What a render costs the product, per path, over the non-error cases of the k8s-service parity corpus
//! (`tests/parity/cases`), one benchmark per case in each group:
//! - `keystroke`: the playground's work per keystroke. A [`Session`] kept across iterations, as the playground
//!   keeps one per chart, runs [`Session::run`] with the default checks (values text read, checked against the
//!   chart's values schema and the values policy, templates, output split, checked and sorted, the stream
//!   printed) while every iteration changes the values (`replicaCount` alternates), so the values are read and
//!   checked again and the templates that read `replicaCount` run again (the Deployment, though not the pod
//!   template it includes with `includeKept`, which does not read it). The Kubernetes check of the objects is
//!   left out: the playground makes it only once the kube version's schema file has been fetched, and Helm has no
//!   counterpart.
//! - `cold`: what a one-shot pays (the CLI, a chart switch, a share link opened): a new [`Session`] for the
//!   built-in chart, then one run as above, with nothing kept from earlier runs. What a chart prepares once per
//!   process is shared by every `Session` ([`chartplay_core::Chart::builtin`]) and not measured here, as Helm's
//!   number leaves out loading the chart: templates and values schema compiled, defaults coalesced, and, made
//!   when a chart's second renderer is, each template's output over the defaults. So this is a new session of a
//!   process that has used the chart before, which runs only the templates that read a key its values set. The
//!   first session of a chart in a process (a CLI invocation, the page's first render) pays the chart's loading
//!   on top (about 1 ms for k8s-service, mostly minijinja compiling the templates) and runs every template on
//!   the user's values.
//!
//! `cargo xtask bench` summarises the medians and compares them with Helm's engine measured in the same run (see
//! `xtask/src/bench.rs` for what that number covers).

use std::path::Path;

use chartplay_core::{Checks, Inputs, Session, ValuesFile};
use criterion::{criterion_group, criterion_main, Criterion};

const CHART: &str = "k8s-service";

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

fn inputs(values: &str) -> Inputs {
    Inputs { files: vec![ValuesFile::new("values.yaml", values)], ..Inputs::default() }
}

/// The case's values with `replicaCount: count` (in place of the case's own, so no key is written twice).
fn with_replicas(values: &str, count: u32) -> String {
    let kept: Vec<&str> = values.lines().filter(|line| !line.starts_with("replicaCount:")).collect();
    format!("{}\nreplicaCount: {count}\n", kept.join("\n"))
}

/// One run, as the shells use it: the stream's length, or 0 when nothing rendered.
fn run(session: &mut Session, inputs: &Inputs) -> usize {
    let outcome = session.run(inputs, Checks::default());
    outcome.rendered.map_or(0, |rendered| rendered.to_stream().len())
}

fn bench_corpus(c: &mut Criterion) {
    let cases = corpus_cases(CHART);
    let mut keystroke = c.benchmark_group("keystroke");
    for (name, values) in &cases {
        let Ok(mut session) = Session::builtin(CHART) else { return };
        let edits = [inputs(&with_replicas(values, 2)), inputs(&with_replicas(values, 3))];
        let mut edit_idx = 0;
        keystroke.bench_function(name, |b| {
            b.iter(|| {
                edit_idx = (edit_idx + 1) % edits.len();
                run(&mut session, &edits[edit_idx])
            })
        });
    }
    keystroke.finish();
    let mut cold = c.benchmark_group("cold");
    for (name, values) in &cases {
        let inputs = inputs(values);
        cold.bench_function(name, |b| {
            b.iter(|| Session::builtin(CHART).map_or(0, |mut session| run(&mut session, &inputs)))
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
