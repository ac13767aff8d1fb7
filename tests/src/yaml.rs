//! Rendered manifests read the way Kubernetes reads them, for comparing: go-yaml v2 typing, integers kept apart from
//! floats, duplicate keys recorded.
//!
//! chartplay-core's reader is Helm's values reader: it turns every number into a float64, as Helm's JSON round
//! trip does, and keeps only the first document. A comparison needs more: `3` and `3.0` are different answers,
//! a chunk of a stream may hold several documents, and a duplicate key must be reported rather than silently
//! resolved. So this module builds its own tree from yaml-rust2's events; the type of every plain scalar still
//! comes from the core's one YAML 1.1 resolver ([`resolve_plain`]), so `yes` is a boolean, `0123` is 83 and `1e3`
//! a float here exactly as in the renderer.
//!
//! Map keys become strings the way sigs.k8s.io/yaml makes them (`n:` is the key `"false"`, `1:` the key `"1"`).
//! Merge keys (`<<`) follow PyYAML, which the Python comparator used: explicit keys win over merged ones and,
//! within a list of merged maps, earlier maps win.

use std::collections::{BTreeMap, HashMap};

use chartplay_core::yaml::scalar::{go_float, resolve_plain, Scalar};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

/// A YAML node with go-yaml v2 types.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`, `~` or nothing.
    Null,
    /// `true`, `yes`, `on`, `y` and their negations.
    Bool(bool),
    /// An integer (int64 or uint64 range).
    Int(i128),
    /// A float, including what go-yaml reads as one (`1e3`, `08`).
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping; its keys are strings, as after sigs.k8s.io/yaml's conversion to JSON.
    Map(BTreeMap<String, Node>),
}

impl Node {
    /// The name of the node's type in differences: `null`, `bool`, `int`, `float`, `string`, `list`, `map`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "bool",
            Node::Int(_) => "int",
            Node::Float(_) => "float",
            Node::Str(_) => "string",
            Node::Seq(_) => "list",
            Node::Map(_) => "map",
        }
    }

    /// The node as a map, if it is one.
    pub fn as_map(&self) -> Option<&BTreeMap<String, Node>> {
        match self {
            Node::Map(map) => Some(map),
            _ => None,
        }
    }
}

/// A mapping key written twice in one mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateKey {
    /// The key, as a string.
    pub key: String,
    /// The 1-based line of its second (or later) occurrence.
    pub line: usize,
}

/// The documents of a YAML stream (null documents included) and the duplicate keys met on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stream {
    /// One node per document, in order.
    pub documents: Vec<Node>,
    /// Keys written twice in a mapping, in reading order (the last occurrence wins in the tree).
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// Reads every document of `src`. Errors are yaml-rust2's parse errors, with their line and column.
pub fn read_stream(src: &str) -> Result<Stream, String> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(src);
    loop {
        let (event, marker) = parser.next_token().map_err(|error| error.to_string())?;
        let line = marker.line();
        let finished = match event {
            Event::StreamEnd => return Ok(builder.stream),
            Event::StreamStart | Event::DocumentStart | Event::DocumentEnd | Event::Nothing => None,
            Event::Alias(id) => {
                let node = builder.anchors.get(&id).cloned().ok_or_else(|| format!("line {line}: unknown alias"))?;
                builder.add(node, line)?
            }
            Event::Scalar(text, style, anchor, tag) => {
                let merge = text == "<<" && style == TScalarStyle::Plain && tag.is_none();
                if merge && builder.merge_key() {
                    continue;
                }
                let node = scalar(text, style, tag.as_ref());
                builder.anchor(anchor, &node);
                builder.add(node, line)?
            }
            Event::SequenceStart(anchor, _) => {
                builder.open(Frame::Seq { items: Vec::new(), anchor }, line)?;
                None
            }
            Event::MappingStart(anchor, _) => {
                let map = Frame::Map { entries: BTreeMap::new(), merged: Vec::new(), key: None, anchor };
                builder.open(map, line)?;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => builder.close(line)?,
        };
        if let Some(node) = finished {
            builder.stream.documents.push(node);
        }
    }
}

/// The node of a scalar: plain scalars typed by the core's resolver, quoted and block scalars strings, and the
/// standard tags `!!int`, `!!float`, `!!bool`, `!!null` applied (anything else, `!!str` included, is a string).
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Node {
    let resolved = match tag {
        None if style == TScalarStyle::Plain => resolve_plain(&text),
        None => Scalar::Str,
        Some(tag) if tag.handle == "tag:yaml.org,2002:" => match (tag.suffix.as_str(), resolve_plain(&text)) {
            ("float", Scalar::Int(int)) => Scalar::Float(int as f64),
            ("int" | "float" | "bool" | "null", resolved) => resolved,
            _ => Scalar::Str,
        },
        Some(_) => Scalar::Str,
    };
    match resolved {
        Scalar::Null => Node::Null,
        Scalar::Bool(b) => Node::Bool(b),
        Scalar::Int(int) => Node::Int(int),
        Scalar::Float(float) => Node::Float(float),
        Scalar::Str => Node::Str(text),
    }
}

/// A node as a JSON object key, as sigs.k8s.io/yaml writes it.
fn key_text(node: &Node) -> Option<String> {
    match node {
        Node::Null => Some("null".to_string()),
        Node::Bool(b) => Some(b.to_string()),
        Node::Int(int) => Some(int.to_string()),
        Node::Float(float) => Some(go_float(*float)),
        Node::Str(text) => Some(text.clone()),
        Node::Seq(_) | Node::Map(_) => None,
    }
}

/// One open collection.
enum Frame {
    Seq {
        items: Vec<Node>,
        anchor: usize,
    },
    Map {
        entries: BTreeMap<String, Node>,
        /// Maps given to `<<`, applied when the mapping ends.
        merged: Vec<Node>,
        key: Option<PendingKey>,
        anchor: usize,
    },
}

/// A key read, waiting for its value.
enum PendingKey {
    Key(String, usize),
    Merge,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    stream: Stream,
}

impl Builder {
    fn anchor(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
    }

    /// A plain `<<` in key position starts a merge; returns false when the scalar is not in key position.
    fn merge_key(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Map { key: key @ None, .. }) => {
                *key = Some(PendingKey::Merge);
                true
            }
            _ => false,
        }
    }

    fn open(&mut self, frame: Frame, line: usize) -> Result<(), String> {
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(format!("line {line}: a mapping or list cannot be used as a map key"));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, line: usize) -> Result<Option<Node>, String> {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq { items, anchor }) => (Node::Seq(items), anchor),
            Some(Frame::Map { mut entries, merged, anchor, .. }) => {
                for map in merged {
                    if let Node::Map(map) = map {
                        for (key, value) in map {
                            entries.entry(key).or_insert(value);
                        }
                    }
                }
                (Node::Map(entries), anchor)
            }
            None => return Err(format!("line {line}: unbalanced collection end")),
        };
        self.anchor(anchor, &node);
        self.add(node, line)
    }

    /// Puts a finished node where it belongs; returns it when it is a whole document.
    fn add(&mut self, node: Node, line: usize) -> Result<Option<Node>, String> {
        match self.stack.last_mut() {
            None => return Ok(Some(node)),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { key: key @ None, .. }) => {
                let text = key_text(&node)
                    .ok_or_else(|| format!("line {line}: a mapping or list cannot be used as a map key"))?;
                *key = Some(PendingKey::Key(text, line));
            }
            Some(Frame::Map { entries, merged, key, .. }) => match key.take() {
                Some(PendingKey::Key(text, key_line)) => {
                    let previous = entries.insert(text.clone(), node);
                    if previous.is_some() {
                        self.stream.duplicate_keys.push(DuplicateKey { key: text, line: key_line });
                    }
                }
                Some(PendingKey::Merge) => match node {
                    Node::Map(_) => merged.push(node),
                    Node::Seq(items) if items.iter().all(|item| matches!(item, Node::Map(_))) => merged.extend(items),
                    _ => return Err(format!("line {line}: map merge requires a mapping or a list of mappings")),
                },
                None => {}
            },
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(src: &str) -> Vec<Node> {
        read_stream(src).map(|stream| stream.documents).unwrap_or_else(|error| panic!("{src:?}: {error}"))
    }

    fn value(src: &str) -> Node {
        documents(&format!("x: {src}\n"))[0].as_map().and_then(|map| map.get("x")).cloned().unwrap_or(Node::Null)
    }

    #[test]
    fn scalars_have_go_yaml_types_and_integers_stay_integers() {
        assert_eq!(value("3"), Node::Int(3));
        assert_eq!(value("3.0"), Node::Float(3.0));
        assert_eq!(value("1e3"), Node::Float(1000.0));
        assert_eq!(value("0123"), Node::Int(83));
        assert_eq!(value("yes"), Node::Bool(true));
        assert_eq!(value("n"), Node::Bool(false));
        assert_eq!(value("\"yes\""), Node::Str("yes".into()));
        assert_eq!(value("~"), Node::Null);
        assert_eq!(value("2001-12-14"), Node::Str("2001-12-14".into()));
        assert_eq!(value("!!str 3"), Node::Str("3".into()));
        assert_eq!(value("!!float 3"), Node::Float(3.0));
    }

    #[test]
    fn keys_become_strings() {
        let keys: Vec<String> =
            documents("n: 1\n1: 2\nyes: 3\n")[0].as_map().into_iter().flatten().map(|(k, _)| k.clone()).collect();
        assert_eq!(keys, ["1", "false", "true"]);
    }

    #[test]
    fn every_document_is_read_and_duplicates_are_recorded() {
        let stream = read_stream("a: 1\n---\n# comment only\n---\nb: 2\nb: 3\n").unwrap_or_default();
        assert_eq!(stream.documents.len(), 3);
        assert_eq!(stream.documents[1], Node::Null);
        assert_eq!(stream.documents[2], documents("b: 3\n")[0]);
        assert_eq!(stream.duplicate_keys, [DuplicateKey { key: "b".into(), line: 6 }]);
        assert_eq!(documents("null\n"), [Node::Null]);
        assert!(documents("").is_empty());
    }

    #[test]
    fn merge_keys_and_aliases() {
        let src = "base: &b {a: 1, b: 2}\nm: {<<: *b, a: 9}\nl: {<<: [{c: 1}, {c: 2, d: 2}]}\n";
        let expected = "base: {a: 1, b: 2}\nm: {a: 9, b: 2}\nl: {c: 1, d: 2}\n";
        assert_eq!(documents(src), documents(expected));
        assert!(read_stream("m: {<<: 1}\n").is_err());
        assert_eq!(value("{'<<': 1}"), documents("\"<<\": 1\n")[0]);
    }
}
