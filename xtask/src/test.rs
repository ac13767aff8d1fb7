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

/// Runs `../shared/parity/run_cases.py` on every chart folder of the corpus with the release CLI.
fn parity() -> Result {
    run(Command::new("cargo").args(["build", "--release", "-p", "chartplay"]))?;
    let cases = corpus_dir()?;
    let cli = project_root().join("target/release/chartplay");
    let mut failed = Vec::new();
    for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
        let dir = cases.join(chart);
        if !dir.is_dir() {
            continue;
        }
        let render = format!(
            "{} render {{chart}} -f {{values}} --release-name {{release}} --namespace {{namespace}} {{kube_version_flag}} {{set_flags}}",
            cli.display()
        );
        let runner = cases.parent().map(|p| p.join("run_cases.py")).unwrap_or_default();
        if run(Command::new("python3").arg(runner).arg("--cases").arg(&dir).args([
            "--jobs",
            "2",
            "--render-cmd",
            &render,
        ]))
        .is_err()
        {
            failed.push(chart);
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
