//! The Kubernetes schemas, fetched one kube version at a time from the page's own origin.
//!
//! They are not in the WebAssembly (about 60 KB of JSON per version): Trunk copies `core/kube-schemas/` into
//! `dist/kube-schemas/`, and the playground fetches the selected version's file after its first render. The URL
//! is relative to the page, so a playground hosted under a sub-path finds them too; the page's
//! Content-Security-Policy allows it (`connect-src 'self'`).

use chartplay_core::kube;

use crate::services::describe_js_error;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where a schema version's file is, relative to the page.
pub fn url(version: &str) -> String {
    format!("kube-schemas/{}", kube::schema_file(version))
}

/// The text of a schema version's file, or why it could not be fetched.
pub async fn fetch(version: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let failed = |error: wasm_bindgen::JsValue| format!("cannot fetch {}: {}", url(version), describe_js_error(&error));
    let response = JsFuture::from(window.fetch_with_str(&url(version))).await.map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(failed)?;
    if !response.ok() {
        return Err(format!("cannot fetch {}: HTTP {}", url(version), response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| format!("{} is not text", url(version)))
}
