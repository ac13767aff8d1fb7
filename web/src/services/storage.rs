//! Autosave: drafts kept per chart in `localStorage`, plus the last chart used.
//!
//! Keys: `chartplay.draft.<chart>` (a [`Draft`] as JSON), `chartplay.chart` (the chart name) and
//! `chartplay.kept.<chart>` (the draft set aside when a shared link replaced it). Storage can be missing or full
//! (private windows, quota): then nothing is saved and the playground works on.

use crate::state::Draft;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The autosaved draft of `chart`.
pub fn load_draft(chart: &str) -> Option<Draft> {
    from_json(&get(&format!("chartplay.draft.{chart}"))?)
}

/// A stored draft; `None` unless it is an object with the values text (the settings may be missing).
fn from_json(text: &str) -> Option<Draft> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    let text = |key: &str| json.get(key).and_then(serde_json::Value::as_str).map(str::to_string);
    Some(Draft {
        values: text("values")?,
        release_name: text("release_name").unwrap_or_default(),
        namespace: text("namespace").unwrap_or_default(),
        kube_version: text("kube_version").unwrap_or_default(),
    })
}

/// A draft as stored: a JSON object with the fields of [`Draft`].
fn to_json(draft: &Draft) -> String {
    let Draft { values, release_name, namespace, kube_version } = draft;
    serde_json::json!({ "values": values, "release_name": release_name, "namespace": namespace, "kube_version": kube_version })
        .to_string()
}

/// Saves the draft of `chart` and remembers `chart` as the last one used.
pub fn save_draft(chart: &str, draft: &Draft) {
    set(&format!("chartplay.draft.{chart}"), &to_json(draft));
    set("chartplay.chart", chart);
}

/// Sets a draft aside (before a shared link's state is autosaved over it).
pub fn keep_draft(chart: &str, draft: &Draft) {
    set(&format!("chartplay.kept.{chart}"), &to_json(draft));
}

/// The chart used last.
pub fn last_chart() -> Option<String> {
    get("chartplay.chart")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_old_entries_still_read() {
        let draft = Draft {
            values: "a: \"1\"\n".into(),
            release_name: "r".into(),
            namespace: String::new(),
            kube_version: "1.30.0".into(),
        };
        assert_eq!(from_json(&to_json(&draft)), Some(draft));
        let old = r#"{"values":"b: 2\n","release_name":"web","namespace":"prod","kube_version":""}"#;
        assert_eq!(from_json(old).map(|d| (d.values, d.namespace)), Some(("b: 2\n".into(), "prod".into())));
        assert_eq!(from_json(r#"{"values":"c"}"#).map(|d| d.release_name), Some(String::new()));
        assert_eq!(from_json(r#"{"release_name":"no values"}"#), None);
        assert_eq!(from_json("not json"), None);
    }
}
