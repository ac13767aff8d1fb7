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
    serde_json::from_str(&get(&format!("chartplay.draft.{chart}"))?).ok()
}

/// Saves the draft of `chart` and remembers `chart` as the last one used.
pub fn save_draft(chart: &str, draft: &Draft) {
    if let Ok(json) = serde_json::to_string(draft) {
        set(&format!("chartplay.draft.{chart}"), &json);
    }
    set("chartplay.chart", chart);
}

/// Sets a draft aside (before a shared link's state is autosaved over it).
pub fn keep_draft(chart: &str, draft: &Draft) {
    if let Ok(json) = serde_json::to_string(draft) {
        set(&format!("chartplay.kept.{chart}"), &json);
    }
}

/// The chart used last.
pub fn last_chart() -> Option<String> {
    get("chartplay.chart")
}
