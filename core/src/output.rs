//! Assembling rendered templates into a `helm template`-style stream.
//!
//! Each template's text is split on `---` lines; empty documents are dropped; every document is parsed back as
//! YAML (an invalid one is an error naming its template and line) and ordered as Helm installs: by kind, then
//! by template and position. The stream writes each document after `---` and `# Source: <chart>/templates/<file>`.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::values::Value;
use crate::yaml;

/// Helm's install order of kinds (`releaseutil.InstallOrder`); other kinds come after these.
const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// One rendered Kubernetes object.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The template it came from (`k8s-service/templates/service.yaml`).
    pub source: String,
    /// `kind` (empty when the document has none).
    pub kind: String,
    /// `apiVersion`.
    pub api_version: String,
    /// `metadata.name`.
    pub name: String,
    /// The document's text, without the `---` separator.
    pub text: String,
    /// The document parsed as Kubernetes reads it, parsed when first asked for ([`Manifest::value`]).
    value: Arc<LazyValue>,
}

impl Manifest {
    /// A manifest whose document, `text`, parses to `value`.
    pub fn new(
        source: String,
        kind: String,
        api_version: String,
        name: String,
        text: String,
        value: Value,
    ) -> Manifest {
        let value = Arc::new(LazyValue { document: None, value: OnceLock::from(value) });
        Manifest { source, kind, api_version, name, text, value }
    }

    /// The document parsed as Kubernetes reads it (parsed on the first call: rendering checks every document and
    /// reads its head, but only some callers need the whole object, such as the Kubernetes checks).
    pub fn value(&self) -> &Value {
        self.value.get()
    }
}

impl PartialEq for Manifest {
    /// The same object from the same template: the value is read from the text.
    fn eq(&self, other: &Self) -> bool {
        (&self.source, &self.kind, &self.api_version, &self.name, &self.text)
            == (&other.source, &other.kind, &other.api_version, &other.name, &other.text)
    }
}

/// A document's value, parsed on first use from the template output it is part of.
#[derive(Debug)]
struct LazyValue {
    /// The template's output and the document's bytes in it; `None` when the value was given.
    document: Option<(Arc<str>, std::ops::Range<usize>)>,
    value: OnceLock<Value>,
}

impl LazyValue {
    fn get(&self) -> &Value {
        self.value.get_or_init(|| {
            let Some((output, range)) = &self.document else { return Value::Null };
            let document = &output[range.clone()];
            // Assembling found the document in the block subset (others are parsed then), so this reads it; the
            // full reader, which agrees, stands in should it not.
            yaml::block::read(document)
                .map(|(value, _)| value)
                .unwrap_or_else(|| yaml::read::read_any_unlocated(document, "").unwrap_or_default())
        })
    }
}

/// All manifests of a render, in Helm's install order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// The manifests.
    pub manifests: Vec<Manifest>,
}

impl Rendered {
    /// The `helm template` stream: `---`, `# Source: …`, the document, for each manifest.
    pub fn to_stream(&self) -> String {
        let mut out = String::new();
        for manifest in &self.manifests {
            out.push_str("---\n# Source: ");
            out.push_str(&manifest.source);
            out.push('\n');
            out.push_str(&manifest.text);
            out.push('\n');
        }
        out
    }
}

/// The manifests of each template in the previous render, with the text they came from: parsing YAML costs more
/// than rendering it, and between two keystrokes most templates print the same text (the renderer even hands back
/// the same shared text), and most documents of a template that changed are the same too.
#[derive(Debug, Default)]
pub struct DocumentCache {
    templates: HashMap<String, (Arc<str>, Vec<Manifest>)>,
}

#[derive(Debug, Clone)]
struct Parsed {
    kind: String,
    api_version: String,
    name: String,
    /// The whole value, when the document had to be parsed whole (it is outside the block subset).
    value: Option<Value>,
}

/// Splits, parses and orders the outputs of templates (`(template name, text)` pairs). What `cache` holds from the
/// previous render is not split or parsed again; afterwards it holds this render's manifests.
pub fn assemble(outputs: Vec<(String, Arc<str>)>, cache: &mut DocumentCache) -> Result<Rendered> {
    let mut manifests = Vec::new();
    let mut templates = HashMap::with_capacity(outputs.len());
    for (source, text) in outputs {
        let own = match cache.templates.remove(&source) {
            Some((previous, own)) if Arc::ptr_eq(&previous, &text) || previous == text => own,
            previous => split_and_parse(&source, &text, &previous.map(|(_, own)| own).unwrap_or_default())?,
        };
        manifests.extend(own.iter().cloned());
        templates.insert(source, (text, own));
    }
    cache.templates = templates;
    // Stable: within a kind, templates keep their (sorted) order and documents their order in the file.
    let rank = |kind: &str| INSTALL_ORDER.iter().position(|k| *k == kind).unwrap_or(INSTALL_ORDER.len());
    manifests.sort_by(|a, b| {
        rank(&a.kind).cmp(&rank(&b.kind)).then_with(|| {
            // Unknown kinds come last, alphabetically by kind.
            if rank(&a.kind) == INSTALL_ORDER.len() {
                a.kind.cmp(&b.kind)
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    Ok(Rendered { manifests })
}

/// The manifests of one template's text, reusing those of `previous` (its last manifests) whose text is the same.
fn split_and_parse(source: &str, text: &Arc<str>, previous: &[Manifest]) -> Result<Vec<Manifest>> {
    let mut manifests = Vec::new();
    for (start_line, document, trimmed) in documents(text) {
        if let Some(same) = previous.iter().find(|manifest| manifest.text == trimmed) {
            manifests.push(same.clone());
            continue;
        }
        let parsed = parse(document, source, start_line)?;
        let offset = document.as_ptr() as usize - text.as_ptr() as usize;
        let value = LazyValue {
            document: Some((Arc::clone(text), offset..offset + document.len())),
            value: parsed.value.map(OnceLock::from).unwrap_or_default(),
        };
        manifests.push(Manifest {
            source: source.to_string(),
            kind: parsed.kind,
            api_version: parsed.api_version,
            name: parsed.name,
            value: Arc::new(value),
            text: trimmed.to_string(),
        });
    }
    Ok(manifests)
}

/// Checks one rendered document and reads its head (the whole value only when the document is outside the block
/// subset); an error points at the line of the template's output.
fn parse(document: &str, source: &str, start_line: usize) -> Result<Parsed> {
    let (head, whole) = match yaml::block::read_head(document) {
        Some(head) => (head, None),
        None => (Value::Null, Some(parse_full(document, source, start_line)?)),
    };
    let value = whole.as_ref().unwrap_or(&head);
    // Helm reads each document's head (kind, metadata) as JSON into a struct: a document that is a string, a list
    // or a number fails the whole render (`releaseutil.SortManifests`).
    let not_an_object = match value {
        Value::Map(_) | Value::Null => None,
        Value::String(_) => Some("string"),
        Value::Seq(_) => Some("array"),
        Value::Bool(_) => Some("bool"),
        Value::Int(_) | Value::Float(_) => Some("number"),
    };
    if let Some(json_type) = not_an_object {
        let message = format!(
            "the rendered manifest is not a mapping: cannot unmarshal {json_type} into Go value of type \
             releaseutil.SimpleHead"
        );
        let location = Location { file: source.into(), line: start_line, column: 1, range: None };
        return Err(Error::new(ErrorKind::Yaml, message).with_location(location));
    }
    let field = |value: &Value, key: &str| -> String {
        value.as_map().and_then(|m| m.get(key)).map(scalar_text).unwrap_or_default()
    };
    let name = value.as_map().and_then(|m| m.get("metadata")).map(|m| field(m, "name")).unwrap_or_default();
    Ok(Parsed { kind: field(value, "kind"), api_version: field(value, "apiVersion"), name, value: whole })
}

/// The full YAML reader, for documents outside the block subset and for errors.
fn parse_full(document: &str, source: &str, start_line: usize) -> Result<Value> {
    yaml::read::read_any_unlocated(document, source).map_err(|err| {
        let message = format!("the rendered manifest is not valid YAML: {}", err.message());
        let error = Error::new(ErrorKind::Yaml, message);
        match err.location() {
            Some(l) => error.with_location(Location {
                file: source.into(),
                line: l.line + start_line - 1,
                column: l.column,
                range: None,
            }),
            None => error,
        }
    })
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::yaml::scalar::go_float(*f),
        _ => String::new(),
    }
}

/// Helm trims the whitespace around a document but keeps its inner text.
fn trim_document(document: &str) -> &str {
    document.trim_matches(|c: char| c == '\n' || c == '\r' || c == ' ' || c == '\t')
}

/// The documents of a template's output that become manifests, in order: the line each starts on, its text, and
/// its trimmed text (a slice of `text`, so its offset in the output is known).
pub(crate) fn documents(text: &str) -> Vec<(usize, &str, &str)> {
    split_documents(text)
        .into_iter()
        .filter(|(_, document)| !document.trim().is_empty())
        .map(|(line, document)| (line, document, trim_document(document)))
        .collect()
}

/// Splits a template's output on lines that start with `---` (Helm's `SplitManifests`), with the 1-based line
/// each document starts on.
fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut documents = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    // Lines by a plain byte loop: they are short, where a searcher costs more to set up than to run.
    let bytes = text.as_bytes();
    let mut line_no = 1;
    while offset < bytes.len() {
        let len = bytes[offset..].iter().position(|&b| b == b'\n').map_or(bytes.len() - offset, |at| at + 1);
        let line = &text[offset..offset + len];
        if line.starts_with("---") && line[3..].trim().is_empty() {
            documents.push((start_line, &text[start..offset]));
            start = offset + len;
            start_line = line_no + 1;
        }
        offset += len;
        line_no += 1;
    }
    documents.push((start_line, &text[start..]));
    documents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn err_a_document_that_is_not_a_mapping_fails_like_helm() {
        let outputs = vec![("c/templates/x.yaml".to_string(), "a: 1\n---\nmap[apiVersion:v1 kind:ConfigMap]\n".into())];
        let err = assemble(outputs, &mut DocumentCache::default()).err().map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.contains("cannot unmarshal string into Go value of type releaseutil.SimpleHead"), "{err}");
        assert!(err.contains("c/templates/x.yaml:3"), "{err}");
    }

    #[test]
    fn values_are_parsed_when_asked_for_as_the_full_reader_reads_them() {
        let block = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: |\n    line\n  n: 08\n";
        let flow = "apiVersion: v1\nkind: Secret\nmetadata: {name: b}\nstringData: {x: y}\n";
        let outputs = vec![("c/templates/x.yaml".to_string(), format!("{block}---\n{flow}").into())];
        let rendered = assemble(outputs, &mut DocumentCache::default()).unwrap_or_default();
        let names: Vec<&str> = rendered.manifests.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        for (manifest, text) in rendered.manifests.iter().zip([flow, block]) {
            let full = yaml::read::read_any_unlocated(text, "x").ok();
            assert_eq!(Some(manifest.value()), full.as_ref(), "{text}");
        }
    }

    #[test]
    fn a_null_document_is_kept() {
        let outputs = vec![("c/templates/x.yaml".to_string(), "~\n".into())];
        assert!(assemble(outputs, &mut DocumentCache::default()).is_ok());
    }

    #[test]
    fn split_documents_finds_separators_and_lines() {
        let docs = split_documents("a: 1\n---\nb: 2\n--- \nc: 3");
        assert_eq!(docs, vec![(1, "a: 1\n"), (3, "b: 2\n"), (5, "c: 3")]);
    }
}
