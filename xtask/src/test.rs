//! `cargo xtask test`: every check CI runs, in order from fastest to slowest.

use std::path::PathBuf;
use std::process::Command;

use crate::util::{project_root, run, Result};
use crate::{tools, web};

/// Runs formatting, the generated-docs check, lint, unit and integration tests, the wasm build of the core, the parity corpus and (unless
/// `--no-browser`) the browser tests.
pub fn run_all(args: &[String]) -> Result {
    let browser = !args.iter().any(|a| a == "--no-browser");
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    // The charts' schemas and README values tables are generated; fail early when someone edited one by hand.
    crate::docs::run(&["--check".to_string()])?;
    run(Command::new("cargo").args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(Command::new("cargo").args(["test", "--workspace"]))?;
    tools::rust_target("wasm32-unknown-unknown")?;
    run(Command::new("cargo").args(["build", "-p", "chartplay-core", "--target", "wasm32-unknown-unknown"]))?;
    parity()?;
    if browser {
        web::e2e()?;
    }
    Ok(())
}

/// Runs `../shared/parity/run_cases.py` with the release CLI on every chart folder of the shared corpus, then on
/// this repository's extra cases (`tests/parity-extra/cases`: Helm's answers to inputs the shared corpus lacks,
/// each kept because chartplay once differed on it; see tests/parity-extra/README.md).
fn parity() -> Result {
    run(Command::new("cargo").args(["build", "--release", "-p", "chartplay"]))?;
    let cases = corpus_dir()?;
    let runner = cases.parent().map(|p| p.join("run_cases.py")).unwrap_or_default();
    let cli = project_root().join("target/release/chartplay");
    let render = format!(
        "{} render {{chart}} -f {{values}} --release-name {{release}} --namespace {{namespace}} {{kube_version_flag}} {{set_flags}}",
        cli.display()
    );
    let extra = project_root().join("tests/parity-extra/cases");
    let mut failed = Vec::new();
    for (corpus, root) in [("shared", &cases), ("extra", &extra)] {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let dir = root.join(chart);
            if !dir.is_dir() {
                continue;
            }
            let args = ["--jobs", "2", "--render-cmd", &render];
            if run(Command::new("python3").arg(&runner).arg("--cases").arg(&dir).args(args)).is_err() {
                failed.push(format!("{chart} ({corpus})"));
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("parity failed for {}", failed.join(", ")))
    }
}

/// `../shared/parity/cases` beside the repository (CI lays `shared/` there).
fn corpus_dir() -> Result<PathBuf> {
    let dir = project_root().join("../shared/parity/cases");
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!("the parity corpus is missing: expected {}", dir.display()))
    }
}
