//! Writing YAML like Helm's `toYaml` (sigs.k8s.io/yaml: JSON round trip, then go-yaml v2's emitter).
//!
//! The output follows what Helm prints, checked against real Helm:
//! - keys sorted with go-yaml's "natural" order (`item9` before `item10`), two-space indent, list dashes not
//!   indented under their key, `{}` and `[]` for empty collections;
//! - numbers as `json.Marshal` writes a float64 and go-yaml re-reads it: integral values as integers (`80`,
//!   `1000000`), others in Go's shortest `%g` form (`1.5`, `1e-05`, `1.2345675e+06`); NaN or infinity anywhere
//!   makes the whole result empty, as `json.Marshal` fails and Helm's `toYaml` returns `""`;
//! - strings plain when go-yaml would read them back as the same string; double quotes when they would read as
//!   another type (`"yes"`, `"0123"`, `"1:20"`) or hold characters only escapes can write (tabs, control
//!   characters); single quotes when they merely start or end with something YAML would misread (`'- a'`,
//!   `' lead'`); literal blocks (`|-`, `|`, `|+`, `|2-`) for multi-line strings.
//!
//! Deliberate differences from Helm, all invisible once the YAML is read back: long plain strings are not folded at
//! 80 columns, keys longer than 128 characters are not written in the `? key` form, multi-line keys are double
//! quoted, and the key `<<` is quoted (Helm writes it plain, which a reader takes for a merge key).

use std::fmt::Write as _;

use super::scalar::{format_number, needs_quotes};
use crate::values::Value;

/// Helm's `toYaml`: block YAML, keys sorted, two-space indent, no trailing newline.
///
/// ```jinja
/// {{ .Values.resources | toYaml | nindent 12 }}
/// ```
pub fn to_yaml(value: &Value) -> String {
    to_yaml_marked(value, None)
}

/// Marks written around each scalar of `toYaml`'s output, saying which value it comes from (tracing, see
/// `engine::trace`): a tree shaped like the value written.
pub(crate) trait Marks {
    /// The marks of the value at `key` of this map.
    fn key(&self, key: &str) -> Option<&dyn Marks>;
    /// The marks of the item at `index` of this list.
    fn item(&self, index: usize) -> Option<&dyn Marks>;
    /// Writes a scalar with `write`, marked when this node knows where it comes from.
    fn scalar(&self, out: &mut String, write: &mut dyn FnMut(&mut String));
}

/// [`to_yaml`], with each scalar marked by `marks` when given.
pub(crate) fn to_yaml_marked(value: &Value, marks: Option<&dyn Marks>) -> String {
    if has_non_finite(value) {
        return String::new();
    }
    let mut out = String::new();
    match value {
        Value::Map(map) if !map.is_empty() => write_map(&mut out, map, 0, marks),
        Value::Seq(items) if !items.is_empty() => write_seq(&mut out, items, 0, marks),
        scalar => write_scalar(&mut out, scalar, 0, marks),
    }
    // Helm trims exactly one trailing newline (`strings.TrimSuffix`), even after a `|+` block.
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

fn has_non_finite(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Float(f) if !f.is_finite() => return true,
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    false
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Writes a scalar (or empty collection) with [`write_inline`], marked when `marks` says where it comes from.
fn write_scalar(out: &mut String, value: &Value, indent: usize, marks: Option<&dyn Marks>) {
    match marks {
        Some(marks) => marks.scalar(out, &mut |out| write_inline(out, value, indent)),
        None => write_inline(out, value, indent),
    }
}

/// Writes `key: value` lines of a non-empty map at `indent`, each line ending with a newline.
fn write_map(out: &mut String, map: &crate::values::Map, indent: usize, marks: Option<&dyn Marks>) {
    let keys: Vec<&String> = map.keys().collect();
    for (i, key) in merge_sort(keys).into_iter().enumerate() {
        if i > 0 {
            push_indent(out, indent);
        }
        write_key(out, key);
        out.push(':');
        let Some(value) = map.get(key) else { continue };
        let inner_marks = marks.and_then(|m| m.key(key));
        match value {
            Value::Map(inner) if !inner.is_empty() => {
                out.push('\n');
                push_indent(out, indent + 2);
                write_map(out, inner, indent + 2, inner_marks);
            }
            Value::Seq(items) if !items.is_empty() => {
                out.push('\n');
                push_indent(out, indent);
                write_seq(out, items, indent, inner_marks);
            }
            scalar => {
                out.push(' ');
                write_scalar(out, scalar, indent, inner_marks);
            }
        }
    }
}

/// Writes `- item` lines of a non-empty list at `indent` (the first line's indentation is already written).
fn write_seq(out: &mut String, items: &[Value], indent: usize, marks: Option<&dyn Marks>) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            push_indent(out, indent);
        }
        out.push_str("- ");
        let inner_marks = marks.and_then(|m| m.item(i));
        match item {
            Value::Map(inner) if !inner.is_empty() => write_map(out, inner, indent + 2, inner_marks),
            Value::Seq(inner) if !inner.is_empty() => write_seq(out, inner, indent + 2, inner_marks),
            scalar => write_scalar(out, scalar, indent, inner_marks),
        }
    }
}

/// Writes a scalar or an empty collection after `key: ` or `- `, then a newline; block scalars are indented
/// relative to `indent` (the indentation of the line they start on).
fn write_inline(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&format_number(*f)),
        Value::String(s) => write_string(out, s, indent),
        Value::Seq(_) => out.push_str("[]"),
        Value::Map(_) => out.push_str("{}"),
    }
    out.push('\n');
}

/// Sorts keys with [`natural_order`]. That order is not always transitive (`1.5`, `1e+06`, `1a` form a cycle), which
/// makes go-yaml's own result depend on Go's random map order and would make `slice::sort_by` panic; a plain merge
/// sort gives a deterministic order and the same result as any sort whenever the order is consistent.
fn merge_sort(keys: Vec<&String>) -> Vec<&String> {
    if keys.len() <= 1 {
        return keys;
    }
    let mut right = keys;
    let left = right.drain(..right.len() / 2).collect();
    let (left, right) = (merge_sort(left), merge_sort(right));
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let (mut left, mut right) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
        if natural_order(b, a) == std::cmp::Ordering::Less {
            merged.extend(right.next());
        } else {
            merged.extend(left.next());
        }
    }
    merged.extend(left);
    merged.extend(right);
    merged
}

/// go-yaml v2's key order (`keyList.Less` in sorter.go): digit runs compare as numbers, and at the first
/// difference a letter and a non-letter put the non-letter first, unless the previous character was a digit.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        natural_order_of(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        natural_order_of(&a, &b)
    }
}

fn natural_order_of<T: Copy + Into<char> + PartialEq>(ar: &[T], br: &[T]) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let is_digit = |c: T| c.into().is_ascii_digit();
    let digit_value = |c: T| i64::from(c.into().to_digit(10).unwrap_or(0));
    let less = |yes: bool| {
        if yes {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    };
    let mut digits = false;
    for i in 0..ar.len().min(br.len()) {
        let (a, b) = (ar[i].into(), br[i].into());
        if a == b {
            digits = a.is_ascii_digit();
            continue;
        }
        let (al, bl) = (a.is_alphabetic(), b.is_alphabetic());
        if al && bl {
            return a.cmp(&b);
        }
        if al || bl {
            return less(if digits { al } else { bl });
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if a == '0' || b == '0' {
            // A zero inside a number (`10` vs `1a`) is a digit like any other.
            if ar[..i].iter().rev().take_while(|c| is_digit(**c)).any(|c| (*c).into() != '0') {
                an = 1;
                bn = 1;
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(digit_value(ar[ai]));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(digit_value(br[bi]));
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return a.cmp(&b);
    }
    ar.len().cmp(&br.len())
}

/// What the emitter's analysis of a string allows.
struct Analysis {
    plain: bool,
    single_quoted: bool,
    block: bool,
}

/// YAML's printable set (what may appear unescaped), as go-yaml's `is_printable`.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7E}' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && c != '\u{FEFF}'
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's `yaml_emitter_analyze_scalar`, block context.
fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis { plain: false, single_quoted: true, block: false };
    }
    let mut indicators = s.starts_with("---") || s.starts_with("...");
    let mut special = false;
    let mut line_breaks = false;
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let chars: Vec<char> = s.chars().collect();
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let followed_by_whitespace = next.is_none_or(|n| n == ' ' || n == '\t' || is_break(n));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => {
                    indicators = true
                }
                '?' | ':' | '-' if followed_by_whitespace => indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => indicators = true,
                '#' if preceded_by_whitespace => indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == chars.len() {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == chars.len() {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = c == ' ' || c == '\t' || is_break(c);
    }
    let mut analysis = Analysis { plain: !indicators, single_quoted: true, block: true };
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.plain = false;
    }
    if trailing_space {
        analysis.block = false;
    }
    if break_space {
        analysis.plain = false;
        analysis.single_quoted = false;
    }
    if space_break || special {
        analysis.plain = false;
        analysis.single_quoted = false;
        analysis.block = false;
    }
    if line_breaks {
        analysis.plain = false;
        // Breaks other than `\n` (CR, NEL, LS, PS) are folded or normalised by readers: escape them.
        if s.chars().any(|c| is_break(c) && c != '\n') {
            analysis.single_quoted = false;
            analysis.block = false;
        }
    }
    analysis
}

fn write_key(out: &mut String, key: &str) {
    let analysis = analyze(key);
    if key.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) || needs_quotes(key) {
        write_double_quoted(out, key);
    } else if analysis.plain {
        out.push_str(key);
    } else if analysis.single_quoted {
        write_single_quoted(out, key);
    } else {
        write_double_quoted(out, key);
    }
}

/// Writes a string value; `indent` is the indentation of the line it starts on (block content goes 2 deeper).
fn write_string(out: &mut String, s: &str, indent: usize) {
    let analysis = analyze(s);
    if s.contains('\n') {
        if analysis.block {
            write_literal(out, s, indent + 2);
        } else {
            write_double_quoted(out, s);
        }
    } else if needs_quotes(s) {
        write_double_quoted(out, s);
    } else if analysis.plain {
        out.push_str(s);
    } else if analysis.single_quoted {
        write_single_quoted(out, s);
    } else {
        write_double_quoted(out, s);
    }
}

fn write_literal(out: &mut String, s: &str, indent: usize) {
    out.push('|');
    if s.starts_with([' ', '\n']) {
        out.push('2');
    }
    let trailing = s.len() - s.trim_end_matches('\n').len();
    match trailing {
        0 => out.push('-'),
        1 if s.len() > 1 => {}
        _ => out.push('+'),
    }
    let body = if trailing > 0 { &s[..s.len() - 1] } else { s };
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            push_indent(out, indent);
            out.push_str(line);
        }
    }
}

fn write_single_quoted(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{B}' => out.push_str("\\v"),
            '\u{C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1B}' => out.push_str("\\e"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !is_printable(c) => {
                let code = u32::from(c);
                let _ = if code <= 0xFF {
                    write!(out, "\\x{code:02X}")
                } else if code <= 0xFFFF {
                    write!(out, "\\u{code:04X}")
                } else {
                    write!(out, "\\U{code:08X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Map;
    use crate::yaml::read::read_any;

    fn string(s: &str) -> Value {
        Value::String(s.to_string())
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<Map>())
    }

    fn read_back(text: &str) -> Value {
        match read_any(text, "toYaml") {
            Ok(document) => document.value,
            Err(error) => panic!("{text:?}: {error}"),
        }
    }

    const TRICKY: &[&str] = &[
        "yes",
        "Yes",
        "on",
        "ON",
        "n",
        "N",
        "Y",
        "y",
        "off",
        "null",
        "Null",
        "~",
        "",
        "true",
        "False",
        "0123",
        "1e3",
        ".inf",
        "-.Inf",
        ".nan",
        "0x1F",
        "0o17",
        "0b101",
        "1_000",
        "1:20",
        "12:30:45",
        "+1",
        "-1",
        "1.",
        ".5",
        "08",
        "2001-12-14",
        "2001-12-14T21:59:43Z",
        "- a",
        "-",
        "--- x",
        "...",
        "a: b",
        "x:",
        ":x",
        "?x",
        "? x",
        "#x",
        "a #b",
        "a#b",
        " lead",
        "trail ",
        "multi\nline",
        "multi\nline\n",
        "multi\nline\n\n",
        " indented\nfirst",
        "\nleading newline",
        "\n",
        "\n\n",
        "x\n  indented",
        "trail\nspace \nx",
        "cr\r\nx",
        "tab\there",
        "\ttab",
        "a\tb\nc",
        "héllo ünïcode ✓",
        "日本語",
        "\u{7}",
        "x\u{7}\ny",
        "\u{0}",
        "\u{1b}",
        "a\u{85}b",
        "a\u{2028}b",
        "\u{feff}bom",
        "a'b",
        "a\"b",
        "a\\b",
        "'q'",
        "\"q\"",
        "[x",
        "]x",
        "{x",
        "}x",
        ",x",
        "x,y",
        "x[y]",
        "&x",
        "*x",
        "!x",
        "|x",
        ">x",
        "%x",
        "@x",
        "`x",
        "=",
        "<<",
        "1e400",
        "1.2.3",
        "v1.2",
        "plain text",
        "key=value",
        "https://example.com/a?b=c#d",
        "a:b",
        "- ",
        " ",
        "  ",
    ];

    #[test]
    fn tricky_strings_read_back_as_the_same_string() {
        for s in TRICKY {
            // Helm trims one newline off the whole text, which shortens a final `|+` block; put it back.
            let value = string(s);
            let text = to_yaml(&value) + "\n";
            assert_eq!(read_back(&text), value, "{s:?} written as {text:?}");
            let in_map = map(&[("k", value.clone()), (s, string("v"))]);
            let text = to_yaml(&in_map) + "\n";
            assert_eq!(read_back(&text), in_map, "{s:?} written as {text:?}");
            let nested = map(&[("l", Value::Seq(vec![value.clone(), Value::Seq(vec![value.clone()]), in_map]))]);
            let text = to_yaml(&nested) + "\n";
            assert_eq!(read_back(&text), nested, "{s:?} written as {text:?}");
        }
    }

    #[test]
    fn quoting_matches_helm() {
        let cases: &[(&str, &str)] = &[
            ("yes", "\"yes\""),
            ("y", "\"y\""),
            ("null", "\"null\""),
            ("", "\"\""),
            ("0123", "\"0123\""),
            ("1:20", "\"1:20\""),
            ("2001-12-14", "\"2001-12-14\""),
            ("- a", "'- a'"),
            ("a: b", "'a: b'"),
            ("#x", "'#x'"),
            (" lead", "' lead'"),
            ("trail ", "'trail '"),
            ("tab\there", "\"tab\\there\""),
            ("\u{7}", "\"\\a\""),
            ("a #b", "'a #b'"),
            ("a#b", "a#b"),
            ("?x", "?x"),
            (":x", ":x"),
            ("x:", "'x:'"),
            ("'x", "'''x'"),
            ("\"x", "'\"x'"),
            ("x,y", "x,y"),
            ("-", "'-'"),
            ("...", "'...'"),
            ("=", "="),
            ("<<", "\"<<\""),
            ("héllo ünïcode ✓", "héllo ünïcode ✓"),
            ("multi\nline", "|-\n  multi\n  line"),
            ("multi\nline\n", "|\n  multi\n  line"),
            ("multi\nline\n\n", "|+\n  multi\n  line\n"),
            (" indented\nfirst", "|2-\n   indented\n  first"),
            ("\nleading newline", "|2-\n\n  leading newline"),
            ("trail\nspace \nx", "\"trail\\nspace \\nx\""),
            ("cr\r\nx", "\"cr\\r\\nx\""),
            ("a\tb\nc", "\"a\\tb\\nc\""),
            ("x\n  indented", "|-\n  x\n    indented"),
            ("1e400", "\"1e400\""),
        ];
        for (s, expected) in cases {
            assert_eq!(to_yaml(&string(s)), *expected, "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_like_json_then_go_yaml() {
        let cases: &[(f64, &str)] = &[
            (80.0, "80"),
            (1e6, "1000000"),
            (1e20, "1e+20"),
            (1e21, "1e+21"),
            (123456789012345678.0, "123456789012345680"),
            (9223372036854775807.0, "9223372036854776000"),
            (-9223372036854775808.0, "-9.223372036854776e+18"),
            (18446744073709551615.0, "1.8446744073709552e+19"),
            (0.001, "0.001"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e-7, "1e-07"),
            (1.5, "1.5"),
            (-0.0, "0"),
            (0.1, "0.1"),
            (1234567.5, "1.2345675e+06"),
            (100000.5, "100000.5"),
            (-1234567.0, "-1234567"),
            (1e23, "1e+23"),
        ];
        for (number, expected) in cases {
            assert_eq!(to_yaml(&Value::Float(*number)), *expected, "{number}");
            assert_eq!(read_back(expected), Value::Float(*number), "{expected}");
        }
        assert_eq!(to_yaml(&Value::Int(-42)), "-42");
    }

    #[test]
    fn non_finite_numbers_give_an_empty_result() {
        assert_eq!(to_yaml(&Value::Float(f64::NAN)), "");
        assert_eq!(to_yaml(&map(&[("a", Value::Seq(vec![Value::Float(f64::INFINITY)]))])), "");
    }

    #[test]
    fn typical_shapes() {
        let value = map(&[
            ("a", Value::Float(1.0)),
            ("b", Value::Seq(vec![string("x"), string("y")])),
            ("c", map(&[("d", Value::Bool(true))])),
        ]);
        // `y` is a boolean in YAML 1.1, so Helm quotes it.
        assert_eq!(to_yaml(&value), "a: 1\nb:\n- x\n- \"y\"\nc:\n  d: true");
        assert_eq!(to_yaml(&Value::Null), "null");
        assert_eq!(to_yaml(&Value::Map(Map::new())), "{}");
        assert_eq!(to_yaml(&Value::Seq(Vec::new())), "[]");
        assert_eq!(to_yaml(&string("plain")), "plain");
    }

    #[test]
    fn nested_shapes_match_helm() {
        let src = r#"
nest:
  l:
  - - a
    - b
  - []
  - {}
  - a: 1
    b: [1, 2]
    c:
      d: "multi\nline\n"
  - - {x: 1, y: 2}
  - null
  - "\n"
  - "x\n"
  e: {}
item10: a
item9: b
Item1: c
_x: d
"-x": e
"yes": "no"
"#;
        let expected = r#"-x: e
_x: d
Item1: c
item9: b
item10: a
nest:
  e: {}
  l:
  - - a
    - b
  - []
  - {}
  - a: 1
    b:
    - 1
    - 2
    c:
      d: |
        multi
        line
  - - "true": 2
      x: 1
  - null
  - |2+

  - |
    x
"yes": "no""#;
        let value = read_back(src);
        let text = to_yaml(&value);
        assert_eq!(text, expected);
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn keys_use_go_yaml_natural_order() {
        let keys = ["item10", "item9", "Item1", "_x", "-x", "a b", "b", "1000", "31", "a09", "x-1", "x1", "x"];
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let sorted: Vec<&str> = merge_sort(keys.iter().collect()).into_iter().map(String::as_str).collect();
        let expected = ["-x", "_x", "31", "1000", "Item1", "a b", "a09", "b", "item9", "item10", "x", "x-1", "x1"];
        assert_eq!(sorted, expected);
    }
}
