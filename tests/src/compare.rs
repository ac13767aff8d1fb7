//! Semantic comparison of two `helm template`-like streams: the same objects with the same fields and the same
//! types, whatever the order and the formatting.
//!
//! The rules (those of the Python comparator that came with the corpus, `compare.py`):
//! - a stream is split on `---` lines; each chunk remembers its `# Source:` comment and is read with go-yaml v2
//!   typing ([`crate::yaml`]); null documents (empty, comment-only) are ignored;
//! - documents are matched by (apiVersion, kind, metadata.namespace, metadata.name); documents without `kind` by
//!   their `# Source:` and their position among the documents of that source;
//! - deep equality: maps unordered, lists ordered, scalar types matter as Kubernetes reads them (`yes` is a
//!   boolean, `"1"` is not `1`, `3` is not `3.0`);
//! - a duplicate mapping key in the actual stream is a difference unless the expected stream has the same one.
//!
//! Each difference is one line, the expected value first: `.spec.replicas: type int 1 != float 1.0`.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::yaml::{read_stream, Node};

/// The differences between `expected` and `actual`, one readable line each (empty when they are equal). An error
/// when either stream is not YAML.
pub fn compare_streams(expected: &str, actual: &str) -> Result<Vec<String>, String> {
    let expected = parse_stream(expected, "expected")?;
    let actual = parse_stream(actual, "actual")?;
    let mut lines = Vec::new();
    let known_dups: HashSet<(&Source, &str)> =
        expected.duplicates.iter().map(|(source, key, _)| (source, key.as_str())).collect();
    for (source, key, line) in &actual.duplicates {
        if !known_dups.contains(&(source, key.as_str())) {
            let source = source.as_deref().unwrap_or("none");
            lines.push(format!("actual: duplicate mapping key {key:?} (source {source}, line {line})"));
        }
    }
    let expected_index = index_documents(expected.documents);
    let actual_index = index_documents(actual.documents);
    for (key, _) in &expected_index.documents {
        if !actual_index.contains(key) {
            lines.push(format!("MISSING document: {key}"));
        }
    }
    for (key, _) in &actual_index.documents {
        if !expected_index.contains(key) {
            lines.push(format!("EXTRA document: {key}"));
        }
    }
    for (key, expected_doc) in &expected_index.documents {
        if let Some(actual_doc) = actual_index.get(key) {
            let mut differences = Vec::new();
            diff(expected_doc, actual_doc, &mut Vec::new(), &mut differences);
            if !differences.is_empty() {
                lines.push(format!("DIFF in {key}:"));
                lines.extend(differences.into_iter().map(|line| format!("    {line}")));
            }
        }
    }
    Ok(lines)
}

/// A document's `# Source:` comment (the template it came from), if its chunk has one.
type Source = Option<String>;

/// The chunks of a stream between `---` lines, each with its `# Source:` comment.
///
/// A chunk keeps the line break that ended the `---` line before it, as Python's `re.split` does, so line numbers
/// in messages count from that `---` line.
fn split_with_sources(text: &str) -> Vec<(Source, &str)> {
    let mut chunks = Vec::new();
    let mut chunk_start = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        if is_separator(content) {
            chunks.push(&text[chunk_start..line_start]);
            chunk_start = line_start + content.len();
        }
        line_start += line.len();
    }
    chunks.push(&text[chunk_start..]);
    chunks.into_iter().map(|chunk| (source_of(chunk), chunk)).collect()
}

/// `---`, then only blanks and an optional comment.
fn is_separator(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(|rest| {
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.is_empty() || rest.starts_with('#')
    })
}

/// The first `# Source: …` comment of a chunk.
fn source_of(chunk: &str) -> Source {
    chunk.lines().find_map(|line| {
        let source = line.strip_prefix("# Source: ").filter(|rest| !rest.is_empty())?;
        Some(source.trim().to_string())
    })
}

/// A duplicate key of a stream: the source of its chunk, the key, its line in the chunk.
type Duplicate = (Source, String, usize);

/// A stream's non-null documents and duplicate keys, each with the source of its chunk.
struct Parsed {
    documents: Vec<(Source, Node)>,
    duplicates: Vec<Duplicate>,
}

fn parse_stream(text: &str, label: &str) -> Result<Parsed, String> {
    let mut documents = Vec::new();
    let mut duplicates = Vec::new();
    for (doc_idx, (source, chunk)) in split_with_sources(text).into_iter().enumerate() {
        let stream = read_stream(chunk).map_err(|error| {
            let source = source.as_deref().unwrap_or("none");
            format!("{label}: YAML parse error in document {doc_idx} (source {source}): {error}")
        })?;
        duplicates.extend(stream.duplicate_keys.into_iter().map(|dup| (source.clone(), dup.key, dup.line)));
        documents
            .extend(stream.documents.into_iter().filter(|doc| *doc != Node::Null).map(|doc| (source.clone(), doc)));
    }
    Ok(Parsed { documents, duplicates })
}

/// Who a document is: its Kubernetes identity, or its source and position for documents without `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    Object { api_version: String, kind: String, namespace: String, name: String },
    Positional { source: Source, position: usize },
}

/// An identity, numbered when several documents share it (the second is `duplicate 2`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct DocKey {
    identity: Identity,
    duplicate: usize,
}

impl std::fmt::Display for DocKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.identity {
            Identity::Object { api_version, kind, namespace, name } => {
                let namespace = if namespace.is_empty() { String::new() } else { format!("{namespace}/") };
                write!(f, "{kind} {api_version} {namespace}{name}")?;
            }
            Identity::Positional { source, position } => {
                write!(f, "doc #{position} of {}", source.as_deref().unwrap_or("none"))?;
            }
        }
        if self.duplicate > 1 {
            write!(f, " (duplicate {})", self.duplicate)?;
        }
        Ok(())
    }
}

/// Documents by key, in stream order.
struct DocIndex {
    documents: Vec<(DocKey, Node)>,
    positions: HashMap<DocKey, usize>,
}

impl DocIndex {
    fn contains(&self, key: &DocKey) -> bool {
        self.positions.contains_key(key)
    }

    fn get(&self, key: &DocKey) -> Option<&Node> {
        self.positions.get(key).map(|&position| &self.documents[position].1)
    }
}

fn index_documents(documents: Vec<(Source, Node)>) -> DocIndex {
    let mut index = DocIndex { documents: Vec::new(), positions: HashMap::new() };
    let mut per_source: HashMap<Source, usize> = HashMap::new();
    for (source, doc) in documents {
        let identity = object_identity(&doc).unwrap_or_else(|| {
            let count = per_source.entry(source.clone()).or_insert(0);
            *count += 1;
            Identity::Positional { source, position: *count - 1 }
        });
        let mut key = DocKey { identity, duplicate: 1 };
        while index.contains(&key) {
            key.duplicate += 1;
        }
        index.positions.insert(key.clone(), index.documents.len());
        index.documents.push((key, doc));
    }
    index
}

/// (apiVersion, kind, metadata.namespace, metadata.name) of a map with a `kind`; a missing namespace (or a null,
/// empty or false one) is the empty string.
fn object_identity(doc: &Node) -> Option<Identity> {
    let map = doc.as_map()?;
    let kind = map.get("kind")?;
    let empty = BTreeMap::new();
    let metadata = map.get("metadata").and_then(Node::as_map).unwrap_or(&empty);
    let namespace = match metadata.get("namespace") {
        None | Some(Node::Null | Node::Bool(false)) => String::new(),
        Some(Node::Int(0)) => String::new(),
        Some(Node::Float(float)) if *float == 0.0 => String::new(),
        Some(Node::Seq(items)) if items.is_empty() => String::new(),
        Some(Node::Map(entries)) if entries.is_empty() => String::new(),
        Some(namespace) => plain(namespace),
    };
    Some(Identity::Object {
        api_version: map.get("apiVersion").map_or_else(|| plain(&Node::Null), plain),
        kind: plain(kind),
        namespace,
        name: metadata.get("name").map_or_else(|| plain(&Node::Null), plain),
    })
}

/// A scalar as text for an identity (strings bare), anything else as in a difference.
fn plain(node: &Node) -> String {
    match node {
        Node::Str(text) => text.clone(),
        other => short(other),
    }
}

/// A step in a path through a document.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `.spec.template.spec.containers[0]['app.kubernetes.io/name']`; `.` for the document itself.
fn format_path(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Index(index) => out.push_str(&format!("[{index}]")),
            Step::Key(key) if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || "_-".contains(c)) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Key(key) => out.push_str(&format!("[{key:?}]")),
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// A value in a difference line: strings quoted, floats always with a dot or an exponent (`3.0`), cut at 120
/// characters.
fn short(node: &Node) -> String {
    const LIMIT: usize = 120;
    let mut text = String::new();
    write_node(node, &mut text);
    if text.chars().count() <= LIMIT {
        return text;
    }
    let mut cut: String = text.chars().take(LIMIT - 3).collect();
    cut.push_str("...");
    cut
}

fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(&b.to_string()),
        Node::Int(int) => out.push_str(&int.to_string()),
        Node::Float(float) => out.push_str(&format!("{float:?}")),
        Node::Str(text) => out.push_str(&format!("{text:?}")),
        Node::Seq(items) => {
            out.push('[');
            for (idx, item) in items.iter().enumerate() {
                if idx > 0 {
                    out.push_str(", ");
                }
                write_node(item, out);
            }
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            for (idx, (key, value)) in entries.iter().enumerate() {
                if idx > 0 {
                    out.push_str(", ");
                }
                out.push_str(&format!("{key:?}: "));
                write_node(value, out);
            }
            out.push('}');
        }
    }
}

/// Appends a line per difference between `expected` and `actual` below `path`.
fn diff<'a>(expected: &'a Node, actual: &'a Node, path: &mut Vec<Step<'a>>, out: &mut Vec<String>) {
    match (expected, actual) {
        (Node::Map(expected), Node::Map(actual)) => {
            let mut keys: Vec<&String> = expected.keys().chain(actual.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                path.push(Step::Key(key));
                match (expected.get(key), actual.get(key)) {
                    (Some(e), None) => {
                        out.push(format!("{}: missing in actual (expected {})", format_path(path), short(e)))
                    }
                    (None, Some(a)) => out.push(format!("{}: extra in actual ({})", format_path(path), short(a))),
                    (Some(e), Some(a)) => diff(e, a, path, out),
                    (None, None) => {}
                }
                path.pop();
            }
        }
        (Node::Seq(expected), Node::Seq(actual)) => {
            for (idx, (e, a)) in expected.iter().zip(actual).enumerate() {
                path.push(Step::Index(idx));
                diff(e, a, path, out);
                path.pop();
            }
            if expected.len() != actual.len() {
                let (word, rest) = if expected.len() > actual.len() {
                    ("missing", &expected[actual.len()..])
                } else {
                    ("extra", &actual[expected.len()..])
                };
                let (n_expected, n_actual) = (expected.len(), actual.len());
                let rest = short(&Node::Seq(rest.to_vec()));
                out.push(format!("{}: list length {n_expected} != {n_actual}; {word} {rest}", format_path(path)));
            }
        }
        (Node::Float(e), Node::Float(a)) if e.is_nan() && a.is_nan() => {}
        (e, a) if e.type_name() != a.type_name() => {
            let (te, ta) = (e.type_name(), a.type_name());
            out.push(format!("{}: type {te} {} != {ta} {}", format_path(path), short(e), short(a)));
        }
        (e, a) if e != a => out.push(format!("{}: {} != {}", format_path(path), short(e), short(a))),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn differences(expected: &str, actual: &str) -> Vec<String> {
        compare_streams(expected, actual).unwrap_or_else(|error| vec![format!("error: {error}")])
    }

    const DEPLOYMENT: &str = r#"---
# Source: k8s-service/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        args: [a, b]
"#;

    #[test]
    fn equal_streams_have_no_differences() {
        assert_eq!(differences(DEPLOYMENT, DEPLOYMENT), Vec::<String>::new());
    }

    #[test]
    fn int_and_float_differ() {
        let actual = DEPLOYMENT.replace("replicas: 1", "replicas: 1.0");
        assert_eq!(
            differences(DEPLOYMENT, &actual),
            ["DIFF in Deployment apps/v1 web:", "    .spec.replicas: type int 1 != float 1.0"]
        );
    }

    #[test]
    fn yaml_1_1_boolean_and_string_differ() {
        let expected = "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: \"yes\"}\n";
        let actual = "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: yes}\n";
        assert_eq!(differences(expected, actual)[1], "    .data.a: type string \"yes\" != bool true");
        assert_eq!(differences(expected, "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: 'yes'}\n").len(), 0);
        let octal = "kind: ConfigMap\nmetadata: {name: c}\ndata: {a: 0123}\n";
        assert_eq!(differences(octal, &octal.replace("0123", "83")).len(), 0);
        assert_eq!(differences(octal, &octal.replace("0123", "\"0123\"")).len(), 2);
    }

    #[test]
    fn map_order_and_formatting_are_ignored() {
        let actual = "apiVersion: apps/v1\nspec:\n  template: {spec: {containers: [{args: [a, b], name: web}]}}\n  \
                      replicas: 1\nmetadata: {name: web}\nkind: Deployment\n";
        assert_eq!(differences(DEPLOYMENT, actual), Vec::<String>::new());
    }

    #[test]
    fn list_order_matters() {
        let actual = DEPLOYMENT.replace("[a, b]", "[b, a]");
        let found = differences(DEPLOYMENT, &actual);
        assert_eq!(
            found[1..],
            [
                "    .spec.template.spec.containers[0].args[0]: \"a\" != \"b\"".to_string(),
                "    .spec.template.spec.containers[0].args[1]: \"b\" != \"a\"".to_string()
            ]
        );
        let shorter = DEPLOYMENT.replace("[a, b]", "[a]");
        assert_eq!(
            differences(DEPLOYMENT, &shorter)[1],
            "    .spec.template.spec.containers[0].args: list length 2 != 1; missing [\"b\"]"
        );
    }

    #[test]
    fn missing_and_extra_keys() {
        let actual = DEPLOYMENT.replace("  replicas: 1\n", "  paused: true\n");
        assert_eq!(
            differences(DEPLOYMENT, &actual)[1..],
            [
                "    .spec.paused: extra in actual (true)".to_string(),
                "    .spec.replicas: missing in actual (expected 1)".to_string()
            ]
        );
        let labelled = DEPLOYMENT.replace("  name: web\n", "  name: web\n  labels: {app.kubernetes.io/name: x}\n");
        assert_eq!(
            differences(&labelled, DEPLOYMENT)[1],
            "    .metadata.labels: missing in actual (expected {\"app.kubernetes.io/name\": \"x\"})"
        );
        let renamed = labelled.replace(": x}", ": z}");
        assert_eq!(
            differences(&labelled, &renamed)[1],
            "    .metadata.labels[\"app.kubernetes.io/name\"]: \"x\" != \"z\""
        );
        let boolean = labelled.replace(": x}", ": y}");
        assert_eq!(
            differences(&labelled, &boolean)[1],
            "    .metadata.labels[\"app.kubernetes.io/name\"]: type string \"x\" != bool true"
        );
    }

    #[test]
    fn duplicate_keys_in_actual_only_are_differences() {
        let actual = DEPLOYMENT.replace("  replicas: 1\n", "  replicas: 1\n  replicas: 1\n");
        assert_eq!(
            differences(DEPLOYMENT, &actual),
            ["actual: duplicate mapping key \"replicas\" (source k8s-service/templates/deployment.yaml, line 9)"]
        );
        assert_eq!(differences(&actual, &actual), Vec::<String>::new());
    }

    #[test]
    fn documents_are_matched_by_identity_whatever_their_order() {
        let service = "---\n# Source: k8s-service/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  \
                       name: web\n  namespace: apps\n";
        let both = format!("{DEPLOYMENT}{service}");
        let reversed = format!("{service}{DEPLOYMENT}\n---\n# Source: empty.yaml\n---\n");
        assert_eq!(differences(&both, &reversed), Vec::<String>::new());
        assert_eq!(differences(&both, DEPLOYMENT), ["MISSING document: Service v1 apps/web"]);
        assert_eq!(differences(DEPLOYMENT, &both), ["EXTRA document: Service v1 apps/web"]);
        let other_name = both.replace("name: web\n  namespace", "name: api\n  namespace");
        assert_eq!(
            differences(&both, &other_name),
            ["MISSING document: Service v1 apps/web", "EXTRA document: Service v1 apps/api"]
        );
    }

    #[test]
    fn documents_without_kind_are_matched_by_source_and_position() {
        let expected = "---\n# Source: a.yaml\nx: 1\n---\n# Source: a.yaml\nx: 2\n---\n# Source: b.yaml\n- 1\n";
        let actual = "---\n# Source: b.yaml\n- 1\n---\n# Source: a.yaml\nx: 1\n---\n# Source: a.yaml\nx: 3\n";
        assert_eq!(differences(expected, actual), ["DIFF in doc #1 of a.yaml:", "    .x: 2 != 3"]);
    }

    #[test]
    fn null_documents_are_ignored_and_bad_yaml_is_an_error() {
        assert_eq!(differences(DEPLOYMENT, &format!("---\n# Source: x\n~\n{DEPLOYMENT}---\n")), Vec::<String>::new());
        let error = compare_streams(DEPLOYMENT, "---\n# Source: x.yaml\na: [1\n").err().unwrap_or_default();
        assert!(error.starts_with("actual: YAML parse error in document 1 (source x.yaml)"), "{error}");
    }

    #[test]
    fn separators_are_whole_lines() {
        let chunks: Vec<_> = split_with_sources("a: 1\n--- # c\nb: '---'\n---\t\n# Source: s.yaml\nc: 1\n")
            .into_iter()
            .map(|(source, chunk)| (source, chunk.to_string()))
            .collect();
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[1].1, "\nb: '---'\n");
        assert_eq!(chunks[2], (Some("s.yaml".to_string()), "\n# Source: s.yaml\nc: 1\n".to_string()));
    }
}
