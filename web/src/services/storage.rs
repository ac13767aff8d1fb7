//! Autosave: each chart's work kept in `localStorage`, plus the last chart used.
//!
//! Keys: `chartplay.draft.<chart>` (the [`Draft`] and whose it is, as JSON), `chartplay.history.<chart>` (the
//! drafts kept from it, newest first) and `chartplay.chart` (the chart name). Entries written by older versions
//! still read: a draft with one `values` text, and `chartplay.kept.<chart>` (the one draft a shared link set
//! aside), which moves into the history. Storage can be missing or full (private windows, quota): then the oldest
//! kept drafts give way first, and if nothing fits the playground works on without saving.

use std::rc::Rc;

use chartplay_core::share::VALUES_FILE;
use chartplay_core::ValuesFile;
use serde_json::{json, Value};

use crate::draft::{Draft, History, Kept, Owner, Replaced};
use crate::state::Work;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` at `key`; false when storage is missing or full.
fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// The autosaved work on `chart`, with the draft an older version set aside moved into its history.
pub fn load_work(chart: &str) -> Option<Work> {
    let (owner, draft) = get(&format!("chartplay.draft.{chart}")).as_deref().and_then(work_from_json)?;
    let mut history = get(&format!("chartplay.history.{chart}")).as_deref().map(history_from_json).unwrap_or_default();
    let old_key = format!("chartplay.kept.{chart}");
    if let Some(kept) = get(&old_key).as_deref().and_then(draft_from_json) {
        if !history.iter().any(|k| k.draft == kept) {
            let entry = Kept { time: 0, owner: Owner::Own, replaced: Replaced::Link, draft: kept };
            Rc::make_mut(&mut history).push(entry);
        }
        if save_history(chart, &history) {
            if let Some(storage) = storage() {
                let _ = storage.remove_item(&old_key);
            }
        }
    }
    Some(Work { draft, owner, history })
}

/// Saves the draft of `chart` (and whose it is) and remembers `chart` as the last one used.
pub fn save_draft(chart: &str, draft: &Draft, owner: Owner) {
    let mut json = draft_to_json(draft);
    json["owner"] = json!(if owner == Owner::Link { "link" } else { "own" });
    set(&format!("chartplay.draft.{chart}"), &json.to_string());
    set("chartplay.chart", chart);
}

/// Saves the history of `chart`; when storage is full, without its oldest drafts. False when none fit.
pub fn save_history(chart: &str, history: &[Kept]) -> bool {
    let key = format!("chartplay.history.{chart}");
    (0..=history.len()).rev().any(|len| set(&key, &history_to_json(&history[..len])))
}

/// The chart used last.
pub fn last_chart() -> Option<String> {
    get("chartplay.chart")
}

fn draft_to_json(draft: &Draft) -> Value {
    let Draft { files, flags, release_name, namespace, kube_version } = draft;
    let files: Vec<Value> = files.iter().map(|file| json!([file.name, file.text])).collect();
    json!({ "files": files, "flags": flags, "release_name": release_name, "namespace": namespace, "kube_version": kube_version })
}

/// A stored draft; `None` unless it has its values (files, or an older version's one values text).
fn draft_from_value(json: &Value) -> Option<Draft> {
    let text = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_string);
    let files = match (json.get("files").and_then(Value::as_array), text("values")) {
        (Some(files), _) => files
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([Value::String(name), Value::String(text)]) => Some(ValuesFile::new(name.clone(), text.clone())),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .filter(|files| !files.is_empty())?,
        (None, Some(values)) => vec![ValuesFile::new(VALUES_FILE, values)],
        (None, None) => return None,
    };
    Some(Draft {
        files,
        flags: text("flags").unwrap_or_default(),
        release_name: text("release_name").unwrap_or_default(),
        namespace: text("namespace").unwrap_or_default(),
        kube_version: text("kube_version").unwrap_or_default(),
    })
}

fn draft_from_json(text: &str) -> Option<Draft> {
    draft_from_value(&serde_json::from_str(text).ok()?)
}

/// A stored draft and whose it is (the user's own unless it says otherwise).
fn work_from_json(text: &str) -> Option<(Owner, Draft)> {
    let json: Value = serde_json::from_str(text).ok()?;
    let owner = if json.get("owner").and_then(Value::as_str) == Some("link") { Owner::Link } else { Owner::Own };
    Some((owner, draft_from_value(&json)?))
}

fn replaced_to_json(replaced: &Replaced) -> String {
    match replaced {
        Replaced::Link => "link".into(),
        Replaced::Example => "example".into(),
        Replaced::Defaults => "defaults".into(),
        Replaced::Restore => "restore".into(),
        Replaced::RemovedFile(name) => format!("removed:{name}"),
    }
}

fn replaced_from_json(text: &str) -> Replaced {
    match text {
        "example" => Replaced::Example,
        "defaults" => Replaced::Defaults,
        "restore" => Replaced::Restore,
        _ => match text.strip_prefix("removed:") {
            Some(name) => Replaced::RemovedFile(name.to_string()),
            None => Replaced::Link,
        },
    }
}

fn history_to_json(history: &[Kept]) -> String {
    let entries: Vec<Value> = history
        .iter()
        .map(|kept| {
            json!({
                "time": kept.time,
                "owner": if kept.owner == Owner::Link { "link" } else { "own" },
                "replaced": replaced_to_json(&kept.replaced),
                "draft": draft_to_json(&kept.draft),
            })
        })
        .collect();
    Value::Array(entries).to_string()
}

/// A stored history; entries that do not read are left out.
fn history_from_json(text: &str) -> History {
    let Ok(Value::Array(entries)) = serde_json::from_str(text) else { return History::default() };
    let kept = entries.iter().filter_map(|entry| {
        Some(Kept {
            time: entry.get("time").and_then(Value::as_u64).unwrap_or_default(),
            owner: if entry.get("owner").and_then(Value::as_str) == Some("link") { Owner::Link } else { Owner::Own },
            replaced: replaced_from_json(entry.get("replaced").and_then(Value::as_str).unwrap_or_default()),
            draft: draft_from_value(entry.get("draft")?)?,
        })
    });
    Rc::new(kept.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layered() -> Draft {
        Draft {
            files: vec![ValuesFile::new("values.yaml", "a: \"1\"\n"), ValuesFile::new("prod.yaml", "b: 2\n")],
            flags: "--set c=3\n".into(),
            release_name: "r".into(),
            namespace: String::new(),
            kube_version: "1.30.0".into(),
        }
    }

    #[test]
    fn drafts_round_trip_and_old_entries_still_read() {
        let mut json = draft_to_json(&layered());
        assert_eq!(draft_from_value(&json), Some(layered()));
        json["owner"] = json!("link");
        assert_eq!(work_from_json(&json.to_string()), Some((Owner::Link, layered())));
        let old = r#"{"values":"b: 2\n","release_name":"web","namespace":"prod","kube_version":""}"#;
        let (owner, draft) = work_from_json(old).unwrap();
        assert_eq!(owner, Owner::Own);
        assert_eq!((draft.files, draft.namespace), (vec![ValuesFile::new(VALUES_FILE, "b: 2\n")], "prod".into()));
        assert_eq!(draft_from_json(r#"{"values":"c"}"#).map(|d| d.release_name), Some(String::new()));
        assert_eq!(draft_from_json(r#"{"release_name":"no values"}"#), None);
        assert_eq!(draft_from_json(r#"{"files":[]}"#), None);
        assert_eq!(draft_from_json(r#"{"files":[["a.yaml"]]}"#), None);
        assert_eq!(draft_from_json("not json"), None);
    }

    #[test]
    fn histories_round_trip_and_skip_what_does_not_read() {
        let history = vec![
            Kept { time: 5, owner: Owner::Link, replaced: Replaced::RemovedFile("prod.yaml".into()), draft: layered() },
            Kept { time: 4, owner: Owner::Own, replaced: Replaced::Example, draft: Draft::with_values("x: 1\n") },
        ];
        assert_eq!(*history_from_json(&history_to_json(&history)), history);
        let damaged = r#"[{"time":1,"draft":{"values":"a"}},{"time":2},3]"#;
        assert_eq!(history_from_json(damaged).len(), 1);
        assert!(history_from_json("{}").is_empty());
    }
}
