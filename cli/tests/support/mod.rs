//! Running the `chartplay` binary from the CLI's integration tests.
#![allow(dead_code)] // Each test binary uses a different part of it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Values that render: an application name and an image.
pub const MINIMAL: &str = "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: '1.27'\n";

/// Runs `chartplay args…` with `stdin` on its standard input.
pub fn chartplay(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chartplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the chartplay binary starts");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("chartplay runs")
}

/// The standard error of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
