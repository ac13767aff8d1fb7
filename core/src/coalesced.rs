//! The user's values coalesced over a chart's defaults, kept between runs and brought up to date key by key.
//!
//! Every run needs the coalesced values twice: as a values tree, which the values checks walk, and in template
//! form, which the templates read. Between two keystrokes the user changes one or two top-level keys, so
//! [`Coalesced`] keeps both forms and recomputes only the top-level keys whose user value changed (coalescing works
//! key by key at the top level, [`merge::coalesce_key`]). The defaults alone, coalesced over no user values, are
//! computed once per chart ([`crate::Chart`] keeps them); a new render starts from a copy of them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::engine::convert;
use crate::engine::tracked::Table;
use crate::values::{merge, Map, Value};

/// See the module docs.
#[derive(Debug, Clone)]
pub(crate) struct Coalesced {
    /// The user's top-level values they were last brought up to date with.
    user: Map,
    /// The chart's defaults coalesced, by top-level key: shared by every copy of the chart's.
    defaults: Arc<BTreeMap<Arc<str>, Arc<Value>>>,
    /// The top-level keys changed since the defaults, over `defaults` (so a renderer's copy of the chart's copies
    /// nothing): for each, the update that last changed it (its version, see [`Coalesced::entries`]) and its
    /// coalesced value (`None`: the key is gone).
    changed: BTreeMap<Arc<str>, (u64, Option<Arc<Value>>)>,
    /// The same in template form, by top-level key.
    table: Arc<Table>,
    /// How many updates there have been.
    updates: u64,
}

impl Coalesced {
    /// The chart's `defaults` coalesced over no user values.
    pub(crate) fn of_defaults(defaults: &Map) -> Coalesced {
        let entries: BTreeMap<Arc<str>, Arc<Value>> = merge::coalesce(&Map::new(), defaults)
            .into_iter()
            .map(|(key, value)| (Arc::from(key), Arc::new(value)))
            .collect();
        let table =
            Table::from_sorted(entries.iter().map(|(key, value)| (key.to_string(), convert::to_template(value))));
        Coalesced {
            user: Map::new(),
            defaults: Arc::new(entries),
            changed: BTreeMap::new(),
            table: Arc::new(table),
            updates: 0,
        }
    }

    /// Brings the values up to date with `user` over the chart's `defaults` (the ones they were made from) and
    /// returns the top-level keys whose user value changed.
    pub(crate) fn update(&mut self, user: &Map, defaults: &Map) -> BTreeSet<String> {
        let keys: BTreeSet<&String> = user.keys().chain(self.user.keys()).collect();
        let changed: BTreeSet<String> =
            keys.into_iter().filter(|key| user.get(*key) != self.user.get(*key)).cloned().collect();
        self.updates += 1;
        let mut table_changes = Vec::with_capacity(changed.len());
        for key in &changed {
            let value = merge::coalesce_key(user.get(key), defaults.get(key));
            table_changes.push((key.as_str(), value.as_ref().map(convert::to_template)));
            self.changed.insert(Arc::from(key.as_str()), (self.updates, value.map(Arc::new)));
            match user.get(key) {
                Some(value) => self.user.insert(key.clone(), value.clone()),
                None => self.user.remove(key),
            };
        }
        Arc::make_mut(&mut self.table).set(table_changes);
        changed
    }

    /// The coalesced values, by top-level key, in key order (the changed keys' over the defaults'), each with its
    /// version: it changes whenever the key's coalesced value may have, and is 0 while the key holds the chart's
    /// default (as in every copy of the chart's [`Coalesced::of_defaults`]).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &Value, u64)> {
        let mut defaults = self.defaults.iter().map(|(key, value)| (key, 0, Some(value))).peekable();
        let mut changed = self.changed.iter().map(|(key, (version, value))| (key, *version, value.as_ref())).peekable();
        std::iter::from_fn(move || loop {
            let next = match (defaults.peek(), changed.peek()) {
                (None, None) => return None,
                (Some((default, ..)), Some((key, ..))) if default < key => defaults.next(),
                (Some((default, ..)), Some((key, ..))) if default == key => {
                    defaults.next();
                    changed.next()
                }
                (Some(_), None) => defaults.next(),
                (_, Some(_)) => changed.next(),
            };
            if let Some((key, version, Some(value))) = next {
                return Some((&**key, &**value, version));
            }
        })
    }

    /// Whether the coalesced values have the top-level `key`.
    pub(crate) fn contains(&self, key: &str) -> bool {
        match self.changed.get(key) {
            Some((_, value)) => value.is_some(),
            None => self.defaults.contains_key(key),
        }
    }

    /// The coalesced values as one tree (a copy).
    pub(crate) fn to_value(&self) -> Value {
        Value::Map(self.entries().map(|(key, value, _)| (key.to_string(), value.clone())).collect())
    }

    /// The coalesced values in template form.
    pub(crate) fn table(&self) -> &Arc<Table> {
        &self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, Value)]) -> Map {
        entries.iter().map(|(key, value)| (key.to_string(), value.clone())).collect()
    }

    #[test]
    fn entries_are_the_changed_keys_over_the_defaults_in_key_order() {
        let defaults = map(&[("a", Value::Float(1.0)), ("b", Value::Float(2.0)), ("c", Value::Float(3.0))]);
        let mut values = Coalesced::of_defaults(&defaults);
        // `b: null` deletes the default; `d` is new; `a` changes.
        let user = map(&[("a", Value::Float(5.0)), ("b", Value::Null), ("d", Value::Float(4.0))]);
        let changed = values.update(&user, &defaults);
        assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["a", "b", "d"]);
        let entries: Vec<(&str, &Value)> = values.entries().map(|(key, value, _)| (key, value)).collect();
        assert_eq!(entries, [("a", &Value::Float(5.0)), ("c", &Value::Float(3.0)), ("d", &Value::Float(4.0))]);
        assert!(values.contains("c") && values.contains("d") && !values.contains("b"));
        assert_eq!(
            values.to_value(),
            Value::Map(map(&[("a", Value::Float(5.0)), ("c", Value::Float(3.0)), ("d", Value::Float(4.0))]))
        );
        // Back to the defaults: every key reads as the chart's again.
        values.update(&Map::new(), &defaults);
        assert_eq!(values.to_value(), Value::Map(defaults));
    }
}
