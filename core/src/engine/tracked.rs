//! `Values` as templates see it, recording which top-level keys a template reads.
//!
//! A template's output depends only on the context it reads. Release, chart and capabilities change rarely; of
//! `Values`, a template reads a few keys (the Service template never looks at `replicaCount`). [`TrackedValues`]
//! is the top-level `Values` map as a minijinja object that notes every key looked up (present or not) and whether
//! the map was iterated as a whole. If none of those keys changed since the last render, the template would do
//! exactly the same work and print exactly the same text, so [`crate::Renderer`] reuses it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use minijinja::value::{Enumerator, Object, ObjectRepr, Value as TValue};

/// What a template read of `Values`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Top-level keys looked up, whether present or not.
    pub keys: BTreeSet<String>,
    /// The whole map was iterated or printed: any change matters.
    pub everything: bool,
}

/// The top-level `Values` map, shared between renders of one context, with a record of reads.
#[derive(Debug)]
pub struct TrackedValues {
    map: Arc<BTreeMap<String, TValue>>,
    reads: Mutex<Reads>,
}

impl TrackedValues {
    /// A fresh record over `map`.
    pub fn new(map: Arc<BTreeMap<String, TValue>>) -> TrackedValues {
        TrackedValues { map, reads: Mutex::new(Reads::default()) }
    }

    /// What was read so far.
    pub fn reads(&self) -> Reads {
        self.reads.lock().map(|reads| reads.clone()).unwrap_or(Reads { keys: BTreeSet::new(), everything: true })
    }

    fn note(&self, update: impl FnOnce(&mut Reads)) {
        if let Ok(mut reads) = self.reads.lock() {
            update(&mut reads);
        }
    }
}

impl Object for TrackedValues {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        let key = key.as_str()?;
        self.note(|reads| {
            if !reads.keys.contains(key) {
                reads.keys.insert(key.to_string());
            }
        });
        self.map.get(key).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.note(|reads| reads.everything = true);
        let map = Arc::clone(&self.map);
        let keys: Vec<TValue> = map.keys().map(|k| TValue::from(k.as_str())).collect();
        Enumerator::Iter(Box::new(keys.into_iter()))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.map.len())
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_lookups_and_iteration() {
        let map = Arc::new(BTreeMap::from([("a".to_string(), TValue::from(1)), ("b".to_string(), TValue::from(2))]));
        let values = Arc::new(TrackedValues::new(map));
        let env = minijinja::Environment::new();
        let ctx = minijinja::context! { Values => TValue::from_dyn_object(Arc::clone(&values)) };
        let out = env.render_str("{{ Values.a }}{% if Values.missing %}x{% endif %}", &ctx).ok();
        assert_eq!(out.as_deref(), Some("1"));
        let reads = values.reads();
        assert_eq!(reads.keys.iter().map(String::as_str).collect::<Vec<_>>(), ["a", "missing"]);
        assert!(!reads.everything);
        let _ = env.render_str("{% for k in Values %}{{ k }}{% endfor %}", &ctx);
        assert!(values.reads().everything);
    }
}
