//! Helm's coalescing of values.

use crate::values::Map;

/// Merges a later values file over an earlier one (Helm's `mergeMaps`): maps merge, everything else replaces.
pub fn merge_files(base: &mut Map, overlay: Map) {
    let _ = (base, overlay);
    todo!("mergeMaps")
}

/// Coalesces the user's values over the chart defaults (Helm's `CoalesceValues`).
pub fn coalesce(user: Map, defaults: &Map) -> Map {
    let _ = (user, defaults);
    todo!("coalesce")
}
