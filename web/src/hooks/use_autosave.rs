//! `use_autosave`: keeps the draft of the current chart in localStorage whenever it changes.
//!
//! ```ignore
//! use_autosave(!mode.embed, state.chart.clone(), state.draft.clone());
//! ```
//! Embedded playgrounds do not autosave: documentation pages must not overwrite a reader's own drafts.

use yew::prelude::*;

use crate::services::storage;
use crate::state::Draft;

/// Saves `draft` as `chart`'s draft after every change, when `enabled`.
#[hook]
pub fn use_autosave(enabled: bool, chart: String, draft: Draft) {
    use_effect_with((enabled, chart, draft), |(enabled, chart, draft)| {
        if *enabled {
            storage::save_draft(chart, draft);
        }
    });
}
