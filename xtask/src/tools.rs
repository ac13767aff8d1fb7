//! Installing the pinned tools the project needs, idempotently: each install first checks what is there.
//!
//! Everything comes from crates.io, npm or Debian packages; nothing downloads a prebuilt binary from elsewhere.

use std::path::Path;
use std::process::Command;

use crate::util::{output, project_root, run, Result};
use crate::web;

/// Installs every tool: Rust targets, then what the playground and its browser tests need.
pub fn install_all() -> Result {
    rust_target("wasm32-unknown-unknown")?;
    web::install_tools()
}

/// Adds a rustup target unless it is installed.
pub fn rust_target(target: &str) -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == target) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", target]))
}

/// `cargo install krate --version version` unless `bin --version` already reports that version.
pub fn cargo_install(krate: &str, version: &str, bin: &str, locked: bool) -> Result {
    let reported = output(Command::new(bin).arg("--version")).unwrap_or_default();
    if reported.split_whitespace().any(|word| word.trim_start_matches('v') == version) {
        return Ok(());
    }
    let mut command = Command::new("cargo");
    command.args(["install", krate, "--version", version]);
    if locked {
        command.arg("--locked");
    }
    run(&mut command)
}

/// Installs Debian packages unless they are all installed already.
pub fn apt_install(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            output(Command::new("dpkg-query").args(["-W", "-f=${Status}", p]))
                .map(|status| !status.contains("install ok installed"))
                .unwrap_or(true)
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get").args(["install", "-y", "-qq", "--no-install-recommends"]).args(&missing))
}

/// `npm ci` unless `node_modules` was installed after the last change of `package-lock.json`.
pub fn npm_ci() -> Result {
    let root = project_root();
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let lock = modified(&root.join("package-lock.json"));
    let installed = modified(&root.join("node_modules/.package-lock.json"));
    if let (Some(lock), Some(installed)) = (lock, installed) {
        if installed >= lock {
            return Ok(());
        }
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}
