//! Explaining a render: where each field of the output comes from, and which fields a value produced.
//!
//! [`Session::trace`](crate::Session::trace) renders the inputs again with traced values (see the engine's
//! `trace` module: printing and `toYaml` mark the text each value produced), takes the marks out, checks that the
//! text is exactly the render's, and maps each marked span to the manifest and field it lands in. The answer is
//! exact, not a guess from similar text: a field traces to a value when the templates printed that value (or a
//! string derived from it without changing its meaning, such as `quote`) into it.
//!
//! ```
//! use chartplay_core::{Inputs, Origin, Session, ValuePath, ValuesFile};
//!
//! let mut session = Session::builtin("k8s-service")?;
//! let values = "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\nreplicaCount: 3\n";
//! let inputs = Inputs { files: vec![ValuesFile::new("values.yaml", values)], ..Inputs::default() };
//! let trace = session.trace(&inputs).map_err(|d| chartplay_core::Error::new(chartplay_core::ErrorKind::Values, d.message))?;
//! let deployment = trace.find("Deployment", "release-name-web").unwrap();
//! let field = ValuePath::parse("spec.replicas").unwrap();
//! let spans = trace.field(deployment, &field).unwrap();
//! assert_eq!(spans[0].value.to_string(), "replicaCount");
//! assert!(matches!(&spans[0].origin, Origin::File(at) if at.line == 5));
//! # Ok::<(), chartplay_core::Error>(())
//! ```

use std::collections::HashSet;
use std::ops::Range;

use crate::values::path::{Segment, SpanIndex, ValuePath};
use crate::values::source::Origin;

/// A piece of a manifest's text that one value produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Bytes of the manifest's text.
    pub range: Range<usize>,
    /// The value (`containerPorts.http.port`).
    pub value: ValuePath,
    /// Where that value comes from: a values file, a flag, or the chart's defaults.
    pub origin: Origin,
}

/// One manifest's spans and fields.
#[derive(Debug, Clone)]
pub struct ManifestTrace {
    /// Its `kind`.
    pub kind: String,
    /// Its `metadata.name`.
    pub name: String,
    /// The spans values produced, in text order.
    pub spans: Vec<Span>,
    /// Every field's path with the bytes of its scalar value, in text order.
    fields: Vec<(Range<usize>, ValuePath)>,
    /// Every field's path with the bytes of its key (or list item), in text order: for what lands on a line
    /// without a scalar value (`resources: {}`).
    keys: Vec<(Range<usize>, ValuePath)>,
    /// Where each field is written.
    index: SpanIndex,
}

impl ManifestTrace {
    pub(crate) fn new(kind: String, name: String, spans: Vec<Span>, text: &str) -> ManifestTrace {
        let index = crate::yaml::read::read_any(text, "manifest").map(|document| document.spans).unwrap_or_default();
        let mut fields: Vec<(Range<usize>, ValuePath)> =
            index.paths().filter_map(|path| Some((index.value_range(path)?, path.clone()))).collect();
        fields.sort_by_key(|(range, _)| range.start);
        let mut keys: Vec<(Range<usize>, ValuePath)> = index
            .paths()
            .filter(|path| !path.0.is_empty())
            .filter_map(|path| Some((index.get(path)?.range.clone()?, path.clone())))
            .collect();
        keys.sort_by_key(|(range, _)| range.start);
        // What follows a key, up to the next key, belongs to it when nothing else does (`{}` under `resources:`).
        let starts: Vec<usize> = keys.iter().map(|(range, _)| range.start).collect();
        let keys = keys
            .into_iter()
            .enumerate()
            .map(|(i, (range, path))| (range.start..starts.get(i + 1).copied().unwrap_or(text.len()), path))
            .collect();
        ManifestTrace { kind, name, spans, fields, keys, index }
    }

    /// Whether the manifest has a field at `path`.
    pub fn has_field(&self, path: &ValuePath) -> bool {
        path.0.is_empty() || self.index.get(path).is_some()
    }

    /// The field at the byte `offset`: the scalar whose value holds it, else the key whose line holds it.
    pub fn field_at(&self, offset: usize) -> Option<&ValuePath> {
        containing(&self.fields, offset).or_else(|| containing(&self.keys, offset))
    }

    /// The bytes a field takes: its own scalar value, or, for a map or a list, the values below it.
    pub fn extent(&self, field: &ValuePath) -> Option<Range<usize>> {
        let below = self.fields.iter().filter(|(_, path)| path.0.starts_with(&field.0)).map(|(range, _)| range);
        below.fold(None, |extent: Option<Range<usize>>, range| match extent {
            None => Some(range.clone()),
            Some(e) => Some(e.start.min(range.start)..e.end.max(range.end)),
        })
    }
}

/// Where the output of one render comes from. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    manifests: Vec<ManifestTrace>,
    read: HashSet<ValuePath>,
}

/// A field a value produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    /// The manifest's index in the output.
    pub manifest: usize,
    /// The field (`spec.replicas`); empty when the value landed outside any field's value.
    pub field: ValuePath,
    /// The bytes of the manifest's text it produced.
    pub range: Range<usize>,
}

impl Trace {
    pub(crate) fn new(manifests: Vec<ManifestTrace>, read: HashSet<ValuePath>) -> Trace {
        Trace { manifests, read }
    }

    /// The manifests, in the order of the output.
    pub fn manifests(&self) -> &[ManifestTrace] {
        &self.manifests
    }

    /// The index of the manifest of `kind` named `name`.
    pub fn find(&self, kind: &str, name: &str) -> Option<usize> {
        self.manifests.iter().position(|m| m.kind == kind && m.name == name)
    }

    /// The spans that make the field at `field` of manifest `manifest` (all of them below a map or a list); empty
    /// when the chart writes it as constant text; `None` when there is no such field.
    pub fn field(&self, manifest: usize, field: &ValuePath) -> Option<Vec<&Span>> {
        let trace = self.manifests.get(manifest)?;
        if !trace.has_field(field) {
            return None;
        }
        let Some(extent) = trace.extent(field) else { return Some(Vec::new()) };
        Some(trace.spans.iter().filter(|span| span.range.start < extent.end && extent.start < span.range.end).collect())
    }

    /// Every field the value at `value` (or a value below it) produced, in output order.
    pub fn produced(&self, value: &ValuePath) -> Vec<Produced> {
        let mut out = Vec::new();
        for (index, manifest) in self.manifests.iter().enumerate() {
            for span in manifest.spans.iter().filter(|span| span.value.0.starts_with(&value.0)) {
                let field = manifest.field_at(span.range.start).cloned().unwrap_or_default();
                if !out.iter().any(|p: &Produced| p.manifest == index && p.field == field && !field.0.is_empty()) {
                    out.push(Produced { manifest: index, field, range: span.range.clone() });
                }
            }
        }
        out
    }

    /// Whether the templates read the value at `value` (or one below it) at all, printed or not.
    pub fn was_read(&self, value: &ValuePath) -> bool {
        self.read.iter().any(|read| read.0.starts_with(&value.0))
    }
}

/// The path of the last range of `fields` (sorted by start) that holds `offset`.
fn containing(fields: &[(Range<usize>, ValuePath)], offset: usize) -> Option<&ValuePath> {
    let after = fields.partition_point(|(range, _)| range.start <= offset);
    fields[..after].iter().rev().find(|(range, _)| range.contains(&offset)).map(|(_, path)| path)
}

/// A path of a manifest's field as `kubectl` and the Kubernetes problems write it; for messages.
pub fn field_name(manifest: &ManifestTrace, field: &ValuePath) -> String {
    let object =
        if manifest.name.is_empty() { manifest.kind.clone() } else { format!("{}/{}", manifest.kind, manifest.name) };
    if field.0.is_empty() {
        object
    } else {
        format!("{object}:{field}")
    }
}

/// The parent paths of `path`, nearest first (not the root).
pub(crate) fn ancestors(path: &ValuePath) -> impl Iterator<Item = ValuePath> + '_ {
    (1..path.0.len()).rev().map(|end| ValuePath(path.0[..end].to_vec()))
}

/// `path` extended by a key.
pub(crate) fn with_key(path: &ValuePath, key: &str) -> ValuePath {
    path.child(Segment::Key(key.to_string()))
}
