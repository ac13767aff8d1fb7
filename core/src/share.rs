//! Share links: a playground state (chart, release, namespace, kube version, values files, flags) packed into a URL
//! fragment.
//!
//! Two forms are read, one is written:
//!
//! - the compressed form that the playground's Share button writes, `s=<data>`: the state as JSON, raw-deflated
//!   and base64url-encoded without padding, so it is short, URL-safe and never has to be escaped;
//! - a plain form for people writing links by hand in documentation:
//!   `chart=k8s-service&release=web&namespace=prod&kube=1.30.0&values=replicaCount%3A%203`, each value
//!   percent-encoded (`+` is a space, as in HTML forms). `values=` is a file named `values.yaml`; more layers are
//!   `file.NAME=TEXT` (`file.values-prod.yaml=replicaCount%3A%205`), in merge order with `values=`; each
//!   `set=`, `set-string=`, `set-json=` and `set-literal=` is one flag (`set=replicaCount%3D3`). Every key is optional but one of
//!   `chart`, `values` or a file.
//!
//! Other keys are ignored, so a fragment can carry more than a state. Values travel in the fragment because
//! browsers never send the fragment to a server. Decoding is total: a damaged or truncated link is an
//! [`ErrorKind::ShareLink`] error that says what is wrong, never a panic, and unpacking is bounded by
//! [`MAX_UNPACKED`] so a small link cannot expand into a huge allocation.
//!
//! Deflating is the host's part: browsers have it built in (`CompressionStream("deflate-raw")`), so this module
//! carries no compressor. Writing a link is [`pack`], deflate, [`fragment`]; reading one is [`decode`], and for
//! the compressed form inflate [`Packed::deflated`] (to at most [`MAX_UNPACKED`] bytes) and [`Packed::unpack`].
//!
//! ```
//! use chartplay_core::share::{decode, fragment, pack, Link, SharedState};
//!
//! let state = SharedState::with_values("k8s-service", "replicaCount: 3\n");
//! let link = fragment(&miniz_oxide::deflate::compress_to_vec(&pack(&state), 9));
//! assert!(link.starts_with("s="));
//! let Some(Link::Packed(packed)) = decode(&link)? else { panic!("a compressed link") };
//! let inflated = miniz_oxide::inflate::decompress_to_vec(&packed.deflated).map_err(|_| chartplay_core::share::InflateError::Corrupt);
//! assert_eq!(packed.unpack(inflated)?, state);
//! let Some(Link::Plain(plain)) = decode("#chart=k8s-job&values=applicationName%3A%20backup%0A")? else { panic!() };
//! assert_eq!(plain.files[0].text, "applicationName: backup\n");
//! # Ok::<(), chartplay_core::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::values::source::ValuesFile;

/// The largest state a link may unpack to (values text plus settings): 1 MiB, far above any real values file.
pub const MAX_UNPACKED: usize = 1 << 20;

/// The newest version of the compressed form (see [`Payload`]); bumped if its JSON ever changes incompatibly.
const FORMAT_VERSION: u32 = 2;

/// What a share link carries. Empty strings mean "the default" (Helm's release name, namespace, kube version).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SharedState {
    /// The chart name (`k8s-service`); empty when a hand-written link names none.
    pub chart: String,
    /// The release name; empty for the default.
    pub release_name: String,
    /// The namespace; empty for the default.
    pub namespace: String,
    /// The kube version (`1.30.0`); empty for the default.
    pub kube_version: String,
    /// The values files in merge order (`-f` order), each text exactly as typed; a link written before layers
    /// existed carries one, named [`VALUES_FILE`].
    pub files: Vec<ValuesFile>,
    /// The flags panel: one `--set`-style flag per line (see [`crate::SetFlag::from_lines`]).
    pub flags: String,
}

/// The name of the values file of a link that names none (every link of format 1).
pub const VALUES_FILE: &str = "values.yaml";

impl SharedState {
    /// A state of `chart` with one values file, [`VALUES_FILE`].
    pub fn with_values(chart: impl Into<String>, values: impl Into<String>) -> SharedState {
        SharedState { chart: chart.into(), files: vec![ValuesFile::new(VALUES_FILE, values)], ..SharedState::default() }
    }

    /// Whether the state is one values file named [`VALUES_FILE`] without flags, which format 1 can carry.
    fn is_single_file(&self) -> bool {
        self.flags.is_empty() && matches!(&self.files[..], [file] if file.name == VALUES_FILE)
    }
}

/// The JSON of the compressed form: the format version, then the state's fields. Format 1 carries one values
/// text (`v`); format 2 the files as `[name, text]` pairs (`l`) and the flags panel (`x`). A state format 1 can
/// carry is written in format 1, so links stay readable by playgrounds that know only it.
#[derive(Serialize, Deserialize)]
struct Payload {
    #[serde(rename = "f")]
    format: u32,
    #[serde(rename = "c", default)]
    chart: String,
    #[serde(rename = "r", default)]
    release_name: String,
    #[serde(rename = "n", default)]
    namespace: String,
    #[serde(rename = "k", default)]
    kube_version: String,
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    values: Option<String>,
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    files: Option<Vec<(String, String)>>,
    #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
    flags: String,
}

/// The bytes of the compressed form before deflating: `state` as JSON with its format version.
pub fn pack(state: &SharedState) -> Vec<u8> {
    let single = state.is_single_file();
    let SharedState { chart, release_name, namespace, kube_version, files, flags } = state.clone();
    let (format, values, files) = if single {
        (1, files.into_iter().next().map(|file| file.text), None)
    } else {
        (2, None, Some(files.into_iter().map(|file| (file.name, file.text)).collect()))
    };
    let payload = Payload { format, chart, release_name, namespace, kube_version, values, files, flags };
    // Serializing plain strings cannot fail.
    serde_json::to_vec(&payload).unwrap_or_default()
}

/// The fragment of the compressed form, `s=<data>` (without the leading `#`), from the deflated [`pack`].
pub fn fragment(deflated: &[u8]) -> String {
    format!("s={}", base64url_encode(deflated))
}

/// What a URL fragment carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A state in the plain form.
    Plain(SharedState),
    /// A state in the compressed form, to inflate.
    Packed(Packed),
}

/// The data of a compressed link, still deflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// Raw-deflated JSON: inflate it to at most [`MAX_UNPACKED`] bytes and hand the result to [`Packed::unpack`].
    pub deflated: Vec<u8>,
    /// Where the data starts in the fragment, for errors.
    column: usize,
}

/// Why inflating a link's data failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// It inflates to more than [`MAX_UNPACKED`] bytes.
    TooLarge,
    /// It is not raw-deflate data, or it is cut short.
    Corrupt,
}

impl Packed {
    /// The state from the inflated data, or what is wrong with the link.
    pub fn unpack(&self, inflated: std::result::Result<Vec<u8>, InflateError>) -> Result<SharedState> {
        let json = inflated.map_err(|error| match error {
            InflateError::TooLarge => {
                damaged(format!("the link unpacks to more than {} KiB", MAX_UNPACKED / 1024), None)
            }
            InflateError::Corrupt => {
                damaged("the link is truncated or corrupt: its compressed data does not unpack", Some(self.column))
            }
        })?;
        let payload: Payload = serde_json::from_slice(&json).map_err(|_| {
            damaged("the link is corrupt: its unpacked data is not a playground state", Some(self.column))
        })?;
        if payload.format == 0 || payload.format > FORMAT_VERSION {
            return Err(damaged(
                format!("the link uses format {}, this playground reads formats 1 to {FORMAT_VERSION}", payload.format),
                None,
            ));
        }
        let Payload { chart, release_name, namespace, kube_version, values, files, flags, .. } = payload;
        let mut files: Vec<ValuesFile> =
            files.unwrap_or_default().into_iter().map(|(name, text)| ValuesFile::new(name, text)).collect();
        if let Some(values) = values {
            files.insert(0, ValuesFile::new(VALUES_FILE, values));
        }
        Ok(SharedState { chart, release_name, namespace, kube_version, files, flags })
    }
}

/// Reads a URL fragment (with or without its leading `#`). `Ok(None)` when it carries no state at all.
pub fn decode(fragment: &str) -> Result<Option<Link>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut plain = SharedState::default();
    let mut found_plain = false;
    let mut offset = 1; // 1-based column of the current pair, for error locations
    for pair in fragment.split('&') {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value_column = offset + key.len() + 1;
        match key {
            "s" => {
                let deflated = base64url_decode(raw, value_column)?;
                return Ok(Some(Link::Packed(Packed { deflated, column: value_column })));
            }
            "chart" | "release" | "namespace" | "kube" | "values" | "set" | "set-string" | "set-json"
            | "set-literal" => {
                let text = percent_decode(raw, value_column)?;
                found_plain = true;
                match key {
                    "chart" => plain.chart = text,
                    "release" => plain.release_name = text,
                    "namespace" => plain.namespace = text,
                    "kube" => plain.kube_version = text,
                    "values" => add_file(&mut plain, VALUES_FILE.to_string(), text, offset)?,
                    flag => {
                        plain.flags.push_str(&format!("--{flag} {text}\n"));
                    }
                }
            }
            _ if key.starts_with("file.") => {
                let name = percent_decode(&key["file.".len()..], offset + "file.".len())?;
                let text = percent_decode(raw, value_column)?;
                found_plain = true;
                add_file(&mut plain, name, text, offset)?;
            }
            _ => {}
        }
        offset += pair.len() + 1;
    }
    if found_plain && (!plain.chart.is_empty() || !plain.files.is_empty()) {
        Ok(Some(Link::Plain(plain)))
    } else if found_plain {
        Err(damaged("the link names neither a chart nor values", None))
    } else {
        Ok(None)
    }
}

/// Adds a values file of a plain link (`values=` or `file.NAME=`, at `column`); a name given twice is an error.
fn add_file(state: &mut SharedState, name: String, text: String, column: usize) -> Result<()> {
    if name.trim().is_empty() {
        return Err(damaged("a file. key names no file", Some(column)));
    }
    if state.files.iter().any(|file| file.name == name) {
        return Err(damaged(format!("the link gives the file {name:?} twice"), Some(column)));
    }
    state.files.push(ValuesFile::new(name, text));
    Ok(())
}

fn damaged(message: impl Into<String>, column: Option<usize>) -> Error {
    let error = Error::new(ErrorKind::ShareLink, format!("cannot open the share link: {}", message.into()));
    match column {
        Some(column) => error.with_location(Location { file: "share link".into(), line: 1, column, range: None }),
        None => error,
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

/// Decodes base64url; padding `=` and `%3D` are tolerated at the end since some tools add them.
fn base64url_decode(text: &str, column: usize) -> Result<Vec<u8>> {
    let text = text.trim_end_matches("%3D").trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for (index, byte) in text.bytes().enumerate() {
        let digit = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => {
                return Err(damaged(
                    format!("unexpected character {:?} in its data", text[index..].chars().next().unwrap_or('?')),
                    Some(column + index),
                ))
            }
        };
        buffer = (buffer << 6) | u32::from(digit);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if text.len() % 4 == 1 {
        return Err(damaged("the link is truncated: its data ends in the middle of a byte", Some(column + text.len())));
    }
    Ok(out)
}

/// Percent-decoding with `+` as a space; the result must be UTF-8.
fn percent_decode(text: &str, column: usize) -> Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex = bytes.get(index + 1..index + 3).and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or_else(|| {
                    damaged("a % in the link is not followed by two hex digits", Some(column + index))
                })?;
                out.push(byte);
                index += 3;
            }
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    if out.len() > MAX_UNPACKED {
        return Err(damaged(format!("the link carries more than {} KiB", MAX_UNPACKED / 1024), None));
    }
    String::from_utf8(out).map_err(|_| damaged("the link's text is not valid UTF-8", Some(column)))
}

#[cfg(test)]
mod tests {
    use miniz_oxide::inflate::TINFLStatus;

    use super::*;

    /// Writes a link as the playground does, with miniz_oxide as the deflater.
    fn encode(state: &SharedState) -> String {
        fragment(&miniz_oxide::deflate::compress_to_vec(&pack(state), 9))
    }

    /// Reads a link as the playground does, with miniz_oxide as the (bounded) inflater.
    fn open(link: &str) -> Result<Option<SharedState>> {
        Ok(match decode(link)? {
            None => None,
            Some(Link::Plain(state)) => Some(state),
            Some(Link::Packed(packed)) => {
                let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed.deflated, MAX_UNPACKED)
                    .map_err(|err| match err.status {
                        TINFLStatus::HasMoreOutput => InflateError::TooLarge,
                        _ => InflateError::Corrupt,
                    });
                Some(packed.unpack(inflated)?)
            }
        })
    }

    fn state() -> SharedState {
        SharedState {
            chart: "k8s-service".into(),
            release_name: "web".into(),
            namespace: "prod".into(),
            kube_version: "1.30.0".into(),
            files: vec![ValuesFile::new(
                VALUES_FILE,
                "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\n# ünïcode ✓ & = % +\n",
            )],
            flags: String::new(),
        }
    }

    #[test]
    fn round_trip_compressed() {
        let fragment = encode(&state());
        assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)), "{fragment}");
        assert_eq!(open(&fragment).unwrap(), Some(state()));
        assert_eq!(open(&format!("#{fragment}")).unwrap(), Some(state()));
    }

    #[test]
    fn the_packed_json_is_stable() {
        let state = SharedState::with_values("k8s-job", "a: 1\n");
        assert_eq!(
            String::from_utf8(pack(&state)).unwrap(),
            r#"{"f":1,"c":"k8s-job","r":"","n":"","k":"","v":"a: 1\n"}"#
        );
        // A link the Share button wrote before deflating moved to the browser.
        let old = "s=JcchCgAgDAXQq8jPGmyys1hUMDiYoGAR7-5g6fEuOih6NBA47TBmhcfSKWKwcZRCLmbB-w";
        assert_eq!(open(old).unwrap(), Some(state));
    }

    #[test]
    fn round_trip_empty_and_binary_lengths() {
        for len in 0..10 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(base64url_decode(&base64url_encode(&bytes), 1).unwrap(), bytes);
        }
    }

    #[test]
    fn plain_form_with_percent_encoding() {
        let decoded =
            open("#chart=k8s-job&release=backup&kube=1.29.0&values=applicationName%3A+x%0AreplicaCount%3A%202")
                .unwrap()
                .unwrap();
        assert_eq!(decoded.chart, "k8s-job");
        assert_eq!(decoded.release_name, "backup");
        assert_eq!(decoded.namespace, "");
        assert_eq!(decoded.kube_version, "1.29.0");
        assert_eq!(decoded.files, [ValuesFile::new(VALUES_FILE, "applicationName: x\nreplicaCount: 2")]);
    }

    #[test]
    fn layers_round_trip_in_format_2() {
        let mut layered = state();
        layered.files.push(ValuesFile::new("values-prod.yaml", "replicaCount: 5\n"));
        layered.flags = "--set image.tag=1.28\n--set-string a=007\n".into();
        let packed = String::from_utf8(pack(&layered)).unwrap();
        assert!(packed.starts_with(r#"{"f":2,"#) && !packed.contains(r#""v":"#), "{packed}");
        assert_eq!(open(&encode(&layered)).unwrap(), Some(layered.clone()));
        // A single file of another name, or flags alone, also need format 2.
        let renamed = SharedState { files: vec![ValuesFile::new("base.yaml", "a: 1\n")], ..state() };
        assert!(pack(&renamed).starts_with(br#"{"f":2,"#));
        assert_eq!(open(&encode(&renamed)).unwrap(), Some(renamed));
        let flags_only = SharedState { files: Vec::new(), flags: "--set a=1\n".into(), ..state() };
        assert_eq!(open(&encode(&flags_only)).unwrap(), Some(flags_only));
    }

    #[test]
    fn plain_form_with_layers_and_flags() {
        let link = "#chart=k8s-service&values=a%3A%201%0A&file.values-prod.yaml=a%3A%202%0A&set=replicaCount%3D3\
                    &set-string=image.tag%3D007&set-literal=podAnnotations.a%3Dx%2Cy";
        let decoded = open(link).unwrap().unwrap();
        assert_eq!(
            decoded.files,
            [ValuesFile::new(VALUES_FILE, "a: 1\n"), ValuesFile::new("values-prod.yaml", "a: 2\n")]
        );
        assert_eq!(
            decoded.flags,
            "--set replicaCount=3\n--set-string image.tag=007\n--set-literal podAnnotations.a=x,y\n"
        );
        let twice = open("#chart=k8s-service&values=a&file.values.yaml=b").unwrap_err();
        assert!(twice.message().contains("twice"), "{twice}");
        assert_eq!(twice.location().map(|l| l.column), Some(28));
        assert!(open("#file.=a").unwrap_err().message().contains("names no file"));
        assert_eq!(open("#file.only.yaml=a%3A%201").unwrap().unwrap().files[0].name, "only.yaml");
    }

    #[test]
    fn a_newer_format_says_so() {
        let data = base64url_encode(&miniz_oxide::deflate::compress_to_vec(br#"{"f":3,"c":"k8s-job"}"#, 6));
        assert!(open(&format!("s={data}")).unwrap_err().message().contains("format 3"));
    }

    #[test]
    fn fragment_without_state_is_none() {
        assert_eq!(open("").unwrap(), None);
        assert_eq!(open("#").unwrap(), None);
        assert_eq!(open("#section-2").unwrap(), None);
    }

    #[test]
    fn err_truncated_link() {
        let fragment = encode(&state());
        for cut in [3, fragment.len() / 2, fragment.len() - 1] {
            let err = open(&fragment[..cut]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ShareLink, "cut at {cut}: {err}");
            assert!(err.message().starts_with("cannot open the share link"), "{err}");
        }
    }

    #[test]
    fn err_bad_character_has_column() {
        let err = open("#s=abc$def").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ShareLink);
        assert_eq!(err.location().map(|l| l.column), Some(6), "columns count from after the #");
        assert!(err.message().contains("'$'"), "{err}");
    }

    #[test]
    fn err_bad_percent_escape() {
        let err = open("values=a%2").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ShareLink);
        assert_eq!(err.location().map(|l| l.column), Some(9));
        assert!(open("values=%FF%FE").unwrap_err().message().contains("UTF-8"));
    }

    #[test]
    fn err_plain_link_without_chart_or_values() {
        assert_eq!(open("release=x").unwrap_err().kind(), ErrorKind::ShareLink);
    }

    #[test]
    fn err_valid_deflate_that_is_not_a_state() {
        let data = base64url_encode(&miniz_oxide::deflate::compress_to_vec(b"[1,2,3]", 6));
        assert!(open(&format!("s={data}")).unwrap_err().message().contains("not a playground state"));
    }

    #[test]
    fn err_link_that_unpacks_too_large() {
        let big = vec![b' '; MAX_UNPACKED + 10];
        let data = base64url_encode(&miniz_oxide::deflate::compress_to_vec(&big, 9));
        assert!(data.len() < 10_000);
        assert!(open(&format!("s={data}")).unwrap_err().message().contains("more than"));
    }

    #[test]
    fn damaged_links_never_panic() {
        // Every prefix and every single-character corruption of a real link either decodes or is a ShareLink error.
        let fragment = encode(&state());
        for cut in 0..fragment.len() {
            if let Err(err) = open(&fragment[..cut]) {
                assert_eq!(err.kind(), ErrorKind::ShareLink);
            }
        }
        for index in 2..fragment.len() {
            for replacement in ['A', '_', '%', '&', 'é'] {
                let mut damaged = fragment.clone();
                damaged.replace_range(index..index + 1, &replacement.to_string());
                if let Err(err) = open(&damaged) {
                    assert_eq!(err.kind(), ErrorKind::ShareLink);
                }
            }
        }
    }
}
