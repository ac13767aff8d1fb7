//! YAML 1.1 scalars as Helm reads them, and numbers as Go prints them: the one home of both rules.
//!
//! Helm reads values files, and Kubernetes reads rendered manifests, with go-yaml v2 (through sigs.k8s.io/yaml):
//! a plain scalar's type comes from its text ([`resolve_plain`]: `yes` and `on` are booleans, `0644` is octal,
//! `1e3` a number, `~` null, timestamps stay strings). Going the other way, a string must be quoted wherever its
//! plain form would read back as something else ([`needs_quotes`]). Numbers print the way Go prints a float64
//! ([`go_float`], `fmt.Sprint`: `1e+06`) or the way `toYaml` writes one after its JSON round trip
//! ([`format_number`]: `1000000`).
//!
//! The values reader, the block reader, `toYaml`, the engine's printing and the playground's highlighter all ask
//! this module, so the type a user sees coloured in the editor is the type Helm reads.

use std::fmt::Write as _;

/// A scalar resolved with go-yaml v2's rules, before the JSON round trip erases the int/float difference.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `~`, `null`, or nothing.
    Null,
    /// `true`, and YAML 1.1's `yes`, `on`, `y` (and their negations).
    Bool(bool),
    /// An integer that fits int64 or uint64 (decimal, `0x`, `0o`, `0b`, or a leading-zero octal such as `0644`).
    Int(i128),
    /// A float (`1.5`, `1e3`, `.inf`), or a number too long for an integer.
    Float(f64),
    /// A string: everything else.
    Str,
}

/// Resolves a plain (unquoted, untagged) scalar as go-yaml v2 does for an `interface{}` target.
pub fn resolve_plain(text: &str) -> Scalar {
    // Most plain scalars are words (keys, names): one that starts with a letter no YAML 1.1 null, boolean or number
    // starts with is a string.
    if text.as_bytes().first().is_some_and(|b| b.is_ascii_alphabetic() && !b"nNyYtTfFoO".contains(b)) {
        return Scalar::Str;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => return Scalar::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Scalar::Bool(false)
        }
        ".nan" | ".NaN" | ".NAN" => return Scalar::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Scalar::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Scalar::Float(f64::NEG_INFINITY),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first == b'.' {
        // `.5`, `.5e3`: digits must follow the dot.
        let rest = &text[1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && (digits == rest.len() || is_exponent(&rest[digits..])) {
            return parse_float(text);
        }
        return Scalar::Str;
    }
    if !(first == b'+' || first == b'-' || first.is_ascii_digit()) {
        return Scalar::Str;
    }
    if is_timestamp(text) {
        return Scalar::Str;
    }
    let plain: std::borrow::Cow<'_, str> = if text.contains('_') { text.replace('_', "").into() } else { text.into() };
    if let Some(int) = parse_go_int(&plain) {
        return Scalar::Int(int);
    }
    if is_yaml_float(&plain) {
        return parse_float(&plain);
    }
    Scalar::Str
}

/// True when `s` (underscores dropped) has the syntax of a YAML float, whatever its magnitude.
fn is_float_text(s: &str) -> bool {
    if s.contains('_') {
        is_yaml_float(&s.replace('_', ""))
    } else {
        is_yaml_float(s)
    }
}

/// `[eE][-+]?[0-9]+` exactly.
fn is_exponent(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.is_empty() || (bytes[0] != b'e' && bytes[0] != b'E') {
        return false;
    }
    let mut digits = &bytes[1..];
    if let Some((b'+' | b'-', rest)) = digits.split_first() {
        digits = rest;
    }
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's `yamlStyleFloat`.
fn is_yaml_float(s: &str) -> bool {
    let mut rest = s.strip_prefix(['+', '-']).unwrap_or(s);
    if let Some(after_dot) = rest.strip_prefix('.') {
        let digits = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &after_dot[digits..];
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        if let Some(after_dot) = rest.strip_prefix('.') {
            let fraction = after_dot.bytes().take_while(u8::is_ascii_digit).count();
            rest = &after_dot[fraction..];
        }
    }
    rest.is_empty() || is_exponent(rest)
}

/// Go's `strconv.ParseFloat`: an overflow to infinity is an error, so the text stays a string.
fn parse_float(text: &str) -> Scalar {
    match text.parse::<f64>() {
        Ok(float) if float.is_finite() => Scalar::Float(float),
        _ => Scalar::Str,
    }
}

/// `strconv.ParseInt(s, 0, 64)` with the `ParseUint` fallback: prefixes `0x`, `0o`, `0b`, leading-zero octal.
fn parse_go_int(s: &str) -> Option<i128> {
    let (negative, unsigned) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let bytes = unsigned.as_bytes();
    let (radix, digits) = if bytes.len() >= 2 && bytes[0] == b'0' {
        match bytes[1] {
            b'x' | b'X' => (16, &unsigned[2..]),
            b'o' | b'O' => (8, &unsigned[2..]),
            b'b' | b'B' => (2, &unsigned[2..]),
            _ => (8, &unsigned[1..]),
        }
    } else {
        (10, unsigned)
    };
    if digits.is_empty() {
        return None;
    }
    let mut magnitude: u64 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix)?;
        magnitude = magnitude.checked_mul(u64::from(radix))?.checked_add(u64::from(digit))?;
    }
    let magnitude = i128::from(magnitude);
    if negative {
        (magnitude <= 1 << 63).then_some(-magnitude)
    } else {
        Some(magnitude)
    }
}

/// `^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$`: go-yaml keeps these as strings for `interface{}` targets.
pub fn is_timestamp(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 8 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return false;
    }
    let mut i = 5;
    for part in 0..2 {
        let digits = bytes[i..].iter().take(2).take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        i += digits;
        if part == 0 {
            if bytes.get(i) != Some(&b'-') {
                return false;
            }
            i += 1;
        }
    }
    i == bytes.len() || matches!(bytes[i], b'T' | b't' | b' ')
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`, with sigs.k8s.io/yaml's names for the special values: how a float
/// map key becomes a JSON key.
pub(crate) fn float_key(float: f64) -> String {
    if float.is_nan() {
        return ".nan".to_string();
    }
    if float.is_infinite() {
        return if float > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    // The conversion to f32 is what Go does here (bit size 32).
    let single = float as f32;
    let scientific = format!("{single:e}");
    format_go_g(&scientific)
}

/// How `json.Marshal` then go-yaml write a float64 (finite).
pub(crate) fn format_number(f: f64) -> String {
    let scientific = format!("{f:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // json.Marshal writes integral values below 1e21 as integers (shortest digits padded with zeros); go-yaml reads
    // them back as integers when they fit int64/uint64 and writes them unchanged.
    if f.abs() < 1e21 && exponent >= 0 && digits.len() <= exponent as usize + 1 {
        let mut text = String::new();
        text.push_str(&digits);
        text.extend(std::iter::repeat_n('0', exponent as usize + 1 - digits.len()));
        let fits = match text.parse::<u128>() {
            Ok(magnitude) if negative => magnitude <= 1 << 63,
            Ok(magnitude) => magnitude < 1 << 64,
            Err(_) => false,
        };
        if fits {
            if negative && text != "0" {
                text.insert(0, '-');
            }
            return text;
        }
    }
    format_go_g(&scientific)
}

/// Go's `strconv.FormatFloat(f, 'g', -1, …)` from Rust's shortest scientific form (`1.5e6`, `-2e-7`).
fn format_go_g(scientific: &str) -> String {
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.trim_start_matches('0').is_empty() { "0".to_string() } else { digits };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if digits == "0" {
        out.push('0');
        return out;
    }
    // Shortest formatting switches to the exponent form outside [1e-4, 1e6), as Go does.
    if !(-4..6).contains(&exponent) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exponent < 0 { '-' } else { '+' }, exponent.unsigned_abs());
    } else if exponent < 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
        out.push_str(&digits);
    } else {
        let point = exponent as usize + 1;
        if digits.len() <= point {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

/// True when go-yaml would read `s` written plain as something other than this string (or quotes it anyway).
///
/// `<<` is included although Helm writes it plain: as a key it would read back as a merge key, and PyYAML-based
/// readers (the parity checker) reject a plain `<<` anywhere.
/// Out-of-range floats such as `1e400` are strings for go-yaml but infinity for YAML 1.1 readers: quoted too.
pub fn needs_quotes(s: &str) -> bool {
    resolve_plain(s) != Scalar::Str
        || is_timestamp(s)
        || is_base60_float(s)
        || s == "<<"
        || (s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) && is_float_text(s))
}

/// go-yaml v2's `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`: YAML 1.1 sexagesimal numbers, quoted on output.
fn is_base60_float(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let bytes = body.as_bytes();
    if bytes.first().is_none_or(|b| !b.is_ascii_digit()) {
        return false;
    }
    let mut i = bytes.iter().take_while(|b| b.is_ascii_digit() || **b == b'_').count();
    let mut groups = 0;
    while i < bytes.len() && bytes[i] == b':' {
        i += 1;
        let digits = bytes[i..].iter().take(2).take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || (digits == 2 && bytes[i] > b'5') {
            // `[0-5]?[0-9]`: one digit, or two with the first at most 5.
            if digits == 2 {
                // Try as a single digit: the second digit would then have to start something else.
                i += 1;
                groups += 1;
                continue;
            }
            return false;
        }
        i += digits;
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        i += bytes[i..].iter().take_while(|b| b.is_ascii_digit() || **b == b'_').count();
    }
    i == bytes.len()
}

/// A float64 as Go's `%v` prints it (`strconv.FormatFloat(f, 'g', -1, 64)`): `80`, `1.5`, `1e+06`, `1e-05`, `NaN`,
/// `+Inf`. This is how `{{ .Values.x }}` prints a number read from a values file.
pub fn go_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits, like Go's shortest formatting.
    format_go_g(&format!("{f:e}"))
}

/// How a template prints the value YAML read from the plain scalar `text` (Go's `fmt.Sprint` of the JSON value:
/// every number a float64), or `None` for strings and null, which print as written or not at all.
pub fn printed(scalar: &Scalar) -> Option<String> {
    match *scalar {
        Scalar::Bool(b) => Some(b.to_string()),
        Scalar::Int(i) => Some(go_float(i as f64)),
        Scalar::Float(f) => Some(go_float(f)),
        Scalar::Null | Scalar::Str => None,
    }
}

/// Whether the plain scalar `text`, resolved as `scalar`, reaches a template as written: a string, null, or a
/// boolean or number printed exactly as typed (`true`, `80`, `1.5`). Not so for `NO` (false), `0644` (420), `1.10`
/// (1.1) or `2592000` (2.592e+06): what the values policy looks at more closely.
pub fn reads_as_written(text: &str, scalar: &Scalar) -> bool {
    match scalar {
        Scalar::Null | Scalar::Str => true,
        Scalar::Bool(b) => text == if *b { "true" } else { "false" },
        // Small decimal integers, the common case, print as written without formatting anything.
        Scalar::Int(_) if text.len() <= 6 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') => true,
        _ => printed(scalar).is_some_and(|printed| printed == text) || text == "0",
    }
}

/// How sigs.k8s.io/yaml writes a map key that YAML read as a scalar (`n:` is the key `"false"`, `1e3:` is
/// `"1000"`), or why such a key cannot be one (null, or an integer beyond int64).
pub(crate) fn json_key(scalar: &Scalar, text: &str) -> Result<String, String> {
    match *scalar {
        Scalar::Null => Err("unsupported map key of type null".to_string()),
        Scalar::Bool(b) => Ok(if b { "true" } else { "false" }.to_string()),
        Scalar::Int(i) if i > i128::from(i64::MAX) => Err(format!("unsupported map key of type uint64: {i}")),
        Scalar::Int(i) => Ok(i.to_string()),
        Scalar::Float(f) => Ok(float_key(f)),
        Scalar::Str => Ok(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_go() {
        for (f, text) in [
            (1.0, "1"),
            (80.0, "80"),
            (100000.0, "100000"),
            (1000000.0, "1e+06"),
            (2592000.0, "2.592e+06"),
            (123456789.0, "1.23456789e+08"),
            (1.5, "1.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-7, "-2.5e-07"),
            (1e21, "1e+21"),
            (1e100, "1e+100"),
            (-0.0, "-0"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Inf"),
        ] {
            assert_eq!(go_float(f), text, "{f}");
        }
    }

    #[test]
    fn plain_scalars_resolve_with_yaml_1_1_rules() {
        assert_eq!(resolve_plain("yes"), Scalar::Bool(true));
        assert_eq!(resolve_plain("Off"), Scalar::Bool(false));
        assert_eq!(resolve_plain("0644"), Scalar::Int(420));
        assert_eq!(resolve_plain("0x1F"), Scalar::Int(31));
        assert_eq!(resolve_plain("1e3"), Scalar::Float(1000.0));
        assert_eq!(resolve_plain("~"), Scalar::Null);
        assert_eq!(resolve_plain("2001-12-14"), Scalar::Str);
        assert_eq!(resolve_plain("yEs"), Scalar::Str);
        for text in ["yes", "0644", "1e3", "null", "1:20", "2001-12-14", "<<"] {
            assert!(needs_quotes(text), "{text}");
        }
        assert!(!needs_quotes("nginx"));
    }

    #[test]
    fn scalars_that_do_not_reach_templates_as_written() {
        for text in ["NO", "yes", "on", "0644", "0x1F", "1.10", "2592000", "1e3", "+1"] {
            assert!(!reads_as_written(text, &resolve_plain(text)), "{text}");
        }
        for text in ["true", "false", "80", "0", "1.5", "100000", "-3", "nginx", "~", "1.27"] {
            assert!(reads_as_written(text, &resolve_plain(text)), "{text}");
        }
    }
}
