//! String functions: quoting, trimming, indenting, Go-style printing.

use minijinja::value::{Rest, Value, ValueKind};
use minijinja::{Error, ErrorKind};

use crate::engine::format::{go_quote, go_sprint};
use crate::engine::trace::carry;

/// Sprig's `strval`: strings as they are, anything else as Go prints it.
fn strval(value: &Value) -> String {
    match value.as_str() {
        Some(s) => s.to_string(),
        None => go_sprint(value),
    }
}

/// Double-quotes with Go escapes; `nil` gives the empty string.
///
/// ```jinja
/// value: {{ Values.name | quote }}
/// ```
pub fn quote(value: Value) -> Value {
    if value.is_none() || value.is_undefined() {
        return Value::from("");
    }
    let quoted = match value.as_str() {
        Some(text) => go_quote(text),
        None => go_quote(&go_sprint(&value)),
    };
    carry(&value, quoted)
}

/// Single-quotes without escaping; `nil` gives the empty string.
pub fn squote(value: Value) -> Value {
    if value.is_none() || value.is_undefined() {
        return Value::from("");
    }
    carry(&value, format!("'{}'", strval(&value)))
}

/// sprig's `upper` (Go's `strings.ToUpper`): each character mapped on its own, so `ß` stays `ß` where Rust's
/// `to_uppercase` (and minijinja's `upper`) writes `SS`.
pub fn upper(value: Value) -> Value {
    carry(&value, strval(&value).chars().map(go_upper).collect())
}

/// sprig's `lower` (Go's `strings.ToLower`), each character mapped on its own.
pub fn lower(value: Value) -> Value {
    carry(&value, strval(&value).chars().map(go_lower).collect())
}

/// sprig's `title` (Go's `strings.Title`): the first letter of each word in title case, the others as they are
/// (`hELLO x_y` gives `HELLO X_y`, where minijinja's `title` gives `Hello X_Y`). A word starts after a space or
/// an ASCII character other than a letter, a digit or `_`.
pub fn title(value: Value) -> Value {
    let mut previous = ' ';
    let titled = strval(&value)
        .chars()
        .map(|c| {
            let starts_word = go_separator(previous);
            previous = c;
            if starts_word {
                go_title(c)
            } else {
                c
            }
        })
        .collect();
    carry(&value, titled)
}

/// Go's `unicode.ToUpper`: Unicode's one-character uppercase, or the character itself when there is none.
fn go_upper(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

/// Go's `unicode.ToLower` (`İ` is the one character whose lowercase is longer in Rust: Go gives `i`).
fn go_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ if c == '\u{130}' => 'i',
        _ => c,
    }
}

/// Go's `unicode.ToTitle`: the uppercase, except for the four digraphs that have a title case of their own.
fn go_title(c: char) -> char {
    match c {
        '\u{1c4}'..='\u{1c6}' => '\u{1c5}',
        '\u{1c7}'..='\u{1c9}' => '\u{1c8}',
        '\u{1ca}'..='\u{1cc}' => '\u{1cb}',
        '\u{1f1}'..='\u{1f3}' => '\u{1f2}',
        _ => go_upper(c),
    }
}

/// Whether `strings.Title` starts a word after `c`: ASCII other than letters, digits and `_`, and spaces.
fn go_separator(c: char) -> bool {
    if c.is_ascii() {
        !(c.is_ascii_alphanumeric() || c == '_')
    } else {
        c.is_whitespace()
    }
}

/// Keeps the first `n` bytes (a negative `n` keeps the last `-n`), never splitting a character.
///
/// ```jinja
/// name: {{ name | trunc(63) }}
/// ```
pub fn trunc(value: Value, n: i64) -> Value {
    let cut = truncated(strval(&value), n);
    carry(&value, cut)
}

fn truncated(s: String, n: i64) -> String {
    if n >= 0 {
        let n = n as usize;
        if s.len() <= n {
            return s;
        }
        let mut end = n;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_string()
    } else {
        let keep = n.unsigned_abs() as usize;
        if s.len() <= keep {
            return s;
        }
        let mut start = s.len() - keep;
        while !s.is_char_boundary(start) {
            start += 1;
        }
        s[start..].to_string()
    }
}

/// Removes `suffix` once from the end.
pub fn trim_suffix(value: Value, suffix: &str) -> Value {
    let s = strval(&value);
    let trimmed = s.strip_suffix(suffix).map(str::to_string).unwrap_or(s);
    carry(&value, trimmed)
}

/// Removes `prefix` once from the start.
pub fn trim_prefix(value: Value, prefix: &str) -> Value {
    let s = strval(&value);
    let trimmed = s.strip_prefix(prefix).map(str::to_string).unwrap_or(s);
    carry(&value, trimmed)
}

/// Helm's `indent`: every line, the first included, gets `n` spaces.
///
/// ```jinja
/// {{ Values.podAnnotations | toYaml | indent(8) }}
/// ```
pub fn indent(value: Value, n: usize) -> String {
    let mut out = String::new();
    write_indented(&mut out, &value, n);
    out
}

/// Writes `value`'s text to `out` with `n` spaces before each line.
fn write_indented(out: &mut String, value: &Value, n: usize) {
    let printed;
    let text = match value.as_str() {
        Some(text) => text,
        None => {
            printed = go_sprint(value);
            &printed
        }
    };
    out.reserve(text.len() + n * (1 + text.bytes().filter(|&b| b == b'\n').count()));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n(' ', n));
        out.push_str(line);
    }
}

/// Helm's `nindent`: a newline, then `indent(n)`.
pub fn nindent(value: Value, n: usize) -> String {
    let mut out = String::from("\n");
    write_indented(&mut out, &value, n);
    out
}

/// Go's `fmt.Sprint` of the value (`1e+06`, `map[a:b]`, `<nil>` for nothing).
pub fn to_string(value: Value) -> Value {
    if value.is_none() || value.is_undefined() {
        return Value::from("<nil>");
    }
    if value.as_str().is_some() {
        return value;
    }
    carry(&value, strval(&value))
}

/// Go's name for the type of a template value (`None` for nil); lists and maps are not named, as `%s` prints
/// them element by element.
fn go_type(value: &Value) -> Option<&'static str> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => None,
        ValueKind::Bool => Some("bool"),
        ValueKind::Number if value.is_integer() => Some("int64"),
        ValueKind::Number => Some("float64"),
        ValueKind::String => Some("string"),
        ValueKind::Map => Some("map"),
        _ => Some("list"),
    }
}

/// Sprig's `typeOf`: Go's `%T` of a value as Helm holds it (`map[string]interface {}`, `[]interface {}`, `<nil>`).
///
/// ```jinja
/// {{ fail(printf("%s must be a map, got %s", "service", typeOf(Values.service))) }}
/// ```
pub fn type_of(value: &Value) -> &'static str {
    match go_type(value) {
        None => "<nil>",
        Some("map") => "map[string]interface {}",
        Some("list") => "[]interface {}",
        Some(name) => name,
    }
}

/// Go's `printf` for the verbs the charts use: `%s`, `%v`, `%d`, `%q`, `%%`.
///
/// ```jinja
/// {{ fail(printf("File mode octal expects exactly 3 digits: %s", mode)) }}
/// ```
pub fn printf(format: &str, args: Rest<Value>) -> Result<String, Error> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let verb = chars.next().ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "printf: format ends with %"))?;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.next() else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        // Go prints a value that does not suit the verb as `%!verb(type=value)`.
        let mismatch = |verb: char| match go_type(arg) {
            None => format!("%!{verb}(<nil>)"),
            Some(type_name) => format!("%!{verb}({type_name}={})", go_sprint(arg)),
        };
        match (verb, go_type(arg)) {
            ('v', None) => out.push_str("<nil>"),
            ('v', _) | ('s', Some("string" | "list" | "map")) => out.push_str(&strval(arg)),
            ('q', Some("string")) => out.push_str(&go_quote(&strval(arg))),
            ('d', Some("int64")) => out.push_str(&arg.to_string()),
            ('s' | 'q' | 'd', _) => out.push_str(&mismatch(verb)),
            (other, _) => {
                return Err(Error::new(ErrorKind::InvalidOperation, format!("printf: unsupported verb %{other}")))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_functions_map_each_character_as_go_does() {
        // Answers of Helm's tpl for the same strings.
        let title_of = |s: &str| title(Value::from(s)).to_string();
        assert_eq!(
            title_of("hELLO wORLD foo-bar o'neil x_y 1st élan ÉLAN a.b"),
            "HELLO WORLD Foo-Bar O'Neil X_y 1st Élan ÉLAN A.B"
        );
        assert_eq!(title_of("ǆemal"), "ǅemal");
        assert_eq!(upper(Value::from("straße")).to_string(), "STRAßE");
        assert_eq!(lower(Value::from("İSTANBUL")).to_string(), "istanbul");
    }

    #[test]
    fn trunc_keeps_characters_whole() {
        assert_eq!(trunc(Value::from("héllo"), 2), Value::from("h"));
        assert_eq!(trunc(Value::from("hello"), -2), Value::from("lo"));
        assert_eq!(trunc(Value::from("hi"), 63), Value::from("hi"));
    }

    #[test]
    fn indent_pads_every_line() {
        assert_eq!(indent(Value::from("a\nb"), 2), "  a\n  b");
        assert_eq!(nindent(Value::from("a"), 4), "\n    a");
    }

    #[test]
    fn type_of_names_types_as_go_does() {
        let names: Vec<&str> = [Value::from(()), Value::from(true), Value::from(1), Value::from(1.5), Value::from("s")]
            .iter()
            .chain(&[Value::from(vec![1]), Value::from_iter([("k", 1)])])
            .map(type_of)
            .collect();
        assert_eq!(names, ["<nil>", "bool", "int64", "float64", "string", "[]interface {}", "map[string]interface {}"]);
    }

    #[test]
    fn printf_formats_like_go() {
        let args = Rest(vec![Value::from(0), Value::from("n"), Value::from(1.5)]);
        assert_eq!(printf("Digit %d of %s is %v%%", args).ok().as_deref(), Some("Digit 0 of n is 1.5%"));
        let args = Rest(vec![Value::from(44.0), Value::from(true), Value::from(()), Value::from(2.5)]);
        assert_eq!(
            printf("%s %q %d %d", args).ok().as_deref(),
            Some("%!s(float64=44) %!q(bool=true) %!d(<nil>) %!d(float64=2.5)")
        );
    }

    #[test]
    fn quote_of_nil_is_empty() {
        assert_eq!(quote(Value::from(())), Value::from(""));
        assert_eq!(quote(Value::from(1000000.0)), Value::from("\"1e+06\""));
    }
}
