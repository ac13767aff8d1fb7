//! Helm's `--set` syntax (pkg/strvals).

use crate::error::Result;
use crate::values::Map;

/// Applies one `--set` (or, with `string_only`, `--set-string`) expression to `target`.
pub fn apply(expr: &str, target: &mut Map, string_only: bool) -> Result<()> {
    let _ = (expr, target, string_only);
    todo!("strvals")
}
