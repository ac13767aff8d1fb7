//! `use_autosave`: keeps the current chart's work in localStorage whenever it changes.
//!
//! ```ignore
//! use_autosave(!mode.embed, state.chart.clone(), state.work());
//! ```
//! Embedded playgrounds do not autosave: documentation pages must not overwrite a reader's own drafts.

use yew::prelude::*;

use crate::services::storage;
use crate::state::Work;

/// Saves `work` as `chart`'s after every change, when `enabled`: the draft on every edit, the history when it
/// changes.
#[hook]
pub fn use_autosave(enabled: bool, chart: String, work: Work) {
    let Work { draft, owner, history } = work;
    use_effect_with((enabled, chart.clone(), draft, owner), |(enabled, chart, draft, owner)| {
        if *enabled {
            storage::save_draft(chart, draft, *owner);
        }
    });
    use_effect_with((enabled, chart, history), |(enabled, chart, history)| {
        if *enabled {
            storage::save_history(chart, history);
        }
    });
}
