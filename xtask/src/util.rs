//! Small helpers shared by the tasks: the project root and running commands.

use std::path::PathBuf;
use std::process::Command;

/// Result of a task: an error is a message for the user.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (the workspace folder above `xtask/`).
pub fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

/// Runs `command` in the project root, echoing it; fails when it exits non-zero.
pub fn run(command: &mut Command) -> Result {
    command.current_dir(project_root());
    eprintln!("$ {}", describe(command));
    let status = command.status().map_err(|e| format!("cannot start {}: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(command)))
    }
}

/// Runs `command` quietly and returns its stdout, or `None` when it cannot start or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.current_dir(project_root()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
