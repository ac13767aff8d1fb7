//! Reading YAML with Helm's rules (go-yaml v2 through sigs.k8s.io/yaml), keeping positions.
//!
//! Helm reads a values file with go-yaml v2, converts the result to JSON and decodes that JSON again. The visible
//! consequences, all reproduced here:
//! - plain scalars resolve with YAML 1.1 rules: `yes`, `on`, `y` are booleans, `0123` is octal, `1e3` is a number,
//!   `08` falls back to a float, underscores in numbers are dropped, timestamps stay strings;
//! - every number becomes a `Value::Float` (JSON numbers are float64 in Go);
//! - map keys become strings (`n:` is the key `"false"`, `1.5:` the key `"1.5"`), duplicates: the last one wins;
//! - merge keys (`<<`) are applied in document order, as go-yaml v2 does (a later key overrides an earlier one,
//!   whether explicit or merged);
//! - only the first document counts.
//!
//! The tree is built from yaml-rust2's event stream without recursion, so depth and alias expansion can be bounded
//! before any work is done ([`super::MAX_DEPTH`], [`MAX_ALIAS_NODES`]).

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use super::scalar::{json_key, printed, reads_as_written, resolve_plain, Scalar};
use super::MAX_DEPTH;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::values::path::{Segment, SpanIndex, ValuePath};
use crate::values::{Map, Value};

/// Nodes that alias expansion may add on top of the document's own nodes (defends against "billion laughs").
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// A values file read into a tree, with where each value is written.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The values (a `Value::Map` for a values file; an empty map for an empty file).
    pub value: Value,
    /// Value path → location in the source.
    pub spans: SpanIndex,
    /// What the text holds that its writer may not expect (see [`Note`]), in text order.
    pub notes: Vec<Note>,
}

/// Something about how a file is written that a reader of it may not expect: what the values policy warns about.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A plain scalar that does not reach templates as written: YAML 1.1 made it a boolean or a number that prints
    /// differently (`NO` is `false`, `0644` is `420`, `1.10` is `1.1`, `2592000` prints as `2.592e+06`); or a key
    /// that becomes another string (`yes:` is the key `true`).
    Retyped {
        /// The value (for a key: the entry it names).
        path: ValuePath,
        /// The scalar as written.
        text: String,
        /// What it becomes: how a template prints the value, or the key's text.
        becomes: String,
        /// Whether it is a map key.
        key: bool,
        /// Where it is written (the bytes of the scalar).
        location: Location,
    },
    /// A key written a second time in one mapping: the later value wins.
    Duplicate {
        /// The entry.
        path: ValuePath,
        /// Where the later key is.
        location: Location,
        /// Where the earlier one is.
        first: Location,
    },
    /// Reading stopped before the end of the text, which Helm ignores from there on.
    Dropped {
        /// Where reading stopped.
        location: Location,
        /// Whether a second document starts there (after `---`); else a line ended the first one early.
        second_document: bool,
    },
}

/// Reads the first YAML document of `src` (named `file` in errors and locations) with Helm's rules.
///
/// The top level must be a mapping; an empty document (or a top-level `null`) gives an empty map.
pub fn read(src: &str, file: &str) -> Result<Document> {
    let mut document = Builder::new(src, file, true).run()?;
    document.value = values_file_root(document.value, file)?;
    Ok(document)
}

/// Like [`read`] without recording where each value is written: the per-keystroke path. Plain block YAML goes
/// through the fast [`super::block`] reader; anything else, and every error, through the full reader, so errors
/// still carry their location. The flag says whether [`read`] would find [`Note`]s (it is cheap to know while
/// reading, and only then are positions worth reading).
pub fn read_unlocated(src: &str, file: &str) -> Result<(Value, bool)> {
    let (value, notable) = match super::block::read(src) {
        Some(read) => read,
        None => {
            let builder = Builder::new(src, file, false);
            let document = builder.run()?;
            (document.value, !document.notes.is_empty())
        }
    };
    Ok((values_file_root(value, file)?, notable))
}

/// A values file's root: a mapping, with an empty document read as an empty map.
fn values_file_root(value: Value, file: &str) -> Result<Value> {
    match value {
        Value::Map(_) => Ok(value),
        Value::Null => Ok(Value::Map(Map::new())),
        other => {
            let message = format!("expected a mapping at the top of the values file, found {}", other.kind_name());
            let location = Location { file: file.into(), line: 1, column: 1, range: Some(0..0) };
            Err(Error::new(ErrorKind::Yaml, message).with_location(location))
        }
    }
}

/// Reads the first YAML document of `src` like [`read`], but accepts any top-level value (an empty document is
/// `Value::Null`).
pub fn read_any(src: &str, file: &str) -> Result<Document> {
    Builder::new(src, file, true).run()
}

/// Like [`read_any`] without recording spans; used to parse rendered manifests back.
pub fn read_any_unlocated(src: &str, file: &str) -> Result<Value> {
    Ok(Builder::new(src, file, false).run()?.value)
}

/// Where the building is: one open collection.
enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
        first_node: usize,
        record: bool,
    },
    Map {
        map: Map,
        key: Option<PendingKey>,
        anchor: usize,
        first_node: usize,
        record: bool,
        /// Character index where the parser put the mapping's start (the first `:` for block mappings).
        start_index: usize,
    },
}

/// A plain scalar that does not read as written: its text, and what it becomes as a value (printed) and as a key.
struct Retyped {
    text: String,
    as_value: Option<String>,
    as_key: Option<String>,
}

/// A map key read, waiting for its value.
enum PendingKey {
    Key(String),
    Merge(Location),
}

/// A node kept for aliases: its value, the nodes it counts, and its text as a map key when it is a scalar.
struct Anchored {
    value: Value,
    nodes: usize,
    key: Option<std::result::Result<String, String>>,
}

/// Converts yaml-rust2 markers (character index) into byte offsets, assuming mostly increasing positions.
struct Locator<'a> {
    src: &'a str,
    ascii: bool,
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        Locator { src, ascii: src.is_ascii(), char_pos: 0, byte_pos: 0 }
    }

    fn byte_offset(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.src.len());
        }
        if char_index < self.char_pos {
            self.char_pos = 0;
            self.byte_pos = 0;
        }
        for c in self.src[self.byte_pos..].chars() {
            if self.char_pos == char_index {
                break;
            }
            self.char_pos += 1;
            self.byte_pos += c.len_utf8();
        }
        self.byte_pos
    }
}

/// Builds the value tree from parser events, iteratively.
struct Builder<'a> {
    src: &'a str,
    file: std::sync::Arc<str>,
    locator: Locator<'a>,
    spans: SpanIndex,
    path: Vec<Segment>,
    stack: Vec<Frame>,
    /// Where each open collection started, innermost last (to point at an unclosed `[` or `{`).
    openers: Vec<Marker>,
    anchors: HashMap<usize, Anchored>,
    nodes: usize,
    node_budget: usize,
    /// Whether to fill `spans` (off on the per-keystroke path).
    record_spans: bool,
    notes: Vec<Note>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, file: &'a str, record_spans: bool) -> Self {
        Builder {
            src,
            file: file.into(),
            locator: Locator::new(src),
            spans: SpanIndex::default(),
            path: Vec::new(),
            stack: Vec::new(),
            openers: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            // A document's own nodes each take at least one byte, so only aliases can exceed this.
            node_budget: MAX_ALIAS_NODES + src.len(),
            record_spans,
            notes: Vec::new(),
        }
    }

    fn location(&mut self, marker: &Marker, len: usize) -> Location {
        let start = self.locator.byte_offset(marker.index());
        let end = (start + len).min(self.src.len());
        Location { file: self.file.clone(), line: marker.line(), column: marker.col() + 1, range: Some(start..end) }
    }

    fn error(&mut self, kind: ErrorKind, message: impl Into<String>, marker: &Marker) -> Error {
        let location = self.location(marker, 0);
        Error::new(kind, message).with_location(location)
    }

    /// A yaml-rust2 error in plain words, at the best position we can give (tabs: the offending tab).
    fn scan_error(&mut self, error: &ScanError) -> Error {
        let marker = *error.marker();
        let mut message = error.info().trim_end_matches('.').to_lowercase();
        if message.contains("recursion limit exceeded") {
            let message = format!("nesting deeper than {MAX_DEPTH} levels");
            return self.error(ErrorKind::Limit, message, &marker);
        }
        let mut location = self.location(&marker, 0);
        // A flow collection left open is reported at the end of the input; point at its `[` or `{` instead.
        if location.range.as_ref().is_some_and(|r| r.start >= self.src.trim_end().len()) {
            let unclosed = self.openers.iter().rev().copied().find_map(|opener| {
                let byte = self.locator.byte_offset(opener.index());
                let bracket = self.src[byte..].chars().next().filter(|c| *c == '[' || *c == '{')?;
                Some((opener, bracket, byte))
            });
            if let Some((opener, bracket, byte)) = unclosed {
                let message = format!("this `{bracket}` is never closed ({message})");
                let location = Location {
                    file: self.file.clone(),
                    line: opener.line(),
                    column: opener.col() + 1,
                    range: Some(byte..byte + 1),
                };
                return Error::new(ErrorKind::Yaml, message).with_location(location);
            }
        }
        // yaml-rust2 reports some tab errors at the end of the previous line; point at the tab itself.
        let tab = self.leading_tab(marker.line()).or_else(|| self.leading_tab(marker.line() + 1));
        if let Some((line, column, byte)) = tab.filter(|_| message.contains("tab")) {
            message = "found a tab character where indentation is expected (indent with spaces)".to_string();
            location.line = line;
            location.column = column + 1;
            location.range = Some(byte..byte + 1);
        }
        Error::new(ErrorKind::Yaml, message).with_location(location)
    }

    /// The line, character column and byte offset of a tab in the indentation of 1-based `line`, if any.
    fn leading_tab(&self, line: usize) -> Option<(usize, usize, usize)> {
        let start = if line <= 1 {
            0
        } else {
            let mut start = 0;
            for _ in 1..line {
                start += self.src[start..].find('\n')? + 1;
            }
            start
        };
        for (column, c) in self.src[start..].chars().enumerate() {
            match c {
                '\t' => return Some((line, column, start + column)),
                ' ' | '-' | '?' | ':' => {}
                _ => return None,
            }
        }
        None
    }

    fn run(mut self) -> Result<Document> {
        let mut parser = Parser::new_from_str(self.src);
        let mut root: Option<Value> = None;
        let root_location = Location { file: self.file.clone(), line: 1, column: 1, range: Some(0..0) };
        if self.record_spans {
            self.spans.insert(ValuePath::default(), root_location);
        }
        loop {
            let (event, marker) = match parser.next_token() {
                Ok(next) => next,
                Err(error) => return Err(self.scan_error(&error)),
            };
            let finished = match event {
                Event::StreamStart | Event::DocumentStart | Event::Nothing => None,
                Event::StreamEnd | Event::DocumentEnd => break,
                Event::Alias(id) => self.alias(id, &marker)?,
                Event::Scalar(text, style, anchor, tag) => self.scalar(text, style, anchor, tag.as_ref(), &marker)?,
                Event::SequenceStart(anchor, _) => {
                    let record = self.start_child(&marker)?;
                    self.openers.push(marker);
                    self.stack.push(Frame::Seq { items: Vec::new(), anchor, first_node: self.nodes, record });
                    self.nodes += 1;
                    None
                }
                Event::MappingStart(anchor, _) => {
                    let record = self.start_child(&marker)?;
                    self.openers.push(marker);
                    let start_index = marker.index();
                    let map = Map::new();
                    self.stack.push(Frame::Map { map, key: None, anchor, first_node: self.nodes, record, start_index });
                    self.nodes += 1;
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => self.end_collection(&marker)?,
            };
            if let Some(value) = finished {
                root = Some(value);
                self.after_the_document(&mut parser);
                break;
            }
        }
        Ok(Document { value: root.unwrap_or(Value::Null), spans: self.spans, notes: self.notes })
    }

    /// Notes where reading stops when the first document is done but the text is not: Helm reads only the first
    /// document, and a line indented less than the first one ends it early.
    fn after_the_document(&mut self, parser: &mut Parser<std::str::Chars<'a>>) {
        loop {
            let (second_document, marker) = match parser.next_token() {
                Ok((Event::DocumentEnd | Event::Nothing, _)) => continue,
                Ok((Event::StreamEnd, _)) => return,
                Ok((Event::DocumentStart, marker)) => {
                    // A `---` followed by nothing (or comments only) drops nothing.
                    match parser.peek() {
                        Ok((Event::DocumentEnd | Event::StreamEnd, _)) => continue,
                        Ok((Event::Scalar(text, TScalarStyle::Plain, _, None), _)) if text.is_empty() => {
                            let _ = parser.next_token();
                            continue;
                        }
                        _ => (true, marker),
                    }
                }
                Ok((_, marker)) => (false, marker),
                Err(error) => (false, *error.marker()),
            };
            // The whole line stops being read: point at its start.
            let mut location = self.location(&marker, 0);
            if let Some(range) = location.range.as_mut() {
                let start = self.src[..range.start].rfind('\n').map_or(0, |newline| newline + 1);
                *range = start..start;
                location.column = 1;
            }
            self.notes.push(Note::Dropped { location, second_document });
            return;
        }
    }

    /// A collection begins: checks depth and key position, records its span, extends the path.
    fn start_child(&mut self, marker: &Marker) -> Result<bool> {
        if self.stack.len() >= MAX_DEPTH {
            let message = format!("nesting deeper than {MAX_DEPTH} levels");
            return Err(self.error(ErrorKind::Limit, message, marker));
        }
        let record = match self.stack.last() {
            None => return Ok(self.record_spans),
            Some(Frame::Seq { items, record, .. }) => {
                let (index, record) = (items.len(), *record);
                if record {
                    let location = self.location(marker, 0);
                    self.record_child(Segment::Index(index), location);
                }
                self.path.push(Segment::Index(index));
                record
            }
            Some(Frame::Map { key: None, .. }) => {
                return Err(self.error(ErrorKind::Yaml, "a mapping or list cannot be used as a map key", marker));
            }
            Some(Frame::Map { key: Some(PendingKey::Key(key)), record, .. }) => {
                let record = *record;
                self.path.push(Segment::Key(key.clone()));
                record
            }
            Some(Frame::Map { key: Some(PendingKey::Merge(_)), .. }) => {
                self.path.push(Segment::Key("<<".to_string()));
                false
            }
        };
        Ok(record)
    }

    fn record_child(&mut self, segment: Segment, location: Location) {
        let path = self.child_path(segment);
        self.spans.insert(path, location);
    }

    /// The path of a child of the open collection.
    fn child_path(&self, segment: Segment) -> ValuePath {
        let mut segments = Vec::with_capacity(self.path.len() + 1);
        segments.extend(self.path.iter().cloned());
        segments.push(segment);
        ValuePath(segments)
    }

    fn end_collection(&mut self, marker: &Marker) -> Result<Option<Value>> {
        let Some(frame) = self.stack.pop() else {
            return Err(self.error(ErrorKind::Yaml, "unbalanced collection end", marker));
        };
        self.openers.pop();
        let (value, anchor, first_node) = match frame {
            Frame::Seq { items, anchor, first_node, .. } => (Value::Seq(items), anchor, first_node),
            Frame::Map { map, anchor, first_node, .. } => (Value::Map(map), anchor, first_node),
        };
        if !self.stack.is_empty() {
            self.path.pop();
        }
        if anchor != 0 {
            let nodes = self.nodes - first_node;
            self.anchors.insert(anchor, Anchored { value: value.clone(), nodes, key: None });
        }
        self.add(value, None, marker, None, None)
    }

    fn alias(&mut self, id: usize, marker: &Marker) -> Result<Option<Value>> {
        let Some(anchored) = self.anchors.get(&id) else {
            return Err(self.error(ErrorKind::Yaml, "alias refers to an anchor that contains it", marker));
        };
        let nodes = anchored.nodes;
        if self.nodes.saturating_add(nodes) > self.node_budget {
            return Err(self.error(ErrorKind::Limit, "alias expansion exceeds the limit", marker));
        }
        self.nodes += nodes;
        let key = anchored.key.clone();
        let value = anchored.value.clone();
        self.add(value, key, marker, Some(0), None)
    }

    fn scalar(
        &mut self,
        text: String,
        style: TScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        marker: &Marker,
    ) -> Result<Option<Value>> {
        self.nodes += 1;
        // A merge key: plain `<<` (or tagged `!!merge`) in key position.
        if let Some(Frame::Map { key: key @ None, .. }) = self.stack.last_mut() {
            let is_merge_tag = tag.is_some_and(|t| t.handle == "tag:yaml.org,2002:" && t.suffix == "merge");
            if text == "<<" && ((style == TScalarStyle::Plain && tag.is_none()) || is_merge_tag) {
                *key = Some(PendingKey::Merge(Location::default()));
                let location = self.location(marker, 2);
                if let Some(Frame::Map { key: Some(PendingKey::Merge(slot)), .. }) = self.stack.last_mut() {
                    *slot = location;
                }
                return Ok(None);
            }
        }
        let resolved = match tag {
            None if style == TScalarStyle::Plain => resolve_plain(&text),
            None => Scalar::Str,
            Some(tag) => self.resolve_tagged(&text, tag, marker)?,
        };
        // The text as a map key is only needed in key position or for an anchor (aliases may be keys).
        let needs_key = anchor != 0 || matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
        let key = if needs_key { json_key(&resolved, &text) } else { Err(String::new()) };
        // A plain scalar that becomes something else than it reads: noted where it lands.
        let retyped = (style == TScalarStyle::Plain && tag.is_none()).then(|| Retyped {
            as_value: (!reads_as_written(&text, &resolved)).then(|| printed(&resolved)).flatten(),
            as_key: key.as_ref().ok().filter(|k| **k != text).cloned(),
            text: text.clone(),
        });
        let value = match resolved {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Int(i) => Value::Float(i as f64),
            Scalar::Float(f) if f.is_finite() => Value::Float(f),
            Scalar::Float(f) => {
                // Helm converts values to JSON, which cannot hold these; it fails the same way.
                let name = if f.is_nan() { "NaN" } else { "infinity" };
                let in_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                if !in_key {
                    let message = format!("unsupported value {text:?}: JSON (and so Helm) has no {name}");
                    return Err(self.error(ErrorKind::Yaml, message, marker));
                }
                Value::Float(f)
            }
            Scalar::Str => Value::String(text),
        };
        let len = self.scalar_source_len(marker, style, &value, &key);
        if anchor != 0 {
            self.anchors.insert(anchor, Anchored { value: value.clone(), nodes: 1, key: Some(key.clone()) });
        }
        self.add(value, Some(key), marker, Some(len), retyped.filter(|r| r.as_value.is_some() || r.as_key.is_some()))
    }

    /// How many bytes the scalar takes in the source, for the span's range (exact for single-line scalars).
    fn scalar_source_len(
        &mut self,
        marker: &Marker,
        style: TScalarStyle,
        value: &Value,
        key: &std::result::Result<String, String>,
    ) -> usize {
        let start = self.locator.byte_offset(marker.index());
        let rest = &self.src[start.min(self.src.len())..];
        match style {
            TScalarStyle::Plain => match key {
                Ok(text) if rest.starts_with(text.as_str()) => text.len(),
                _ => match value {
                    Value::String(s) => s.len(),
                    _ => rest.find([' ', '\n', ',', ']', '}', '#']).unwrap_or(rest.len()),
                },
            },
            TScalarStyle::SingleQuoted => {
                let mut bytes = rest.bytes().enumerate().skip(1).peekable();
                while let Some((i, b)) = bytes.next() {
                    if b == b'\'' {
                        if bytes.peek().map(|p| p.1) == Some(b'\'') {
                            bytes.next();
                        } else {
                            return i + 1;
                        }
                    }
                }
                rest.len()
            }
            TScalarStyle::DoubleQuoted => {
                let mut escaped = false;
                for (i, b) in rest.bytes().enumerate().skip(1) {
                    match b {
                        b'\\' if !escaped => escaped = true,
                        b'"' if !escaped => return i + 1,
                        _ => escaped = false,
                    }
                }
                rest.len()
            }
            TScalarStyle::Literal | TScalarStyle::Folded => 1,
        }
    }

    /// Applies an explicit tag the way go-yaml v2 does: `!!str` keeps the text, `!!int`/`!!float`/`!!bool`/`!!null`
    /// must match what the text resolves to, other tags leave a string.
    fn resolve_tagged(&mut self, text: &str, tag: &Tag, marker: &Marker) -> Result<Scalar> {
        if tag.handle != "tag:yaml.org,2002:" {
            return Ok(Scalar::Str);
        }
        let wanted = tag.suffix.as_str();
        if !matches!(wanted, "int" | "float" | "bool" | "null") {
            return Ok(Scalar::Str);
        }
        let resolved = resolve_plain(text);
        let ok = match (&resolved, wanted) {
            (Scalar::Int(i), "float") => return Ok(Scalar::Float(*i as f64)),
            (Scalar::Int(_), "int") | (Scalar::Float(_), "float") => true,
            (Scalar::Bool(_), "bool") | (Scalar::Null, "null") => true,
            _ => false,
        };
        if ok {
            return Ok(resolved);
        }
        let found = match resolved {
            Scalar::Null => "!!null",
            Scalar::Bool(_) => "!!bool",
            Scalar::Int(_) => "!!int",
            Scalar::Float(_) => "!!float",
            Scalar::Str => "!!str",
        };
        Err(self.error(ErrorKind::Yaml, format!("cannot decode {found} `{text}` as a !!{wanted}"), marker))
    }

    /// Puts a finished value into the open collection (as a key, a value or an item); returns it at the top.
    ///
    /// `key` is the value's text as a map key (`None` for collections, which cannot be keys); `len` the byte length
    /// of its source text, for the recorded span (`None` for collections, whose span was recorded at their start).
    fn add(
        &mut self,
        value: Value,
        key: Option<std::result::Result<String, String>>,
        marker: &Marker,
        len: Option<usize>,
        retyped: Option<Retyped>,
    ) -> Result<Option<Value>> {
        enum Slot {
            Item(usize, bool),
            Key(bool),
            Value(bool),
        }
        let in_list = matches!(self.path.last(), Some(Segment::Index(_)));
        let (slot, first_key_first) = match self.stack.last() {
            None => return Ok(Some(value)),
            Some(Frame::Seq { items, record, .. }) => (Slot::Item(items.len(), *record), false),
            Some(Frame::Map { key: None, record, map, start_index, .. }) => {
                // A block mapping in a list starts where its first key does, not at the `:` where yaml-rust2
                // puts it.
                (Slot::Key(*record), *record && in_list && map.is_empty() && marker.index() < *start_index)
            }
            Some(Frame::Map { key: Some(_), record, .. }) => (Slot::Value(*record), false),
        };
        if first_key_first {
            let location = self.location(marker, 0);
            self.spans.insert(ValuePath(self.path.clone()), location);
        }
        match slot {
            Slot::Item(index, record) => {
                if let Some(len) = len.filter(|_| record) {
                    let location = self.location(marker, len);
                    self.record_child(Segment::Index(index), location);
                }
                if let Some(Retyped { text, as_value: Some(becomes), .. }) = retyped {
                    let path = self.child_path(Segment::Index(index));
                    let location = self.location(marker, len.unwrap_or(0));
                    self.notes.push(Note::Retyped { path, text, becomes, key: false, location });
                }
                if let Some(Frame::Seq { items, .. }) = self.stack.last_mut() {
                    items.push(value);
                }
            }
            Slot::Key(record) => {
                let key = match key {
                    Some(Ok(key)) => key,
                    Some(Err(message)) => return Err(self.error(ErrorKind::Yaml, message, marker)),
                    None => {
                        let message = "a mapping or list cannot be used as a map key";
                        return Err(self.error(ErrorKind::Yaml, message, marker));
                    }
                };
                let path = self.child_path(Segment::Key(key.clone()));
                let location = self.location(marker, len.unwrap_or(0));
                let twice = matches!(self.stack.last(), Some(Frame::Map { map, .. }) if map.contains_key(&key));
                if let Some(first) = self.spans.get(&path).filter(|_| twice).cloned() {
                    self.notes.push(Note::Duplicate { path: path.clone(), location: location.clone(), first });
                } else if twice && !record {
                    // Without positions, any key seen twice (merged ones too) is worth a closer look.
                    let first = location.clone();
                    self.notes.push(Note::Duplicate { path: path.clone(), location: location.clone(), first });
                }
                if let Some(Retyped { text, as_key: Some(becomes), .. }) = retyped {
                    self.notes.push(Note::Retyped { path, text, becomes, key: true, location: location.clone() });
                }
                if record {
                    self.record_child(Segment::Key(key.clone()), location);
                }
                if let Some(Frame::Map { key: pending, .. }) = self.stack.last_mut() {
                    *pending = Some(PendingKey::Key(key));
                }
            }
            Slot::Value(record) => {
                if let Some(Frame::Map { key: Some(PendingKey::Key(key)), .. }) = self.stack.last() {
                    let path = self.child_path(Segment::Key(key.clone()));
                    if let (Some(len), true) = (len, record) {
                        let start = self.locator.byte_offset(marker.index());
                        self.spans.insert_value(path.clone(), start..(start + len).min(self.src.len()));
                    }
                    if let Some(Retyped { text, as_value: Some(becomes), .. }) = retyped {
                        let location = self.location(marker, len.unwrap_or(0));
                        self.notes.push(Note::Retyped { path, text, becomes, key: false, location });
                    }
                }
                let mut merge_error = None;
                if let Some(Frame::Map { map, key: pending, .. }) = self.stack.last_mut() {
                    match pending.take() {
                        Some(PendingKey::Key(key)) => {
                            map.insert(key, value);
                        }
                        Some(PendingKey::Merge(location)) => {
                            if let Err(message) = merge_into(map, value) {
                                merge_error = Some(Error::new(ErrorKind::Yaml, message).with_location(location));
                            }
                        }
                        None => {}
                    }
                }
                if let Some(error) = merge_error {
                    return Err(error);
                }
            }
        }
        Ok(None)
    }
}

/// go-yaml v2's merge: a map, or a list of maps where earlier maps win; merged keys override earlier keys.
fn merge_into(map: &mut Map, value: Value) -> std::result::Result<(), String> {
    const WANT_MAP: &str = "map merge requires a mapping or a list of mappings as the value";
    match value {
        Value::Map(merged) => {
            map.extend(merged);
            Ok(())
        }
        Value::Seq(items) => {
            if !items.iter().all(|item| matches!(item, Value::Map(_))) {
                return Err(WANT_MAP.to_string());
            }
            for item in items.into_iter().rev() {
                if let Value::Map(merged) = item {
                    map.extend(merged);
                }
            }
            Ok(())
        }
        _ => Err(WANT_MAP.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(src: &str) -> Value {
        match read_any(src, "values.yaml") {
            Ok(document) => document.value,
            Err(error) => panic!("{src:?}: {error}"),
        }
    }

    fn scalar(src: &str) -> Value {
        value(&format!("x: {src}\n")).as_map().and_then(|m| m.get("x")).cloned().unwrap_or(Value::String("?".into()))
    }

    fn err(src: &str) -> Error {
        match read_any(src, "values.yaml") {
            Ok(document) => panic!("{src:?} read as {:?}", document.value),
            Err(error) => error,
        }
    }

    fn keys(src: &str) -> Vec<String> {
        value(src).as_map().map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }

    fn path(text: &[&str]) -> ValuePath {
        ValuePath(
            text.iter()
                .map(|s| s.parse::<usize>().map(Segment::Index).unwrap_or_else(|_| Segment::Key(s.to_string())))
                .collect(),
        )
    }

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            assert_eq!(scalar(word), Value::Bool(true), "{word}");
        }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            assert_eq!(scalar(word), Value::Bool(false), "{word}");
        }
        for word in ["~", "null", "Null", "NULL", ""] {
            assert_eq!(scalar(word), Value::Null, "{word}");
        }
        for word in ["yEs", "tRUE", "nULL", "oN", "none", "nil"] {
            assert_eq!(scalar(word), Value::String(word.into()), "{word}");
        }
    }

    #[test]
    fn numbers_resolve_like_go_yaml_and_become_floats() {
        let cases: &[(&str, f64)] = &[
            ("0", 0.0),
            ("42", 42.0),
            ("-7", -7.0),
            ("+1", 1.0),
            ("0x1F", 31.0),
            ("0X1f", 31.0),
            ("-0x10", -16.0),
            ("0o17", 15.0),
            ("0b101", 5.0),
            ("0123", 83.0),
            ("08", 8.0),
            ("09.5", 9.5),
            ("1_000", 1000.0),
            ("1e3", 1000.0),
            ("1E-2", 0.01),
            ("1.5", 1.5),
            ("1.", 1.0),
            (".5", 0.5),
            ("-.5", -0.5),
            ("+.5e1", 5.0),
            ("1e-400", 0.0),
            ("18446744073709551615", 18446744073709551615.0),
            ("99999999999999999999", 1e20),
        ];
        for (text, expected) in cases {
            assert_eq!(scalar(text), Value::Float(*expected), "{text}");
        }
    }

    #[test]
    fn strings_that_look_almost_like_numbers_stay_strings() {
        for text in [
            "2001-12-14",
            "2001-12-14T21:59:43.10-05:00",
            "1:20",
            "0x",
            "0xG",
            "1e",
            "1e400",
            "._5",
            ".",
            "+",
            "1.2.3",
            "0b2",
            "1__",
            "_1",
            "12abc",
            "v1",
            "1.0.0",
            ".x",
            "-a",
            "+-1",
        ] {
            let expected = if text == "1__" { Value::Float(1.0) } else { Value::String(text.into()) };
            assert_eq!(scalar(text), expected, "{text}");
        }
    }

    #[test]
    fn quoted_and_block_scalars_are_strings() {
        assert_eq!(scalar("\"yes\""), Value::String("yes".into()));
        assert_eq!(scalar("'0123'"), Value::String("0123".into()));
        assert_eq!(scalar("''"), Value::String(String::new()));
        assert_eq!(value("x: |\n  12\n"), value("x: \"12\\n\""));
        assert_eq!(value("x: >-\n  true\n"), value("x: 'true'"));
    }

    #[test]
    fn explicit_tags() {
        assert_eq!(scalar("!!str 123"), Value::String("123".into()));
        assert_eq!(scalar("!!str yes"), Value::String("yes".into()));
        assert_eq!(scalar("!!int \"12\""), Value::Float(12.0));
        assert_eq!(scalar("!!float 3"), Value::Float(3.0));
        assert_eq!(scalar("!!bool 'on'"), Value::Bool(true));
        assert_eq!(scalar("!!null ''"), Value::Null);
        assert_eq!(scalar("!custom 12"), Value::String("12".into()));
        assert_eq!(err("x: !!int abc\n").message(), "cannot decode !!str `abc` as a !!int");
    }

    #[test]
    fn non_finite_numbers_are_rejected_like_helm() {
        assert!(err("x: .nan\n").message().contains("NaN"));
        assert!(err("x: -.inf\n").message().contains("infinity"));
        assert_eq!(keys(".inf: 1\n"), [".inf"]);
    }

    #[test]
    fn keys_are_stringified_like_sigs_yaml() {
        assert_eq!(keys("n: 1\n"), ["false"]);
        assert_eq!(keys("yes: 1\n"), ["true"]);
        assert_eq!(keys("1: a\n"), ["1"]);
        assert_eq!(keys("0x1F: a\n"), ["31"]);
        assert_eq!(keys("1.5: a\n"), ["1.5"]);
        assert_eq!(keys("1e3: a\n"), ["1000"]);
        assert_eq!(keys("1e6: a\n"), ["1e+06"]);
        assert_eq!(keys("1000000: a\n"), ["1000000"]);
        assert_eq!(keys("1e-5: a\n"), ["1e-05"]);
        assert_eq!(keys("3.14159265358979: a\n"), ["3.1415927"]);
        assert_eq!(keys("99999999999999999999: a\n"), ["1e+20"]);
        assert_eq!(keys("'n': 1\n"), ["n"]);
        assert!(err("~: 1\n").message().contains("null"));
        assert!(err("18446744073709551615: 1\n").message().contains("uint64"));
    }

    #[test]
    fn duplicate_keys_last_one_wins() {
        assert_eq!(value("a: 1\na: 2\n"), value("a: 2\n"));
        assert_eq!(value("1: x\n'1': y\n"), value("'1': y\n"));
    }

    #[test]
    fn complex_keys_are_errors_with_location() {
        let error = err("a: 1\n? [x]\n: y\n");
        let location = error.location().cloned().unwrap_or_default();
        assert_eq!((location.line, location.column), (2, 3));
        assert!(err("{[a]: b}\n").message().contains("map key"));
        assert!(err("? {a: 1}\n: b\n").message().contains("map key"));
    }

    #[test]
    fn merge_keys_follow_go_yaml_v2_document_order() {
        let src =
            "base: &b {a: 1, b: 2}\nm1:\n  <<: *b\n  a: 9\nm2:\n  a: 9\n  <<: *b\nm3:\n  <<: [{a: 1}, {a: 2, c: 2}]\n";
        let expected = "base: {a: 1, b: 2}\nm1: {a: 9, b: 2}\nm2: {a: 1, b: 2}\nm3: {a: 1, c: 2}\n";
        assert_eq!(value(src), value(expected));
        assert_eq!(value("m: {'<<': 1}\n"), value("m: {\"<<\": 1}\n"));
        assert!(err("m:\n  <<: 1\n").message().contains("map merge"));
        assert!(err("m:\n  <<: [1]\n").message().contains("map merge"));
    }

    #[test]
    fn anchors_and_aliases() {
        assert_eq!(value("a: &x [1, 2]\nb: *x\n"), value("a: [1, 2]\nb: [1, 2]\n"));
        assert_eq!(value("a: &k n\n*k : 2\n"), value("a: false\n'false': 2\n"));
        let error = err("a: 1\nb: *nope\n");
        assert_eq!(error.location().map(|l| l.line), Some(2));
    }

    #[test]
    fn only_the_first_document_is_read() {
        assert_eq!(value("a: 1\n---\nb: 2\n"), value("a: 1\n"));
        assert_eq!(value("---\na: 1\n...\n--- [bad\n"), value("a: 1\n"));
    }

    #[test]
    fn empty_documents() {
        assert_eq!(value(""), Value::Null);
        assert_eq!(value("# just a comment\n"), Value::Null);
        assert_eq!(read("", "v.yaml").map(|d| d.value).ok(), Some(Value::Map(Map::new())));
        assert_eq!(read("---\n", "v.yaml").map(|d| d.value).ok(), Some(Value::Map(Map::new())));
        assert_eq!(read("~\n", "v.yaml").map(|d| d.value).ok(), Some(Value::Map(Map::new())));
    }

    #[test]
    fn top_level_must_be_a_mapping() {
        let error = read("\n  hello\n", "v.yaml").err().unwrap_or_else(|| Error::new(ErrorKind::Chart, ""));
        assert_eq!(error.message(), "expected a mapping at the top of the values file, found a string");
        assert_eq!(error.kind(), ErrorKind::Yaml);
        assert!(error.location().is_some());
        let error = read("- a\n", "v.yaml").err().map(|e| e.message().to_string());
        assert_eq!(error.as_deref(), Some("expected a mapping at the top of the values file, found a list"));
        assert_eq!(value("- a\n- 1\n"), Value::Seq(vec![Value::String("a".into()), Value::Float(1.0)]));
    }

    #[test]
    fn spans_point_at_keys_and_items() {
        let src = "a: 1\nsvc:\n  ports:\n    - port: 80\n    - 443\n  name: \"x\"\nlist: [p, q]\nhé: ü\nz: 1\n";
        let document = read(src, "values.yaml").unwrap_or_default();
        let at = |p: &[&str]| {
            let location = document.spans.locate(&path(p)).cloned().unwrap_or_default();
            (location.line, location.column, location.range.map(|r| src[r].to_string()))
        };
        assert_eq!(at(&[]), (1, 1, Some(String::new())));
        assert_eq!(at(&["a"]), (1, 1, Some("a".into())));
        assert_eq!(at(&["svc"]), (2, 1, Some("svc".into())));
        assert_eq!(at(&["svc", "ports"]), (3, 3, Some("ports".into())));
        assert_eq!(at(&["svc", "ports", "0"]).0, 4);
        assert_eq!(at(&["svc", "ports", "0", "port"]), (4, 7, Some("port".into())));
        assert_eq!(at(&["svc", "ports", "1"]), (5, 7, Some("443".into())));
        assert_eq!(at(&["svc", "name"]), (6, 3, Some("name".into())));
        assert_eq!(at(&["list", "1"]), (7, 11, Some("q".into())));
        assert_eq!(at(&["hé"]), (8, 1, Some("hé".into())));
        assert_eq!(at(&["z"]), (9, 1, Some("z".into())));
        assert_eq!(at(&["svc", "missing"]).0, 2);
    }

    /// `kind path text→becomes @line:column` for each note.
    fn notes(src: &str) -> Vec<String> {
        let document = read(src, "v.yaml").unwrap_or_default();
        let at = |l: &Location| format!("@{}:{}", l.line, l.column);
        document
            .notes
            .iter()
            .map(|note| match note {
                Note::Retyped { path, text, becomes, key, location } => {
                    format!("{} {path} {text}→{becomes} {}", if *key { "key" } else { "value" }, at(location))
                }
                Note::Duplicate { path, location, first } => format!("duplicate {path} {} {}", at(first), at(location)),
                Note::Dropped { location, second_document } => format!("dropped {second_document} {}", at(location)),
            })
            .collect()
    }

    #[test]
    fn notes_scalars_that_do_not_read_as_written_and_duplicate_keys() {
        let src = "a: NO\nb: 0644\nc: \"NO\"\nyes: 1\nd: 1\nd: 2\nl: [on, x, 1.10]\ne: 80\nf: true\n";
        assert_eq!(
            notes(src),
            [
                "value a NO→false @1:4",
                "value b 0644→420 @2:4",
                "key true yes→true @4:1",
                "duplicate d @5:1 @6:1",
                "value l[0] on→true @7:5",
                "value l[2] 1.10→1.1 @7:12",
            ]
        );
        // The fast path knows there is something to note without positions.
        for (src, notable) in [(src, true), ("a: 1\nb: x\n", false), ("a: {b: yes}\n", true), ("a: {b: 1}\n", false)] {
            assert_eq!(read_unlocated(src, "v.yaml").map(|(_, n)| n).ok(), Some(notable), "{src:?}");
        }
    }

    #[test]
    fn notes_where_reading_stops() {
        assert_eq!(notes("  a: 1\nb: 2\n"), ["dropped false @2:1"]);
        assert_eq!(notes("a: 1\n---\nb: 2\n"), ["dropped true @2:1"]);
        assert_eq!(notes("a: 1\n---\n# nothing\n"), Vec::<String>::new());
        assert_eq!(notes("a: 1\n"), Vec::<String>::new());
        assert_eq!(read_unlocated("a: 1\n---\nb: 2\n", "v.yaml").map(|(_, n)| n).ok(), Some(true));
    }

    #[test]
    fn scalar_values_have_their_bytes() {
        let src = "a: 1\nsvc:\n  name: \"x y\" # c\n  kind: 'it''s'\n  list: [p, q]\n  plain: some text  \nb: |\n  x\n";
        let document = read(src, "values.yaml").unwrap_or_default();
        let text = |p: &[&str]| document.spans.value_range(&path(p)).map(|r| src[r].to_string());
        assert_eq!(text(&["a"]).as_deref(), Some("1"));
        assert_eq!(text(&["svc", "name"]).as_deref(), Some("\"x y\""));
        assert_eq!(text(&["svc", "kind"]).as_deref(), Some("'it''s'"));
        assert_eq!(text(&["svc", "list", "1"]).as_deref(), Some("q"));
        assert_eq!(text(&["svc", "plain"]).as_deref(), Some("some text"));
        assert_eq!(text(&["svc"]), None);
    }

    #[test]
    fn parse_errors_have_plain_lowercase_messages_and_positions() {
        let error = err("a: 1\nb: [1, 2\n");
        assert_eq!(error.kind(), ErrorKind::Yaml);
        assert!(error.location().is_some_and(|l| l.line >= 2 && &*l.file == "values.yaml"));
        let message = error.message();
        assert!(message.chars().next().is_some_and(|c| !c.is_uppercase()) && !message.ends_with('.'), "{message}");
        let error = err("a: b: c\n");
        assert_eq!(error.location().map(|l| (l.line, l.column)), Some((1, 5)));
    }

    #[test]
    fn tabs_used_for_indentation_are_reported_at_the_tab() {
        for src in ["a:\n\tb: 1\n", "a:\n  b: 1\n\tc: 2\n", "a:\n  -\tb\n\t- c\n"] {
            let error = err(src);
            assert!(error.message().contains("tab"), "{src:?}: {error}");
            let location = error.location().cloned().unwrap_or_default();
            assert!(src.lines().nth(location.line - 1).is_some_and(|l| l.contains('\t')), "{src:?}: {error}");
        }
        assert_eq!(value("a: \"x\ty\"\n"), value("a: \"x\\ty\"\n"));
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let deep_flow = "[".repeat(10_000);
        let deep_map = "a: {".repeat(10_000);
        let deep_block: String = (0..10_000).map(|_| "- ").collect::<String>() + "x\n";
        let deep_block_map: String = (0..300).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        for src in [deep_flow, deep_map, deep_block, deep_block_map] {
            let error = err(&src);
            assert_eq!(error.kind(), ErrorKind::Limit, "{error}");
            assert!(error.location().is_some());
        }
        let ok = "[".repeat(200) + &"]".repeat(200);
        assert!(read_any(&ok, "v.yaml").is_ok());
    }

    #[test]
    fn alias_bomb_is_a_limit_error() {
        let mut src = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (name, prev) in
            ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            src.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let error = err(&src);
        assert_eq!(error.kind(), ErrorKind::Limit);
        assert_eq!(error.message(), "alias expansion exceeds the limit");
        assert!(error.location().is_some());
    }

    #[test]
    fn self_referencing_alias_is_an_error() {
        assert!(read_any("a: &x [*x]\n", "v.yaml").is_err());
    }

    #[test]
    fn crlf_and_unicode_sources() {
        assert_eq!(value("a: 1\r\nb: é\r\n"), value("a: 1\nb: é\n"));
        let document = read("é: 1\nü: [a, b]\n", "v.yaml").unwrap_or_default();
        let location = document.spans.locate(&path(&["ü", "1"])).cloned().unwrap_or_default();
        assert_eq!((location.line, location.column), (2, 8));
        assert_eq!(location.range, Some(14..15));
    }

    #[test]
    fn unclosed_flow_collection_points_at_its_bracket() {
        let error = err("applicationName: web\nservice:\n  type: [a\n");
        let location = error.location().cloned().unwrap_or_default();
        assert_eq!((location.line, location.column), (3, 9));
        assert!(error.message().starts_with("this `[` is never closed"), "{}", error.message());
    }
}
