//! Tracing a render: which value produced each piece of the output.
//!
//! A traced render runs the same templates over `Values` whose maps and lists are [`TracedMap`] / [`TracedSeq`]
//! objects: each knows its value path and logs the reads through it. Every string of the values gets its own
//! allocation, registered by address, so a string passed on unchanged (printed, piped through `quote`,
//! `default`, …, which carry the registration over) is known wherever it goes. What is printed is then marked
//! in the output text, in band: `OPEN id MID text CLOSE`, with characters of Unicode's private use area that
//! values may not contain. Marks survive what templates do with printed text (`indent`, captured blocks,
//! includes, splitting into documents); [`strip`] takes them out and returns the spans.
//!
//! What a printed value is:
//! - a string: the path it was registered with, exactly;
//! - a number or a boolean (no address to know it by): the value read last, since the previous print, that is
//!   equal to it — `replicas: {{ Values.replicaCount }}` reads then prints; when nothing read matches, the value
//!   is the chart's own;
//! - `toYaml`'s output: each scalar of the YAML marked with the path of the value it comes from (see
//!   [`IdTree`]).
//!
//! Tracing is off outside [`Session::trace`](crate::Session::trace): the formatter and the filters check a
//! thread-local and do nothing else.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value as TValue, ValueKind};

use crate::values::path::{Segment, ValuePath};
use crate::values::{Map, Value};
use crate::yaml::write::Marks;

/// Starts a mark: `OPEN id MID`.
pub(crate) const OPEN: char = '\u{E000}';
/// Separates a mark's id from the marked text.
pub(crate) const MID: char = '\u{E001}';
/// Ends a mark.
pub(crate) const CLOSE: char = '\u{E002}';

/// The id of a traced value path.
pub(crate) type Id = u32;

thread_local! {
    static TRACER: RefCell<Option<Tracer>> = const { RefCell::new(None) };
}

#[derive(Default)]
struct Tracer {
    paths: Vec<ValuePath>,
    /// Address of a registered string's bytes → the path it came from.
    strings: HashMap<usize, Id>,
    /// The registered strings, kept alive so that their addresses stay theirs.
    kept: Vec<TValue>,
    /// Reads since the last print: (path, value read).
    recent: Vec<(Id, TValue)>,
    /// Every path read.
    read: HashSet<Id>,
}

impl Tracer {
    fn id(&mut self, path: ValuePath) -> Id {
        self.paths.push(path);
        (self.paths.len() - 1) as Id
    }

    fn register(&mut self, text: &str, id: Id) -> TValue {
        let value = TValue::from(Arc::<str>::from(text));
        if let Some(bytes) = value.as_str() {
            self.strings.insert(bytes.as_ptr() as usize, id);
        }
        self.kept.push(value.clone());
        value
    }
}

/// What a traced render left: the paths by id, and which were read.
#[derive(Debug, Default)]
pub(crate) struct Log {
    pub paths: Vec<ValuePath>,
    pub read: HashSet<Id>,
}

/// Whether a traced render is under way on this thread.
pub(crate) fn active() -> bool {
    TRACER.with(|tracer| tracer.borrow().is_some())
}

/// Starts tracing on this thread and returns `values` as traced template values.
pub(crate) fn start(values: &Map) -> TValue {
    let mut tracer = Tracer::default();
    let root = tracer.id(ValuePath::default());
    let value = traced_map(&mut tracer, values, root, &ValuePath::default());
    TRACER.with(|slot| *slot.borrow_mut() = Some(tracer));
    value
}

/// Stops tracing on this thread.
pub(crate) fn finish() -> Log {
    let tracer = TRACER.with(|slot| slot.borrow_mut().take()).unwrap_or_default();
    Log { paths: tracer.paths, read: tracer.read }
}

fn traced(tracer: &mut Tracer, value: &Value, id: Id, path: &ValuePath) -> TValue {
    match value {
        Value::Map(map) => traced_map(tracer, map, id, path),
        Value::Seq(items) => {
            let items = items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let child = path.child(Segment::Index(index));
                    let child_id = tracer.id(child.clone());
                    (child_id, traced(tracer, item, child_id, &child))
                })
                .collect();
            TValue::from_object(TracedSeq { id, items })
        }
        Value::String(text) => tracer.register(text, id),
        scalar => super::convert::to_template(scalar),
    }
}

fn traced_map(tracer: &mut Tracer, map: &Map, id: Id, path: &ValuePath) -> TValue {
    let mut keys = Vec::with_capacity(map.len());
    let entries = map
        .iter()
        .map(|(key, value)| {
            let child = path.child(Segment::Key(key.clone()));
            let child_id = tracer.id(child.clone());
            keys.push(tracer.register(key, child_id));
            (key.clone(), (child_id, traced(tracer, value, child_id, &child)))
        })
        .collect();
    TValue::from_object(TracedMap { id, entries, keys })
}

fn log_read(id: Id, value: &TValue) {
    TRACER.with(|slot| {
        // Busy only while the tracer itself walks the values (an `IdTree`): those are not the templates' reads.
        if let Ok(mut slot) = slot.try_borrow_mut() {
            if let Some(tracer) = slot.as_mut() {
                tracer.recent.push((id, value.clone()));
                tracer.read.insert(id);
            }
        }
    });
}

/// A map of the values, logging reads. Its keys are registered strings too (with their entry's path), so a key
/// printed by a loop over the map traces to its entry.
#[derive(Debug)]
pub(crate) struct TracedMap {
    id: Id,
    entries: BTreeMap<String, (Id, TValue)>,
    keys: Vec<TValue>,
}

impl Object for TracedMap {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        let (id, value) = self.entries.get(key.as_str()?)?;
        log_read(*id, value);
        Some(value.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.keys.clone())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.entries.len())
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.entries.is_empty()
    }
}

/// A list of the values, logging reads.
#[derive(Debug)]
pub(crate) struct TracedSeq {
    id: Id,
    items: Vec<(Id, TValue)>,
}

impl Object for TracedSeq {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        let (id, value) = self.items.get(key.as_usize()?)?;
        log_read(*id, value);
        Some(value.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items.len())
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.items.is_empty()
    }
}

/// The path a template value stands for, if it is one of the values: a registered string, a traced map or list.
fn identity(tracer: &Tracer, value: &TValue) -> Option<Id> {
    if let Some(text) = value.as_str() {
        return tracer.strings.get(&(text.as_ptr() as usize)).copied();
    }
    if let Some(map) = value.downcast_object_ref::<TracedMap>() {
        return Some(map.id);
    }
    value.downcast_object_ref::<TracedSeq>().map(|seq| seq.id)
}

/// Writes `text`, the printed form of `value`, marked with the path it comes from when tracing; then starts a
/// new window of reads. Returns false when not tracing (the caller writes the text itself).
pub(crate) fn print(out: &mut String, value: &TValue, text: &str) -> bool {
    TRACER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let Some(tracer) = slot.as_mut() else { return false };
        let id = identity(tracer, value).or_else(|| {
            // A number or a boolean: the last equal value read since the previous print.
            let scalar = matches!(value.kind(), ValueKind::Number | ValueKind::Bool);
            scalar.then(|| tracer.recent.iter().rev().find(|(_, read)| read == value).map(|(id, _)| *id)).flatten()
        });
        tracer.recent.clear();
        match id {
            Some(id) => mark(out, id, text),
            None => out.push_str(text),
        }
        true
    })
}

fn mark(out: &mut String, id: Id, text: &str) {
    out.push(OPEN);
    out.push_str(&id.to_string());
    out.push(MID);
    out.push_str(text);
    out.push(CLOSE);
}

/// `output`, a filter's result computed from `input` without changing what it means (`quote`, `toString`,
/// `trunc`…), registered with `input`'s path when tracing.
pub(crate) fn carry(input: &TValue, output: String) -> TValue {
    TRACER.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.as_mut() {
            Some(tracer) => match identity(tracer, input) {
                Some(id) => tracer.register(&output, id),
                None => TValue::from(output),
            },
            None => TValue::from(output),
        }
    })
}

/// Where each scalar of a value given to `toYaml` comes from: a tree shaped like the value.
#[derive(Debug, Default)]
pub(crate) struct IdTree {
    pub id: Option<Id>,
    pub keys: BTreeMap<String, IdTree>,
    pub items: Vec<IdTree>,
}

/// The [`IdTree`] of `value` when tracing.
pub(crate) fn id_tree(value: &TValue) -> Option<IdTree> {
    TRACER.with(|slot| {
        let slot = slot.borrow();
        let tracer = slot.as_ref()?;
        Some(tree(tracer, value))
    })
}

fn tree(tracer: &Tracer, value: &TValue) -> IdTree {
    let mut node = IdTree { id: identity(tracer, value), ..IdTree::default() };
    if let Some(map) = value.downcast_object_ref::<TracedMap>() {
        for (key, (id, child)) in &map.entries {
            let mut child = tree(tracer, child);
            child.id = child.id.or(Some(*id));
            node.keys.insert(key.clone(), child);
        }
    } else if let Some(seq) = value.downcast_object_ref::<TracedSeq>() {
        for (id, item) in &seq.items {
            let mut child = tree(tracer, item);
            child.id = child.id.or(Some(*id));
            node.items.push(child);
        }
    } else if value.kind() == ValueKind::Map {
        for key in value.try_iter().into_iter().flatten() {
            let child = value.get_item(&key).unwrap_or_default();
            node.keys.insert(super::format::go_sprint(&key), tree(tracer, &child));
        }
    } else if matches!(value.kind(), ValueKind::Seq | ValueKind::Iterable) {
        node.items = value.try_iter().into_iter().flatten().map(|item| tree(tracer, &item)).collect();
    }
    node
}

impl Marks for IdTree {
    fn key(&self, key: &str) -> Option<&dyn Marks> {
        self.keys.get(key).map(|tree| tree as &dyn Marks)
    }

    fn item(&self, index: usize) -> Option<&dyn Marks> {
        self.items.get(index).map(|tree| tree as &dyn Marks)
    }

    fn scalar(&self, out: &mut String, write: &mut dyn FnMut(&mut String)) {
        let Some(id) = self.id else { return write(out) };
        out.push(OPEN);
        out.push_str(&id.to_string());
        out.push(MID);
        write(out);
        // A scalar's line break stays outside its mark.
        let newline = out.ends_with('\n');
        if newline {
            out.pop();
        }
        out.push(CLOSE);
        if newline {
            out.push('\n');
        }
    }
}

/// A marked text without its marks, and the marked spans of the clean text (innermost marks win: they are
/// listed after the marks around them).
pub(crate) fn strip(text: &str) -> (String, Vec<(Range<usize>, Id)>) {
    let mut clean = String::with_capacity(text.len());
    let mut spans = Vec::new();
    let mut open: Vec<(usize, Id)> = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            OPEN => {
                let mut id = 0u32;
                for digit in chars.by_ref() {
                    match digit.to_digit(10) {
                        Some(d) => id = id.saturating_mul(10).saturating_add(d),
                        None => break,
                    }
                }
                open.push((clean.len(), id));
            }
            CLOSE => {
                if let Some((start, id)) = open.pop() {
                    spans.push((start..clean.len(), id));
                }
            }
            c => clean.push(c),
        }
    }
    spans.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    (clean, spans)
}

/// Whether `text` holds a character tracing uses for its marks (then a traced render would be ambiguous).
pub(crate) fn has_marks(text: &str) -> bool {
    text.contains([OPEN, MID, CLOSE])
}
