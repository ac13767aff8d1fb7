//! `Values` as templates see it, recording which top-level keys a template reads.
//!
//! A template's output depends only on the context it reads. Release, chart and capabilities change rarely; of
//! `Values`, a template reads a few keys (the Service template never looks at `replicaCount`). [`TrackedValues`]
//! is the top-level `Values` map as a minijinja object that notes every key looked up (present or not) and whether
//! the map was iterated as a whole. If none of those keys changed since the last render, the template would do
//! exactly the same work and print exactly the same text, so [`crate::Renderer`] reuses it.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use minijinja::value::{Enumerator, Object, ObjectRepr, Value as TValue};

/// The top-level values in key order, as templates see them.
#[derive(Debug, Clone, Default)]
pub struct Table(Vec<(String, TValue)>);

impl Table {
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`, or removes it for `None`.
    pub fn set(&mut self, key: &str, value: Option<TValue>) {
        match (self.position(key), value) {
            (Ok(at), Some(value)) => self.0[at].1 = value,
            (Ok(at), None) => {
                self.0.remove(at);
            }
            (Err(at), Some(value)) => self.0.insert(at, (key.to_string(), value)),
            (Err(_), None) => {}
        }
    }
}

/// What a template read of `Values`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Top-level keys looked up, whether present or not.
    pub keys: BTreeSet<String>,
    /// The whole map was iterated or printed: any change matters.
    pub everything: bool,
}

/// The top-level `Values` map, shared between renders of one context, with a record of reads: a flag per present
/// key (a lookup is a binary search and a store) and a set for keys looked up but absent.
#[derive(Debug)]
pub struct TrackedValues {
    table: Arc<Table>,
    read: Vec<AtomicBool>,
    absent: Mutex<BTreeSet<String>>,
    everything: AtomicBool,
}

impl TrackedValues {
    /// A fresh record over `table`.
    pub fn new(table: Arc<Table>) -> TrackedValues {
        let read = table.0.iter().map(|_| AtomicBool::new(false)).collect();
        TrackedValues { table, read, absent: Mutex::default(), everything: AtomicBool::new(false) }
    }

    /// What was read so far.
    pub fn reads(&self) -> Reads {
        let present = self.table.0.iter().zip(&self.read).filter(|(_, read)| read.load(Ordering::Relaxed));
        let mut keys: BTreeSet<String> = present.map(|((key, _), _)| key.clone()).collect();
        match self.absent.lock() {
            Ok(absent) => keys.extend(absent.iter().cloned()),
            // A poisoned record may miss keys: count the whole map as read.
            Err(_) => return Reads { keys, everything: true },
        }
        Reads { keys, everything: self.everything.load(Ordering::Relaxed) }
    }
}

impl Object for TrackedValues {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        let key = key.as_str()?;
        match self.table.position(key) {
            Ok(at) => {
                self.read[at].store(true, Ordering::Relaxed);
                Some(self.table.0[at].1.clone())
            }
            Err(_) => {
                if let Ok(mut absent) = self.absent.lock() {
                    if !absent.contains(key) {
                        absent.insert(key.to_string());
                    }
                }
                None
            }
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.everything.store(true, Ordering::Relaxed);
        let keys: Vec<TValue> = self.table.0.iter().map(|(k, _)| TValue::from(k.as_str())).collect();
        Enumerator::Iter(Box::new(keys.into_iter()))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.table.0.len())
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.table.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_lookups_and_iteration() {
        let mut table = Table::default();
        table.set("b", Some(TValue::from(2)));
        table.set("a", Some(TValue::from(1)));
        let values = Arc::new(TrackedValues::new(Arc::new(table)));
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
