//! Helm's two ways of combining values: merging values files with each other, and coalescing the result over a
//! chart's defaults.
//!
//! **Merging values files** ([`merge_files`], Helm's `loader.MergeMaps`, applied to each `-f` file in turn): a key
//! whose value is a map in both files is merged recursively; otherwise the later file's value replaces the earlier
//! one, whatever the types. A `null` replaces too and stays `null` at this stage.
//!
//! **Coalescing over the defaults** ([`coalesce`], Helm v4's `CoalesceValues` for a chart without subcharts). The
//! user's values win; the rules, checked against Helm v4.2.3:
//!
//! - Top level (Helm's `coalesceValues`), for each key of the chart defaults:
//!   - the user did not set it: the default is copied, unless it is `null`; `null`s nested in a copied default map
//!     are removed;
//!   - the user set it to `null`: the key is deleted, whatever the default (even a default `null`);
//!   - both are maps: they are coalesced as below, after removing `null`s nested in the default map;
//!   - otherwise the user's value is kept as is: a scalar or list over a default map (Helm only warns), a map over a
//!     default scalar or `null`.
//! - Nested maps (Helm's `coalesceTablesFullKey`), for each key of the default map:
//!   - the user did not set it: the default is copied;
//!   - the user set it to `null`: the key is deleted;
//!   - both are maps: coalesced recursively;
//!   - otherwise the user's value is kept: a scalar over a default map (Helm warns "cannot overwrite table with non
//!     table" but keeps the user's value), a map over a default scalar, a list over a list (lists are never merged).
//! - Keys the user set that the defaults lack are kept untouched at every depth, `null`s included: `newKey: null`
//!   stays `null`, and so do `podAnnotations: {a: null}` over a default `podAnnotations: {}` and a user `null` over a
//!   nested default `null`.

use crate::values::{Map, Value};

/// Merges a later values file over an earlier one (Helm's `MergeMaps`): maps merge, everything else replaces.
pub fn merge_files(base: &mut Map, overlay: Map) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(Value::Map(base_map)), Value::Map(overlay_map)) => merge_files(base_map, overlay_map),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Coalesces the user's values over the chart defaults (Helm's `CoalesceValues`); see the module docs for the rules.
pub fn coalesce(user: &Map, defaults: &Map) -> Map {
    let keys: std::collections::BTreeSet<&String> = user.keys().chain(defaults.keys()).collect();
    keys.into_iter().filter_map(|key| Some((key.clone(), coalesce_key(user.get(key), defaults.get(key))?))).collect()
}

/// What [`coalesce`] puts under one top-level key, given the user's value and the default there (`None`: absent);
/// `None` when the key is left out. Lets a caller that knows which keys changed coalesce only those.
pub fn coalesce_key(user: Option<&Value>, default: Option<&Value>) -> Option<Value> {
    match (user, default) {
        (None, None) | (None, Some(Value::Null)) | (Some(Value::Null), Some(_)) => None,
        (Some(user), None) => Some(user.clone()),
        (None, Some(Value::Map(default_map))) => Some(Value::Map(without_nulls(default_map))),
        (None, Some(default)) => Some(default.clone()),
        (Some(Value::Map(user_map)), Some(Value::Map(default_map))) => {
            let mut user_map = user_map.clone();
            coalesce_tables(&mut user_map, default_map);
            Some(Value::Map(user_map))
        }
        (Some(user), Some(_)) => Some(user.clone()),
    }
}

/// Coalesces a nested default map into the user's map, as if the `null`s nested in the defaults were removed first
/// (they are skipped, and the defaults copied in are copied without them).
fn coalesce_tables(user: &mut Map, defaults: &Map) {
    for (key, default) in defaults {
        match user.get_mut(key) {
            _ if matches!(default, Value::Null) => {}
            None => {
                let default = match default {
                    Value::Map(default_map) => Value::Map(without_nulls(default_map)),
                    other => other.clone(),
                };
                user.insert(key.clone(), default);
            }
            Some(Value::Null) => {
                user.remove(key);
            }
            Some(Value::Map(user_map)) => {
                if let Value::Map(default_map) = default {
                    coalesce_tables(user_map, default_map);
                }
            }
            Some(_) => {}
        }
    }
}

/// A copy of `map` with `null` entries removed at every map depth (Helm's `cleanNilValues`; lists are left alone).
fn without_nulls(map: &Map) -> Map {
    map.iter()
        .filter_map(|(key, value)| match value {
            Value::Null => None,
            Value::Map(inner) => Some((key.clone(), Value::Map(without_nulls(inner)))),
            other => Some((key.clone(), other.clone())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.to_string())
    }

    fn int(n: i64) -> Value {
        Value::Int(n)
    }

    fn m(entries: &[(&str, Value)]) -> Map {
        entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(m(entries))
    }

    #[test]
    fn merge_files_merges_maps_recursively() {
        let mut base = m(&[("a", map(&[("x", int(1)), ("y", int(2))])), ("b", int(1))]);
        merge_files(&mut base, m(&[("a", map(&[("y", int(3)), ("z", int(4))])), ("c", int(5))]));
        assert_eq!(
            base,
            m(&[("a", map(&[("x", int(1)), ("y", int(3)), ("z", int(4))])), ("b", int(1)), ("c", int(5))])
        );
    }

    #[test]
    fn merge_files_overlay_replaces_scalars_lists_and_types() {
        let mut base = m(&[("a", map(&[("x", int(1))])), ("l", Value::Seq(vec![int(1), int(2)])), ("s", int(1))]);
        merge_files(&mut base, m(&[("a", int(5)), ("l", Value::Seq(vec![int(3)])), ("s", map(&[("k", int(1))]))]));
        assert_eq!(base, m(&[("a", int(5)), ("l", Value::Seq(vec![int(3)])), ("s", map(&[("k", int(1))]))]));
    }

    #[test]
    fn merge_files_keeps_null() {
        let mut base = m(&[("a", map(&[("x", int(1))])), ("b", map(&[("y", int(1))]))]);
        merge_files(&mut base, m(&[("a", Value::Null), ("b", map(&[("y", Value::Null)]))]));
        assert_eq!(base, m(&[("a", Value::Null), ("b", map(&[("y", Value::Null)]))]));
    }

    #[test]
    fn merge_null_deletes_key() {
        let defaults = m(&[("a", int(1)), ("b", int(2))]);
        assert_eq!(coalesce(&m(&[("a", Value::Null)]), &defaults), m(&[("b", int(2))]));
    }

    #[test]
    fn merge_nested_null_deletes_key() {
        let defaults = m(&[("n", map(&[("m", map(&[("x", int(1)), ("z", int(2))])), ("s", s("str"))]))]);
        let user = m(&[("n", map(&[("m", map(&[("x", Value::Null)])), ("s", Value::Null)]))]);
        assert_eq!(coalesce(&user, &defaults), m(&[("n", map(&[("m", map(&[("z", int(2))]))]))]));
    }

    #[test]
    fn merge_null_over_default_map_deletes_it() {
        let defaults = m(&[("a", map(&[("x", int(1))])), ("n", map(&[("m", map(&[("x", int(1))]))]))]);
        let user = m(&[("a", Value::Null), ("n", map(&[("m", Value::Null)]))]);
        assert_eq!(coalesce(&user, &defaults), m(&[("n", Value::Map(Map::new()))]));
    }

    #[test]
    fn merge_top_level_null_over_default_null_deletes_key() {
        assert_eq!(coalesce(&m(&[("a", Value::Null)]), &m(&[("a", Value::Null)])), Map::new());
    }

    #[test]
    fn merge_nested_null_over_default_null_is_kept() {
        let defaults = m(&[("n", map(&[("d", Value::Null)]))]);
        let user = m(&[("n", map(&[("d", Value::Null)]))]);
        assert_eq!(coalesce(&user, &defaults), user);
    }

    #[test]
    fn merge_null_without_default_is_kept() {
        let defaults = m(&[("podAnnotations", Value::Map(Map::new())), ("n", map(&[("k", int(1))]))]);
        let user = m(&[
            ("newTop", Value::Null),
            ("podAnnotations", map(&[("a", Value::Null), ("b", int(1))])),
            ("n", map(&[("newKey", Value::Null), ("newMap", map(&[("c", Value::Null)]))])),
        ]);
        let want = m(&[
            ("newTop", Value::Null),
            ("podAnnotations", map(&[("a", Value::Null), ("b", int(1))])),
            ("n", map(&[("k", int(1)), ("newKey", Value::Null), ("newMap", map(&[("c", Value::Null)]))])),
        ]);
        assert_eq!(coalesce(&user, &defaults), want);
    }

    #[test]
    fn merge_default_nulls_are_dropped() {
        let defaults = m(&[("a", Value::Null), ("n", map(&[("d", Value::Null), ("k", int(1))]))]);
        assert_eq!(coalesce(&Map::new(), &defaults), m(&[("n", map(&[("k", int(1))]))]));
        let user = m(&[("n", map(&[("x", int(2))]))]);
        assert_eq!(coalesce(&user, &defaults), m(&[("n", map(&[("k", int(1)), ("x", int(2))]))]));
    }

    #[test]
    fn merge_maps_merge_recursively_and_user_wins() {
        let defaults = m(&[("a", map(&[("x", int(1)), ("y", map(&[("p", int(1)), ("q", int(2))]))])), ("b", int(1))]);
        let user = m(&[("a", map(&[("y", map(&[("q", int(3))])), ("z", int(4))]))]);
        let want = m(&[
            ("a", map(&[("x", int(1)), ("y", map(&[("p", int(1)), ("q", int(3))])), ("z", int(4))])),
            ("b", int(1)),
        ]);
        assert_eq!(coalesce(&user, &defaults), want);
    }

    #[test]
    fn merge_top_level_scalar_over_default_map_keeps_scalar() {
        let defaults = m(&[("a", map(&[("x", int(1))]))]);
        assert_eq!(coalesce(&m(&[("a", int(5))]), &defaults), m(&[("a", int(5))]));
    }

    #[test]
    fn merge_nested_scalar_over_default_map_keeps_scalar() {
        let defaults = m(&[("n", map(&[("m", map(&[("x", int(1))])), ("k", int(1))]))]);
        let user = m(&[("n", map(&[("m", int(5))]))]);
        assert_eq!(coalesce(&user, &defaults), m(&[("n", map(&[("k", int(1)), ("m", int(5))]))]));
    }

    #[test]
    fn merge_map_over_default_scalar_keeps_map() {
        let defaults = m(&[("a", int(1)), ("n", map(&[("s", s("str"))])), ("d", Value::Null)]);
        let user = m(&[
            ("a", map(&[("x", int(1))])),
            ("n", map(&[("s", map(&[("b", int(2))]))])),
            ("d", map(&[("y", Value::Null)])),
        ]);
        assert_eq!(coalesce(&user, &defaults), user);
    }

    #[test]
    fn merge_lists_are_replaced() {
        let defaults = m(&[("l", Value::Seq(vec![int(1), int(2)])), ("n", map(&[("l", Value::Seq(vec![int(1)]))]))]);
        let user = m(&[("l", Value::Seq(vec![int(3)])), ("n", map(&[("l", Value::Seq(vec![Value::Null, s("x")]))]))]);
        assert_eq!(coalesce(&user, &defaults), user);
    }

    #[test]
    fn merge_empty_user_gives_defaults() {
        let defaults = m(&[("a", int(1)), ("m", map(&[("x", s("y"))])), ("e", Value::Map(Map::new()))]);
        assert_eq!(coalesce(&Map::new(), &defaults), defaults);
    }
}
