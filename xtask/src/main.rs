//! Project automation: `cargo xtask <task>`.
//!
//! - `serve` builds the playground (installing missing tools) and serves it on 127.0.0.1;
//! - `test` runs every check CI runs: formatting, clippy, cargo tests, the Helm parity corpus of `tests/parity`,
//!   the wasm build of the core, and the browser end-to-end tests;
//! - `tools` installs the pinned tools without building anything;
//! - `bench` runs the render benchmark;
//! - `docs` writes the charts' `values.schema.json` and README values tables from `xtask/schema/` (`--check`:
//!   fail when they are stale);
//! - `kube-schemas` regenerates the trimmed Kubernetes schemas in `core/kube-schemas/` from a PyPI package.
//!
//! One module per task; installs check versions first, so a second run is instant.

mod bench;
mod docs;
mod kube_schemas;
mod test;
mod tools;
mod util;
mod web;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <serve [--port N] | test [--no-browser] | e2e | tools | bench \
                     | kube-schemas [--from DIR] | docs [--check]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => web::serve(&args[1..]),
        Some("e2e") => web::e2e(),
        Some("test") => test::run_all(&args[1..]),
        Some("tools") => tools::install_all(),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("docs") => docs::run(&args[1..]),
        Some("kube-schemas") => kube_schemas::generate(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
