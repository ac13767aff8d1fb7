//! `cargo xtask bench [--helm-chart DIR]`: the render benchmark (criterion, `core/benches/render.rs`), summarised.
//!
//! Prints, for each group, the median over corpus cases (`tests/parity/cases/k8s-service`) of each case's median:
//! `keystroke` is the playground's work per edit (a kept `Session::run`: values read and checked against the
//! values schema and policy, templates, output checked and sorted, stream printed), `cold` what a one-shot pays
//! (a new `Session` for the built-in chart, then the same run, in a process that has loaded the chart once: see
//! `core/benches/render.rs` for what the first one-shot of a process pays on top). With `--helm-chart DIR` (Gruntwork's k8s-service
//! chart folder) and the Helm oracle (`setup.sh` and `helm_render.py` from `$PARITY_DIR`, else `../shared/parity`
//! beside the repository), it also measures Helm's engine on the same cases in the same run and prints the ratios.
//! Only that comparison needs anything outside the repository.
//!
//! Helm's number is `helm_render.py --timing`'s `render_s`: one call of Helm's `helm_render` with the chart already
//! loaded, which decodes the values (handed over as JSON), coalesces them over the chart's defaults
//! (`ToRenderValues`; Gruntwork's chart has no values schema, so nothing is validated), parses and executes every
//! template (`engine.Render` parses the templates on every call, so Helm has no cheaper repeated render) and
//! returns the outputs as JSON. It leaves out what `helm template` also does and chartplay's runs include: reading
//! the values YAML, reading the chart's files, and splitting, parsing and sorting the manifests. The same Helm
//! number is compared with both groups, so the ratios understate chartplay's advantage a little.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{project_root, run, Result};

/// Runs the benchmark and prints the summary.
pub fn run_bench(args: &[String]) -> Result {
    let helm_chart = args.iter().position(|a| a == "--helm-chart").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    run(Command::new("cargo").args(["bench", "-p", "chartplay-core", "--bench", "render"]))?;
    let mut summaries = Vec::new();
    for group in ["keystroke", "cold"] {
        let ours = criterion_medians(&project_root().join("target/criterion").join(group));
        if ours.is_empty() {
            return Err(format!("no benchmark results found under target/criterion/{group}"));
        }
        let ours_median = median(ours.iter().map(|(_, ns)| *ns).collect());
        println!("chartplay {group}: {} cases, median of per-case medians {:.1} µs", ours.len(), ours_median / 1e3);
        summaries.push((group, ours, ours_median));
    }
    if let (Some(chart), Some((_, cases, _))) = (helm_chart, summaries.first()) {
        let helm = helm_medians(&chart, &cases.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>())?;
        let helm_median = median(helm);
        println!("helm engine (same cases, same run): median {:.1} µs", helm_median / 1e3);
        for (group, _, ours_median) in &summaries {
            println!("ratio {group}: chartplay is {:.1}x faster than Helm's engine", helm_median / ours_median);
        }
    }
    Ok(())
}

/// (case, median ns) from criterion's `estimates.json` files.
fn criterion_medians(dir: &Path) -> Vec<(String, f64)> {
    let mut results = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let estimates = entry.path().join("new/estimates.json");
        let Ok(text) = std::fs::read_to_string(estimates) else { continue };
        if let Some(ns) = json_number_after(&text, "\"median\"", "\"point_estimate\":") {
            results.push((entry.file_name().to_string_lossy().into_owned(), ns));
        }
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// Helm's render time (chart loaded) per case, in ns, from `helm_render.py --timing`.
fn helm_medians(chart: &Path, cases: &[String]) -> Result<Vec<f64>> {
    let home = std::env::var("HOME").unwrap_or_default();
    let python = PathBuf::from(home).join(".cache/chartplay-helm-oracle/bin/python");
    let parity =
        std::env::var_os("PARITY_DIR").map(PathBuf::from).unwrap_or_else(|| project_root().join("../shared/parity"));
    if !parity.join("helm_render.py").is_file() {
        return Err(format!("the Helm oracle is missing: no helm_render.py in {} (set PARITY_DIR)", parity.display()));
    }
    let corpus = project_root().join("tests/parity/cases/k8s-service");
    if !python.exists() {
        run(Command::new("bash").arg(parity.join("setup.sh")))?;
    }
    let mut times = Vec::new();
    for case in cases {
        let values = corpus.join(case).join("values.yaml");
        let out = Command::new(&python)
            .arg(parity.join("helm_render.py"))
            .arg(chart)
            .arg("-f")
            .arg(&values)
            .arg("--timing")
            .output()
            .map_err(|e| format!("cannot run the Helm oracle: {e}"))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(seconds) = json_number_after(&stderr, "", "\"render_s\":") {
            times.push(seconds * 1e9);
        }
    }
    if times.is_empty() {
        return Err("the Helm oracle reported no timings".into());
    }
    Ok(times)
}

fn json_number_after(text: &str, section: &str, key: &str) -> Option<f64> {
    let start = text.find(section)?;
    let rest = &text[start..];
    let after = &rest[rest.find(key)? + key.len()..];
    let number: String =
        after.trim_start().chars().take_while(|c| c.is_ascii_digit() || "+-.eE".contains(*c)).collect();
    number.parse().ok()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}
