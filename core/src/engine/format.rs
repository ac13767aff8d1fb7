//! How Go prints values: `{{ .Values.x }}` in Helm is `fmt.Sprint(x)`, so the output of a template depends on it.
//!
//! - numbers: integers in decimal, floats with `strconv.FormatFloat(f, 'g', -1, 64)` (`1e+06`, `1.5`, `1e-05`);
//! - `nil` at the top of an expression prints nothing (Helm strips Go's `<no value>`), `<nil>` inside a list or map;
//! - lists as `[a b]`, maps as `map[k:v]` with sorted keys.

use minijinja::value::{Value, ValueKind};

use crate::yaml::scalar::go_float;

/// Formats `value` as Go's `fmt.Sprint` would, with `nil` printing as the empty string.
pub fn go_sprint(value: &Value) -> String {
    let mut out = String::new();
    if !(value.is_none() || value.is_undefined()) {
        write_value(&mut out, value);
    }
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("<nil>"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if value.is_integer() {
                out.push_str(&value.to_string());
            } else {
                match f64::try_from(value.clone()) {
                    Ok(f) => out.push_str(&go_float(f)),
                    Err(_) => out.push_str(&value.to_string()),
                }
            }
        }
        ValueKind::String => out.push_str(value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('[');
            if let Ok(iter) = value.try_iter() {
                for (idx, item) in iter.enumerate() {
                    if idx > 0 {
                        out.push(' ');
                    }
                    write_value(out, &item);
                }
            }
            out.push(']');
        }
        ValueKind::Map => {
            out.push_str("map[");
            let mut keys: Vec<Value> = value.try_iter().map(|iter| iter.collect()).unwrap_or_default();
            keys.sort_by_key(|key| key.to_string());
            for (idx, key) in keys.iter().enumerate() {
                if idx > 0 {
                    out.push(' ');
                }
                write_value(out, key);
                out.push(':');
                write_value(out, &value.get_item(key).unwrap_or_default());
            }
            out.push(']');
        }
        _ => out.push_str(&value.to_string()),
    }
}

/// Go's `%q` of a string (`strconv.Quote`): double quotes, Go escapes, printable Unicode kept.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint` for characters above ASCII: letters, marks, numbers, punctuation,
/// symbols and the ASCII space are printable; other spaces, controls, and format characters are not.
fn is_go_printable(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c as u32, 0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f | 0xfeff | 0xfff9..=0xfffb | 0xe000..=0xf8ff))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_print_like_go() {
        let value = Value::from_serialize(serde_json::json!({"k": "v", "false": 2.0, "l": [1, "x", null]}));
        assert_eq!(go_sprint(&value), "map[false:2 k:v l:[1 x <nil>]]");
        assert_eq!(go_sprint(&Value::from(())), "");
    }

    #[test]
    fn quote_escapes_like_go() {
        assert_eq!(go_quote("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(go_quote("é\u{7}"), "\"é\\a\"");
        assert_eq!(go_quote("\u{1}"), "\"\\x01\"");
    }
}
