//! `cargo xtask bench`: the per-keystroke render benchmark (criterion).

use std::process::Command;

use crate::util::{run, Result};

/// Runs the criterion benchmark of `chartplay-core`; extra arguments go to criterion.
pub fn run_bench(args: &[String]) -> Result {
    run(Command::new("cargo").args(["bench", "-p", "chartplay-core", "--bench", "render", "--"]).args(args))
}
