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

/// What the kube version field says about the Kubernetes schema that checks the objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionNote {
    /// A version with a schema of its own, or empty (Helm's default): nothing to say.
    Exact,
    /// A version without a schema of its own: which schema is used, and why.
    Nearest(String),
    /// Not a version (rendering fails with this setting error).
    Invalid(String),
}

/// The note for the kube version field holding `requested`.
///
/// ```
/// use chartplay_web::services::kube_schemas::{version_note, VersionNote};
/// assert_eq!(version_note("1.30.2"), VersionNote::Exact);
/// assert_eq!(
///     version_note("1.18.0"),
///     VersionNote::Nearest("checked against v1.28, the oldest schema: 1.18.0 is older".into())
/// );
/// ```
pub fn version_note(requested: &str) -> VersionNote {
    let requested = requested.trim();
    if requested.is_empty() {
        return VersionNote::Exact;
    }
    let version = match chartplay_core::KubeVersion::parse(requested) {
        Ok(version) => version,
        Err(error) => return VersionNote::Invalid(error.message().to_string()),
    };
    let schema = kube::schema_version(requested);
    let minor_of = |v: &str| v.rsplit('.').next().and_then(|m| m.parse::<u32>().ok()).unwrap_or(0);
    let (major, minor) = (version.major.parse::<u32>().unwrap_or(0), version.minor.parse::<u32>().unwrap_or(0));
    let oldest = kube::SCHEMA_VERSIONS[0];
    if major == 1 && minor == minor_of(schema) {
        VersionNote::Exact
    } else if major < 1 || (major == 1 && minor < minor_of(oldest)) {
        VersionNote::Nearest(format!("checked against {schema}, the oldest schema: {requested} is older"))
    } else {
        VersionNote::Nearest(format!("checked against {schema}, the newest schema: {requested} is newer"))
    }
}

/// The versions offered in the kube version field, newest first: one per schema (`1.36.0`).
pub fn offered_versions() -> impl Iterator<Item = String> {
    kube::SCHEMA_VERSIONS.iter().rev().map(|v| format!("{}.0", v.trim_start_matches('v')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_without_a_schema_say_which_one_checks_them() {
        assert_eq!(version_note(""), VersionNote::Exact);
        assert_eq!(version_note("v1.36.0"), VersionNote::Exact);
        assert_eq!(version_note("1.28"), VersionNote::Exact);
        assert_eq!(
            version_note("0.9"),
            VersionNote::Nearest("checked against v1.28, the oldest schema: 0.9 is older".into())
        );
        assert_eq!(
            version_note("1.40.1"),
            VersionNote::Nearest("checked against v1.36, the newest schema: 1.40.1 is newer".into())
        );
        assert_eq!(
            version_note("2.0"),
            VersionNote::Nearest("checked against v1.36, the newest schema: 2.0 is newer".into())
        );
        match version_note("abc") {
            VersionNote::Invalid(why) => assert!(why.contains("invalid kube version \"abc\""), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(offered_versions().next().as_deref(), Some("1.36.0"));
        assert_eq!(offered_versions().count(), kube::SCHEMA_VERSIONS.len());
    }
}
