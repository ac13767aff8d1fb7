//! The playground: tools, build, serve and browser tests.

use crate::util::Result;

/// Installs what the playground build and its browser tests need.
pub fn install_tools() -> Result {
    Ok(())
}

/// Builds the playground and serves it on 127.0.0.1.
pub fn serve(_args: &[String]) -> Result {
    Err("the playground is not built yet".into())
}

/// Runs the browser end-to-end tests against a fresh build.
pub fn e2e() -> Result {
    Ok(())
}
