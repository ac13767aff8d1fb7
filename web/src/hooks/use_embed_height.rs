//! `use_embed_height`: in embed mode, reports the page's height to the parent window.
//!
//! ```ignore
//! use_embed_height(mode.embed);
//! ```

use yew::prelude::*;

use crate::services::embed;

/// Posts `{type: "chartplay:height", height}` to the parent whenever the page's height changes, when `enabled`.
#[hook]
pub fn use_embed_height(enabled: bool) {
    use_effect_with(enabled, |enabled| {
        let reporter = if *enabled { embed::report_height() } else { None };
        move || drop(reporter)
    });
}
