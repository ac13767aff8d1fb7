//! Comparing two renders: which objects were added, removed or changed, field by field; or line by line.
//!
//! Objects are matched by kind and name (`Deployment/release-name-web`). A changed object lists each field whose
//! value differs (`spec.replicas: 1 → 3`), with values written as compact JSON (`{"name":"X"}`) and `(none)` for
//! a field one side lacks. Field values compare with their types, as Kubernetes reads them: `3` is not `"3"`.
//! The line diff of one manifest (for the playground's Changes view and `chartplay diff -u`) is `similar`'s.

use std::fmt;

use similar::{ChangeTag, TextDiff};

use crate::output::{Manifest, Rendered};
use crate::values::path::{Segment, ValuePath};
use crate::values::Value;

/// What happened to one object between two renders.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjectChange {
    /// Only the new render has it.
    Added {
        /// `Kind/name`.
        object: String,
    },
    /// Only the old render has it.
    Removed {
        /// `Kind/name`.
        object: String,
    },
    /// Both have it, with these fields different.
    Changed {
        /// `Kind/name`.
        object: String,
        /// The differing fields, in the object's order.
        fields: Vec<FieldChange>,
    },
}

/// One field that differs: its value on each side (`None` where that side lacks it).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field, from the object's root.
    pub path: ValuePath,
    /// The old value.
    pub old: Option<Value>,
    /// The new value.
    pub new: Option<Value>,
}

impl fmt::Display for FieldChange {
    /// `spec.replicas: 1 → 3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |value: &Option<Value>| match value {
            Some(value) => flow(value),
            None => "(none)".to_string(),
        };
        write!(f, "{}: {} → {}", self.path, show(&self.old), show(&self.new))
    }
}

impl fmt::Display for ObjectChange {
    /// `+ Kind/name`, `- Kind/name`, or `~ Kind/name` and a line per changed field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectChange::Added { object } => write!(f, "+ {object}"),
            ObjectChange::Removed { object } => write!(f, "- {object}"),
            ObjectChange::Changed { object, fields } => {
                write!(f, "~ {object}")?;
                for field in fields {
                    write!(f, "\n    {field}")?;
                }
                Ok(())
            }
        }
    }
}

/// A value on one line: numbers as Kubernetes reads them (`3`, `1.5`), strings in JSON quotes, `[…]` and `{…}`.
fn flow(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::yaml::scalar::format_number(*f),
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Seq(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Map(map) => {
            let entries: Vec<String> =
                map.iter().map(|(k, v)| format!("{}: {}", flow(&Value::String(k.clone())), flow(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// `Kind/name` of a manifest.
pub fn object_name(manifest: &Manifest) -> String {
    let kind = if manifest.kind.is_empty() { "object" } else { &manifest.kind };
    if manifest.name.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}/{}", manifest.name)
    }
}

/// The pairs of manifests of `old` and `new` that are the same object (by kind and name, in order among equals),
/// then the manifests only one side has.
pub fn pair<'a>(old: &'a Rendered, new: &'a Rendered) -> Vec<(Option<&'a Manifest>, Option<&'a Manifest>)> {
    let mut taken = vec![false; new.manifests.len()];
    let mut pairs = Vec::new();
    for manifest in &old.manifests {
        let partner = new.manifests.iter().enumerate().position(|(i, m)| {
            !taken[i] && m.kind == manifest.kind && m.name == manifest.name && m.api_version == manifest.api_version
        });
        match partner {
            Some(i) => {
                taken[i] = true;
                pairs.push((Some(manifest), Some(&new.manifests[i])));
            }
            None => pairs.push((Some(manifest), None)),
        }
    }
    pairs.extend(new.manifests.iter().zip(taken).filter(|(_, taken)| !taken).map(|(m, _)| (None, Some(m))));
    pairs
}

/// The objects that differ between `old` and `new`: changed ones in the old render's order, then removed, then
/// added. Empty when the renders are the same.
pub fn objects(old: &Rendered, new: &Rendered) -> Vec<ObjectChange> {
    let mut changed = Vec::new();
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for pair in pair(old, new) {
        match pair {
            (Some(old), Some(new)) => {
                let mut fields = Vec::new();
                compare(old.value(), new.value(), &mut ValuePath::default(), &mut fields);
                if !fields.is_empty() {
                    changed.push(ObjectChange::Changed { object: object_name(new), fields });
                }
            }
            (Some(old), None) => removed.push(ObjectChange::Removed { object: object_name(old) }),
            (None, Some(new)) => added.push(ObjectChange::Added { object: object_name(new) }),
            (None, None) => {}
        }
    }
    changed.into_iter().chain(removed).chain(added).collect()
}

fn compare(old: &Value, new: &Value, path: &mut ValuePath, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Value::Map(a), Value::Map(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                path.0.push(Segment::Key(key.clone()));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => compare(x, y, path, out),
                    (x, y) => out.push(FieldChange { path: path.clone(), old: x.cloned(), new: y.cloned() }),
                }
                path.0.pop();
            }
        }
        (Value::Seq(a), Value::Seq(b)) => {
            for index in 0..a.len().max(b.len()) {
                path.0.push(Segment::Index(index));
                match (a.get(index), b.get(index)) {
                    (Some(x), Some(y)) => compare(x, y, path, out),
                    (x, y) => out.push(FieldChange { path: path.clone(), old: x.cloned(), new: y.cloned() }),
                }
                path.0.pop();
            }
        }
        (a, b) if same(a, b) => {}
        (a, b) => out.push(FieldChange { path: path.clone(), old: Some(a.clone()), new: Some(b.clone()) }),
    }
}

/// Equal scalars, with integers and floats of one value equal (manifests read back give floats).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(i), Value::Float(f)) | (Value::Float(f), Value::Int(i)) => *i as f64 == *f,
        _ => a == b,
    }
}

/// How one line of the new text relates to the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    /// The same line is in the old text.
    Same,
    /// The line is new, or replaces old lines.
    Added,
}

/// For each line of `new`, whether it is new since `old`; and how many lines of `old` are gone (removed or
/// replaced).
pub fn lines(old: &str, new: &str) -> (Vec<LineChange>, usize) {
    let diff = TextDiff::from_lines(old, new);
    let mut marks = Vec::new();
    let mut removed = 0;
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => marks.push(LineChange::Same),
            ChangeTag::Insert => marks.push(LineChange::Added),
            ChangeTag::Delete => removed += 1,
        }
    }
    (marks, removed)
}

/// A unified diff of every manifest that differs, headed `--- a/Kind/name` / `+++ b/Kind/name` (`/dev/null` for an
/// object one side lacks), with three lines of context.
pub fn unified(old: &Rendered, new: &Rendered) -> String {
    let mut out = String::new();
    for (a, b) in pair(old, new) {
        let text = |m: Option<&Manifest>| m.map(|m| format!("{}\n", m.text)).unwrap_or_default();
        let (old_text, new_text) = (text(a), text(b));
        if old_text == new_text {
            continue;
        }
        let header = |m: Option<&Manifest>, side: &str| match m {
            Some(m) => format!("{side}/{}", object_name(m)),
            None => "/dev/null".to_string(),
        };
        let diff = TextDiff::from_lines(&old_text, &new_text);
        out.push_str(&diff.unified_diff().context_radius(3).header(&header(a, "a"), &header(b, "b")).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(docs: &[(&str, &str, &str)]) -> Rendered {
        let manifests = docs
            .iter()
            .map(|(kind, name, text)| {
                Manifest::new(
                    "c/templates/x.yaml".into(),
                    kind.to_string(),
                    "v1".into(),
                    name.to_string(),
                    text.to_string(),
                    crate::yaml::read::read_any(text, "x").map(|d| d.value).unwrap_or_default(),
                )
            })
            .collect();
        Rendered { manifests }
    }

    #[test]
    fn objects_are_added_removed_and_changed_field_by_field() {
        let old = rendered(&[("Deployment", "web", "spec:\n  replicas: 1\n  x: a\n"), ("Service", "web", "a: 1\n")]);
        let new = rendered(&[("Deployment", "web", "spec:\n  replicas: 3\n  z: [1]\n"), ("Ingress", "web", "a: 1\n")]);
        let changes: Vec<String> = objects(&old, &new).iter().map(ToString::to_string).collect();
        assert_eq!(
            changes,
            [
                "~ Deployment/web\n    spec.replicas: 1 → 3\n    spec.x: \"a\" → (none)\n    spec.z: (none) → [1]",
                "- Service/web",
                "+ Ingress/web",
            ]
        );
        assert!(objects(&old, &old).is_empty());
    }

    #[test]
    fn types_matter() {
        let old = rendered(&[("ConfigMap", "c", "data:\n  a: \"3\"\n")]);
        let new = rendered(&[("ConfigMap", "c", "data:\n  a: 3\n")]);
        assert_eq!(objects(&old, &new).len(), 1);
    }

    #[test]
    fn lines_and_unified_diffs() {
        let (marks, removed) = lines("a: 1\nb: 2\n", "a: 1\nb: 3\nc: 4\n");
        assert_eq!(marks, [LineChange::Same, LineChange::Added, LineChange::Added]);
        assert_eq!(removed, 1);
        let old = rendered(&[("Service", "web", "a: 1\nb: 2")]);
        let new = rendered(&[("Service", "web", "a: 1\nb: 3")]);
        assert_eq!(unified(&old, &new), "--- a/Service/web\n+++ b/Service/web\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n");
    }
}
