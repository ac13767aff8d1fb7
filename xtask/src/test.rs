//! `cargo xtask test`: every check CI runs, in order from fastest to slowest.

use std::process::Command;

use crate::util::{run, Result};
use crate::{tools, web};

/// Runs formatting, the generated-docs check, lint, unit and integration tests, the parity corpus, the wasm build
/// of the core and (unless `--no-browser`) the browser tests.
pub fn run_all(args: &[String]) -> Result {
    let browser = !args.iter().any(|a| a == "--no-browser");
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    // The charts' schemas and README values tables are generated; fail early when someone edited one by hand.
    crate::docs::run(&["--check".to_string()])?;
    run(Command::new("cargo").args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(Command::new("cargo").args(["test", "--workspace", "--exclude", "chartplay-tests"]))?;
    parity()?;
    tools::rust_target("wasm32-unknown-unknown")?;
    run(Command::new("cargo").args(["build", "-p", "chartplay-core", "--target", "wasm32-unknown-unknown"]))?;
    if browser {
        web::e2e()?;
    }
    Ok(())
}

/// The Helm parity corpus in `tests/parity` (what Helm renders, case by case, and the extra cases kept in
/// `tests/parity/extra`), run on its own so its `parity <corpus>/<chart>: N passed, N failed` lines stand out in
/// the log. In-process and in debug it takes a few seconds; see tests/parity/README.md.
fn parity() -> Result {
    run(Command::new("cargo").args(["test", "-p", "chartplay-tests"]))
}
