//! Encodings: YAML, JSON, base64.

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};

use crate::engine::convert::from_template;
use crate::engine::trace;
use crate::yaml::write;

/// Helm's `toYaml`: block YAML with sorted keys and no trailing newline.
///
/// ```jinja
/// {{ Values.nodeSelector | toYaml | indent(8) }}
/// ```
pub fn to_yaml(value: Value) -> String {
    let marks = if trace::active() { trace::id_tree(&value) } else { None };
    write::to_yaml_marked(&from_template(&value), marks.as_ref().map(|marks| marks as &dyn write::Marks))
}

/// Helm's `toJson`: compact JSON with sorted keys; an unencodable value gives the empty string, as in Helm.
pub fn to_json(value: Value) -> String {
    serde_json::to_string(&from_template(&value)).unwrap_or_default()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn b64enc(value: Value) -> String {
    let text = value.as_str().map(str::to_string).unwrap_or_else(|| crate::engine::format::go_sprint(&value));
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; invalid input is an error.
pub fn b64dec(value: &str) -> Result<String, Error> {
    let invalid = || Error::new(ErrorKind::InvalidOperation, format!("b64dec: invalid base64 {value:?}"));
    let mut bits = 0u32;
    let mut n_bits = 0;
    let mut out = Vec::new();
    for c in value.trim_end_matches('=').bytes() {
        let v = ALPHABET.iter().position(|&a| a == c).ok_or_else(invalid)? as u32;
        bits = (bits << 6) | v;
        n_bits += 6;
        if n_bits >= 8 {
            n_bits -= 8;
            out.push((bits >> n_bits) as u8);
            bits &= (1 << n_bits) - 1;
        }
    }
    String::from_utf8(out).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "a", "ab", "abc", "abcd", "héllo wörld"] {
            let encoded = b64enc(Value::from(s));
            assert_eq!(b64dec(&encoded).ok().as_deref(), Some(s), "{encoded}");
        }
        assert_eq!(b64enc(Value::from("hello")), "aGVsbG8=");
        assert!(b64dec("!!").is_err());
    }
}
