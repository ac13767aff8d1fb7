//! Editor help from the chart's values schema: completions of keys and enum values at the cursor, and hover text.
//!
//! The editor calls these synchronously with the text before the cursor (see [`crate::cursor`]) and gets JSON back,
//! so the JavaScript side only turns it into CodeMirror's completion and tooltip objects.

use std::sync::Arc;

use chartplay_core::schema::{CompletionKind, Schema};
use chartplay_core::yaml::write::to_yaml;
use serde_json::json;

use crate::cursor::{spot, Spot};

/// The schema of the chart being edited, if it has one. Equal when it is the same compiled schema.
#[derive(Debug, Clone, Default)]
pub struct Help(pub Option<Arc<Schema>>);

impl PartialEq for Help {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Help {
    /// Completions at the end of `before` (the document up to the cursor); `after` is the rest of the cursor's line.
    ///
    /// JSON `{"back": n, "options": [{label, apply, type, detail, info}]}`: the options replace the `n` UTF-16
    /// units before the cursor (the typed part of the key or value). `None` when there is nothing to offer.
    pub fn complete(&self, before: &str, after: &str) -> Option<String> {
        let schema = self.0.as_ref()?;
        let spot = spot(before);
        let (path, prefix, kind) = match &spot {
            Spot::Key { parent, prefix } => (parent, prefix, CompletionKind::Key),
            Spot::Value { path, prefix } => (path, prefix, CompletionKind::Value),
        };
        // A key is followed by its colon unless one is already there.
        let has_colon = after.trim_start().starts_with(':');
        let options: Vec<serde_json::Value> = schema
            .completions(path)
            .into_iter()
            .filter(|completion| completion.kind == kind)
            .map(|completion| {
                let apply = match kind {
                    CompletionKind::Key if !has_colon => format!("{}: ", completion.label),
                    _ => completion.label.clone(),
                };
                json!({
                    "label": completion.label,
                    "apply": apply,
                    "type": if kind == CompletionKind::Key { "property" } else { "enum" },
                    "detail": completion.detail,
                    "info": completion.documentation,
                })
            })
            .collect();
        if options.is_empty() {
            return None;
        }
        Some(json!({ "back": prefix.encode_utf16().count(), "options": options }).to_string())
    }

    /// Documentation of the key or value that ends at the end of `before`: JSON `{path, type, description,
    /// default}`, or `None` when the schema says nothing about it.
    pub fn hover(&self, before: &str) -> Option<String> {
        let schema = self.0.as_ref()?;
        let path = spot(before).path();
        let found = schema.describe(&path)?;
        Some(
            json!({
                "path": path.to_string(),
                "type": found.type_name,
                "description": found.description,
                "default": found.default.as_ref().map(|value| to_yaml(value).trim_end().to_string()),
            })
            .to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use chartplay_core::Session;

    use super::*;

    fn help() -> Help {
        Help(Session::builtin("k8s-service").unwrap().schema())
    }

    fn labels(json: &str) -> Vec<String> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["options"].as_array().unwrap().iter().map(|o| o["label"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn top_level_keys_are_offered() {
        let json = help().complete("applicationName: web\ncont", "").unwrap();
        assert!(labels(&json).contains(&"containerImage".to_string()), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["back"], 4);
        let option = value["options"].as_array().unwrap().iter().find(|o| o["label"] == "containerImage").unwrap();
        assert_eq!(option["apply"], "containerImage: ");
        assert_eq!(option["type"], "property");
    }

    #[test]
    fn nested_keys_and_enum_values() {
        let keys = labels(&help().complete("containerImage:\n  ", "").unwrap());
        assert!(keys.contains(&"pullPolicy".to_string()), "{keys:?}");
        let values = labels(&help().complete("service:\n  type: ", "").unwrap());
        assert!(values.contains(&"NodePort".to_string()), "{values:?}");
        assert!(!values.contains(&"enabled".to_string()), "only values: {values:?}");
        assert!(!values.contains(&"null".to_string()), "the schema allows null, which is not offered: {values:?}");
    }

    #[test]
    fn no_colon_added_before_an_existing_one() {
        let json = help().complete("repl", ": 2").unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let option = value["options"].as_array().unwrap().iter().find(|o| o["label"] == "replicaCount").unwrap();
        assert_eq!(option["apply"], "replicaCount");
    }

    #[test]
    fn hover_describes_keys_and_values() {
        let json = help().hover("containerImage:\n  pullPolicy").unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["path"], "containerImage.pullPolicy");
        assert!(value["description"].as_str().is_some_and(|d| !d.is_empty()), "{json}");
        assert!(help().hover("service:\n  type: Node").is_some());
        assert_eq!(help().hover("noSuchKey"), None);
        assert_eq!(Help::default().hover("applicationName"), None);
    }
}
