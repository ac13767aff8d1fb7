//! Assembling rendered templates into a `helm template`-style stream.
//!
//! Each template's text is split on `---` lines; empty documents are dropped; every document is parsed back as
//! YAML (an invalid one is an error naming its template and line) and ordered as Helm installs: by kind, then
//! by template and position. The stream writes each document after `---` and `# Source: <chart>/templates/<file>`.

use std::collections::HashMap;
use std::sync::Arc;

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
#[derive(Debug, Clone, PartialEq)]
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
    /// The document parsed as Kubernetes reads it.
    pub value: Arc<Value>,
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
    value: Arc<Value>,
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
fn split_and_parse(source: &str, text: &str, previous: &[Manifest]) -> Result<Vec<Manifest>> {
    let mut manifests = Vec::new();
    for (start_line, document, trimmed) in documents(text) {
        if let Some(same) = previous.iter().find(|manifest| manifest.text == trimmed) {
            manifests.push(same.clone());
            continue;
        }
        let parsed = parse(document, source, start_line)?;
        manifests.push(Manifest {
            source: source.to_string(),
            kind: parsed.kind,
            api_version: parsed.api_version,
            name: parsed.name,
            value: parsed.value,
            text: trimmed.to_string(),
        });
    }
    Ok(manifests)
}

/// Parses one rendered document; an error points at the line of the template's output.
fn parse(document: &str, source: &str, start_line: usize) -> Result<Parsed> {
    let value = match yaml::block::read(document) {
        Some((value, _)) => value,
        None => parse_full(document, source, start_line)?,
    };
    // Helm reads each document's head (kind, metadata) as JSON into a struct: a document that is a string, a list
    // or a number fails the whole render (`releaseutil.SortManifests`).
    let not_an_object = match &value {
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
    Ok(Parsed { kind: field(&value, "kind"), api_version: field(&value, "apiVersion"), name, value: Arc::new(value) })
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
    for (line_no, line) in (1..).zip(text.split_inclusive('\n')) {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with("---") && content[3..].trim().is_empty() {
            documents.push((start_line, &text[start..offset]));
            start = offset + line.len();
            start_line = line_no + 1;
        }
        offset += line.len();
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
