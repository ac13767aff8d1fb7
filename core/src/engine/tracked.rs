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

/// The top-level values in key order, as templates see them, with a hash index: templates look keys up far more often
/// than the table changes.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Shared keys: a renderer's table starts as a copy of the chart's, which copies no text.
    entries: Vec<(Arc<str>, TValue)>,
    /// Open addressing over `entries` by [`key_hash`]: each slot holds an entry's index plus one, or 0 when empty;
    /// the length is a power of two at least twice the number of entries.
    slots: Vec<usize>,
}

impl Table {
    /// Where `key` is in `entries`.
    fn find(&self, key: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = key_hash(key) as usize & mask;
        loop {
            let at = self.slots[slot].checked_sub(1)?;
            if *self.entries[at].0 == *key {
                return Some(at);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// A table of `entries`, given in key order.
    pub fn from_sorted(entries: impl IntoIterator<Item = (String, TValue)>) -> Table {
        let entries = entries.into_iter().map(|(key, value)| (key.into(), value)).collect();
        let mut table = Table { entries, slots: Vec::new() };
        table.index();
        table
    }

    /// Sets each key to its value, or removes it for `None`.
    pub fn set<'a>(&mut self, changes: impl IntoIterator<Item = (&'a str, Option<TValue>)>) {
        let mut keys_changed = false;
        for (key, value) in changes {
            let at = self.entries.binary_search_by(|(k, _)| (**k).cmp(key));
            match (at, value) {
                (Ok(at), Some(value)) => self.entries[at].1 = value,
                (Ok(at), None) => {
                    self.entries.remove(at);
                    keys_changed = true;
                }
                (Err(at), Some(value)) => {
                    self.entries.insert(at, (key.into(), value));
                    keys_changed = true;
                }
                (Err(_), None) => {}
            }
        }
        // The set of keys changed: index it again, once.
        if keys_changed {
            self.index();
        }
    }

    fn index(&mut self) {
        let size = (self.entries.len() * 2).next_power_of_two();
        let mask = size - 1;
        self.slots = vec![0; size];
        for (at, (key, _)) in self.entries.iter().enumerate() {
            let mut slot = key_hash(key) as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = at + 1;
        }
    }
}

/// A fast hash of a key for [`Table`]'s index (FxHash's mixing, eight bytes at a time).
fn key_hash(key: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut hash = key.len() as u64;
    let mut chunks = key.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    let mut word = [0u8; 8];
    word[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    // The low bits pick the slot: fold the well-mixed high bits into them.
    hash ^ (hash >> 32)
}

/// What a template read of `Values`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Top-level keys looked up, whether present or not, sorted (those present share their text with the table).
    pub keys: Vec<Arc<str>>,
    /// The whole map was iterated or printed: any change matters.
    pub everything: bool,
}

impl Reads {
    /// Whether what was printed with these reads is still what would be printed, given the top-level keys whose
    /// value changed since.
    pub fn still_valid(&self, changed: &BTreeSet<String>) -> bool {
        match self.everything {
            true => changed.is_empty(),
            false => !changed.iter().any(|key| self.keys.binary_search_by(|k| (**k).cmp(key)).is_ok()),
        }
    }
}

/// The top-level `Values` map, shared between renders of one context, with a record of reads: a flag per present
/// key (a lookup is a hash probe and a store) and a set for keys looked up but absent.
#[derive(Debug)]
pub struct TrackedValues {
    table: Arc<Table>,
    read: Vec<AtomicBool>,
    absent: Mutex<BTreeSet<Arc<str>>>,
    everything: AtomicBool,
}

impl TrackedValues {
    /// A fresh record over `table`.
    pub fn new(table: Arc<Table>) -> TrackedValues {
        let read = table.entries.iter().map(|_| AtomicBool::new(false)).collect();
        TrackedValues { table, read, absent: Mutex::default(), everything: AtomicBool::new(false) }
    }

    /// The table it reads.
    pub fn table(&self) -> Arc<Table> {
        Arc::clone(&self.table)
    }

    /// Records `reads` (made by another record over the same table) as made here.
    pub fn mark(&self, reads: &Reads) {
        for key in &reads.keys {
            match self.table.find(key) {
                Some(at) => self.read[at].store(true, Ordering::Relaxed),
                None => {
                    if let Ok(mut absent) = self.absent.lock() {
                        absent.insert(Arc::clone(key));
                    }
                }
            }
        }
        if reads.everything {
            self.everything.store(true, Ordering::Relaxed);
        }
    }

    /// What was read so far.
    pub fn reads(&self) -> Reads {
        let present = self.table.entries.iter().zip(&self.read).filter(|(_, read)| read.load(Ordering::Relaxed));
        let mut keys: Vec<Arc<str>> = present.map(|((key, _), _)| Arc::clone(key)).collect();
        match self.absent.lock() {
            Ok(absent) => keys.extend(absent.iter().cloned()),
            // A poisoned record may miss keys: count the whole map as read.
            Err(_) => return Reads { keys, everything: true },
        }
        // Present and absent keys are apart (absent ones are not in the table), each run in key order.
        keys.sort();
        Reads { keys, everything: self.everything.load(Ordering::Relaxed) }
    }
}

impl Object for TrackedValues {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        self.get_value_by_str(key.as_str()?)
    }

    /// `Values.key` comes here: looked up as it is, with no key value made for it.
    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<TValue> {
        match self.table.find(key) {
            Some(at) => {
                self.read[at].store(true, Ordering::Relaxed);
                Some(self.table.entries[at].1.clone())
            }
            None => {
                if let Ok(mut absent) = self.absent.lock() {
                    if !absent.contains(key) {
                        absent.insert(Arc::from(key));
                    }
                }
                None
            }
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.everything.store(true, Ordering::Relaxed);
        let keys: Vec<TValue> = self.table.entries.iter().map(|(k, _)| TValue::from(&**k)).collect();
        Enumerator::Iter(Box::new(keys.into_iter()))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.table.entries.len())
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.table.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_every_key_as_keys_come_and_go() {
        let mut table = Table::from_sorted((0..40).map(|i| (format!("key{i:02}"), TValue::from(i))));
        for i in (0..40).step_by(3) {
            table.set([(format!("key{i:02}").as_str(), None)]);
        }
        table.set([("aVeryLongKeyThatSpansSeveralWords", Some(TValue::from(-1)))]);
        for (at, (key, _)) in table.entries.iter().enumerate() {
            assert_eq!(table.find(key), Some(at), "{key}");
        }
        assert_eq!(table.find("key00"), None);
        assert_eq!(table.find(""), None);
        assert_eq!(Table::default().find("key01"), None);
    }

    #[test]
    fn records_lookups_and_iteration() {
        let mut table = Table::default();
        table.set([("b", Some(TValue::from(2))), ("a", Some(TValue::from(1)))]);
        let values = Arc::new(TrackedValues::new(Arc::new(table)));
        let env = minijinja::Environment::new();
        let ctx = minijinja::context! { Values => TValue::from_dyn_object(Arc::clone(&values)) };
        let out = env.render_str("{{ Values.a }}{% if Values.missing %}x{% endif %}", &ctx).ok();
        assert_eq!(out.as_deref(), Some("1"));
        let reads = values.reads();
        assert_eq!(reads.keys.iter().map(|key| &**key).collect::<Vec<_>>(), ["a", "missing"]);
        assert!(!reads.everything);
        let _ = env.render_str("{% for k in Values %}{{ k }}{% endfor %}", &ctx);
        assert!(values.reads().everything);
    }
}
