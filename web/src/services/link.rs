//! The page's URL: the share-link fragment (via `chartplay_core::share`, deflated by the browser) and the embed
//! query parameters.

use chartplay_core::share::{self, Link, SharedState};
use chartplay_core::{Error, ErrorKind};

use crate::services::{deflate, describe_js_error};

/// How the page was opened: `?embed=1` and `?readonly=1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mode {
    /// Embedded in documentation: no header, no autosave.
    pub embed: bool,
    /// Values cannot be edited (only meaningful with `embed`).
    pub read_only: bool,
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// Reads `?embed=1&readonly=1`.
pub fn mode() -> Mode {
    let search = location().and_then(|l| l.search().ok()).unwrap_or_default();
    let flag = |name: &str| {
        search.trim_start_matches('?').split('&').any(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, "1"));
            key == name && !matches!(value, "0" | "false" | "no")
        })
    };
    Mode { embed: flag("embed"), read_only: flag("readonly") }
}

/// The state in the URL fragment, if it carries one; the compressed form is inflated by the browser.
pub async fn from_fragment() -> Option<Result<SharedState, Error>> {
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    let link = match share::decode(&hash) {
        Ok(link) => link?,
        Err(error) => return Some(Err(error)),
    };
    Some(match link {
        Link::Plain(state) => Ok(state),
        Link::Packed(packed) => match deflate::inflate(&packed.deflated, share::MAX_UNPACKED).await {
            Ok(inflated) => packed.unpack(inflated),
            Err(error) => Err(Error::new(
                ErrorKind::ShareLink,
                format!("cannot open the share link: this browser cannot unpack it ({})", describe_js_error(&error)),
            )),
        },
    })
}

/// The compressed fragment for `state` (`s=…`, without the `#`), or why the browser could not deflate it.
pub async fn fragment(state: &SharedState) -> Result<String, String> {
    let deflated = deflate::deflate(&share::pack(state)).await.map_err(|error| describe_js_error(&error))?;
    Ok(share::fragment(&deflated))
}

/// The page's address without query and fragment.
fn base() -> String {
    let Some(location) = location() else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// The playground link with `fragment` (from [`fragment`]; never embedded).
pub fn share_url(fragment: &str) -> String {
    format!("{}#{fragment}", base())
}

/// Puts `fragment` in the address bar without reloading or adding a history entry.
pub fn show_in_address_bar(fragment: &str) {
    replace_url(&format!("{}{}#{fragment}", base(), search()));
}

/// Removes the fragment once the state has moved on from the link, so a reload shows the autosaved draft.
pub fn clear_fragment() {
    if location().and_then(|l| l.hash().ok()).is_some_and(|h| !h.is_empty()) {
        replace_url(&format!("{}{}", base(), search()));
    }
}

fn search() -> String {
    location().and_then(|l| l.search().ok()).unwrap_or_default()
}

fn replace_url(url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Reloads the page when the user changes the fragment by hand (pastes a share link into an open tab), so the
/// link is opened exactly as on a fresh load. `history.replaceState` (Share, edits) fires no `hashchange`.
pub fn reload_on_hash_change() -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(&window, "hashchange", |_| {
        let has_state = location()
            .and_then(|l| l.hash().ok())
            .is_some_and(|hash| share::decode(&hash).map_or(true, |s| s.is_some()));
        if has_state {
            if let Some(location) = location() {
                let _ = location.reload();
            }
        }
    }))
}
