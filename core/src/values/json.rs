//! JSON read as Go's `encoding/json` decodes it into an `any`, for `--set-json`.
//!
//! Helm's `strvals.ParseJSON` hands the text after each `key=` to a `json.Decoder` and takes the one value it
//! decodes; `--set-json '{…}'` goes through `json.Unmarshal`. What that means here:
//!
//! - every number is a float64 ([`Value::Float`]): `1` is `1.0`, `1e400` is refused (Go cannot unmarshal it into a
//!   float64), `1e-400` is `0`;
//! - a value ends where its text ends, whatever follows: the decoder reads `1` out of `1 b=2` and out of `1b=2`
//!   ([`read_value`] returns where it stopped, and strvals goes on from there); [`read_whole`] (Unmarshal) allows
//!   only whitespace after the value;
//! - `\u` escapes of a lone UTF-16 surrogate become U+FFFD instead of an error; a later duplicate key wins;
//! - errors are Go's messages (`invalid character 'x' looking for beginning of value`), with the position of the
//!   offending character.
//!
//! serde_json differs on the first three points, hence this small reader. Nesting is bounded by
//! [`crate::yaml::MAX_DEPTH`], like values files (Go's limit is 10000, deep enough to exhaust a wasm stack).

use crate::error::ErrorKind;
use crate::values::{Map, Value};
use crate::yaml::MAX_DEPTH;

/// Why JSON could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// [`ErrorKind::SetSyntax`], or [`ErrorKind::Limit`] for nesting.
    pub kind: ErrorKind,
    /// Go's message (`invalid character '}' after object key`).
    pub message: String,
    /// Index of the offending character in the text given (its length when the text ended too early).
    pub position: usize,
}

/// Reads one JSON value from `chars[start..]` like `json.Decoder.Decode`: leading whitespace is skipped, and the
/// value ends where its own text ends. Returns the value and the index just past it.
pub(crate) fn read_value(chars: &[char], start: usize) -> Result<(Value, usize), JsonError> {
    let mut reader = Reader { chars, pos: start, depth: 0, eof: "unexpected EOF" };
    reader.skip_space();
    let value = reader.value()?;
    Ok((value, reader.pos))
}

/// Reads `chars` as exactly one JSON value like `json.Unmarshal`: only whitespace may follow it.
pub(crate) fn read_whole(chars: &[char]) -> Result<Value, JsonError> {
    let mut reader = Reader { chars, pos: 0, depth: 0, eof: "unexpected end of JSON input" };
    reader.skip_space();
    let value = reader.value()?;
    reader.skip_space();
    match reader.peek() {
        None => Ok(value),
        Some(c) => Err(reader.error(format!("invalid character {} after top-level value", quote(c)))),
    }
}

struct Reader<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
    /// What running out of text is called: the decoder's `io.ErrUnexpectedEOF` or Unmarshal's message.
    eof: &'static str,
}

type Read<T> = Result<T, JsonError>;

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn error(&self, message: String) -> JsonError {
        JsonError { kind: ErrorKind::SetSyntax, message, position: self.pos }
    }

    /// The error for the character at the current position, or for the end of the text.
    fn unexpected(&self, context: &str) -> JsonError {
        match self.peek() {
            Some(c) => self.error(format!("invalid character {} {context}", quote(c))),
            None => self.error(self.eof.to_string()),
        }
    }

    /// JSON's whitespace: space, tab, newline, carriage return.
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Read<Value> {
        match self.peek() {
            Some('{') => self.nested(Reader::object),
            Some('[') => self.nested(Reader::array),
            Some('"') => self.string().map(Value::String),
            Some('-' | '0'..='9') => self.number(),
            Some('t') => self.literal("true", Value::Bool(true)),
            Some('f') => self.literal("false", Value::Bool(false)),
            Some('n') => self.literal("null", Value::Null),
            _ => Err(self.unexpected("looking for beginning of value")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Read<Value>) -> Read<Value> {
        if self.depth >= MAX_DEPTH {
            let mut error = self.error(format!("JSON nesting deeper than {MAX_DEPTH} levels"));
            error.kind = ErrorKind::Limit;
            return Err(error);
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Read<Value> {
        self.pos += 1; // `{`
        let mut map = Map::new();
        self.skip_space();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(Value::Map(map));
        }
        loop {
            if self.peek() != Some('"') {
                return Err(self.unexpected("looking for beginning of object key string"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(':') {
                return Err(self.unexpected("after object key"));
            }
            self.pos += 1;
            self.skip_space();
            let value = self.value()?;
            map.insert(key, value);
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.pos += 1;
                    self.skip_space();
                }
                Some('}') => {
                    self.pos += 1;
                    return Ok(Value::Map(map));
                }
                _ => return Err(self.unexpected("after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Read<Value> {
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(']') {
            self.pos += 1;
            return Ok(Value::Seq(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.pos += 1;
                    self.skip_space();
                }
                Some(']') => {
                    self.pos += 1;
                    return Ok(Value::Seq(items));
                }
                _ => return Err(self.unexpected("after array element")),
            }
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Read<Value> {
        for expected in word.chars() {
            if self.peek() != Some(expected) {
                return Err(self.unexpected(&format!("in literal {word} (expecting {})", quote(expected))));
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// A number, as Go's `strconv.ParseFloat` reads it into a float64.
    fn number(&mut self) -> Read<Value> {
        let start = self.pos;
        let digits = |reader: &mut Self| {
            while matches!(reader.peek(), Some('0'..='9')) {
                reader.pos += 1;
            }
        };
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        match self.peek() {
            Some('0') => self.pos += 1,
            Some('1'..='9') => digits(self),
            _ => return Err(self.unexpected("in numeric literal")),
        }
        if self.peek() == Some('.') {
            self.pos += 1;
            if !matches!(self.peek(), Some('0'..='9')) {
                return Err(self.unexpected("after decimal point in numeric literal"));
            }
            digits(self);
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some('0'..='9')) {
                return Err(self.unexpected("in exponent of numeric literal"));
            }
            digits(self);
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(Value::Float(number)),
            _ => Err(JsonError {
                kind: ErrorKind::SetSyntax,
                message: format!("json: cannot unmarshal number {text} into Go value of type float64"),
                position: start,
            }),
        }
    }

    fn string(&mut self) -> Read<String> {
        self.pos += 1; // `"`
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error(self.eof.to_string())),
                Some('"') => {
                    self.pos += 1;
                    return Ok(text);
                }
                Some('\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            self.pos += 1;
                            text.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.unexpected("in string escape code")),
                    };
                    self.pos += 1;
                    text.push(escaped);
                }
                Some(c) if c < ' ' => return Err(self.unexpected("in string literal")),
                Some(c) => {
                    self.pos += 1;
                    text.push(c);
                }
            }
        }
    }

    /// The four hex digits after `\u`, and a second `\uXXXX` when they are the first half of a UTF-16 surrogate
    /// pair; a surrogate that is not half of a pair becomes U+FFFD, as Go's `unquote` does.
    fn unicode_escape(&mut self) -> Read<char> {
        let first = self.hex4()?;
        if !(0xD800..0xE000).contains(&first) {
            return Ok(char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        let rest = &self.chars[self.pos..];
        let low = match rest {
            ['\\', 'u', a, b, c, d, ..] => u32::from_str_radix(&[*a, *b, *c, *d].iter().collect::<String>(), 16).ok(),
            _ => None,
        };
        match low {
            Some(low) if (0xD800..0xDC00).contains(&first) && (0xDC00..0xE000).contains(&low) => {
                self.pos += 6;
                let code = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
            }
            _ => Ok(char::REPLACEMENT_CHARACTER),
        }
    }

    fn hex4(&mut self) -> Read<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) else {
                return Err(self.unexpected("in \\u hexadecimal character escape"));
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }
}

/// A character quoted as Go's JSON scanner quotes one in its messages: `'x'`, `'\''`, `'"'`, `'\n'`.
fn quote(c: char) -> String {
    match c {
        '\'' => r"'\''".to_string(),
        '"' => "'\"'".to_string(),
        c => format!("'{}'", c.escape_debug()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn value(text: &str) -> Value {
        match read_whole(&chars(text)) {
            Ok(value) => value,
            Err(error) => panic!("{text}: {error:?}"),
        }
    }

    fn error(text: &str) -> (String, usize) {
        match read_whole(&chars(text)) {
            Ok(value) => panic!("{text}: expected an error, got {value:?}"),
            Err(error) => (error.message, error.position),
        }
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    #[test]
    fn json_numbers_are_float64() {
        assert_eq!(value("1"), Value::Float(1.0));
        assert_eq!(value("-0.5e1"), Value::Float(-5.0));
        assert_eq!(value("9007199254740993"), Value::Float(9007199254740992.0));
        assert_eq!(value("1e-400"), Value::Float(0.0));
        assert_eq!(error("1e400").0, "json: cannot unmarshal number 1e400 into Go value of type float64");
    }

    #[test]
    fn json_objects_arrays_and_literals() {
        assert_eq!(
            value(r#" {"a": [1, "x", true, null], "b": {}, "a": false} "#),
            map(&[("a", Value::Bool(false)), ("b", map(&[]))])
        );
        assert_eq!(value("[]"), Value::Seq(vec![]));
    }

    #[test]
    fn json_string_escapes_like_go() {
        assert_eq!(value(r#""a\"\\\/\b\f\n\r\t\u00e9""#), Value::String("a\"\\/\u{8}\u{c}\n\r\té".into()));
        assert_eq!(value(r#""\ud83d\ude00""#), Value::String("😀".into()));
        assert_eq!(value(r#""\ud83dx\ude00""#), Value::String("\u{fffd}x\u{fffd}".into()));
    }

    #[test]
    fn json_value_ends_where_its_text_ends() {
        let text = chars("  1b=2");
        assert_eq!(read_value(&text, 0), Ok((Value::Float(1.0), 3)));
        let text = chars(r#"a={"x":1},b"#);
        assert_eq!(read_value(&text, 2).map(|(_, end)| end), Ok(9));
    }

    #[test]
    fn json_errors_are_go_messages_at_the_offending_character() {
        assert_eq!(error(r#"{"x" 1}"#), ("invalid character '1' after object key".into(), 5));
        assert_eq!(error("{x:1}"), ("invalid character 'x' looking for beginning of object key string".into(), 1));
        assert_eq!(error("[1 2]"), ("invalid character '2' after array element".into(), 3));
        assert_eq!(error("tru"), ("unexpected end of JSON input".into(), 3));
        assert_eq!(error("trux"), ("invalid character 'x' in literal true (expecting 'e')".into(), 3));
        assert_eq!(error("1 2"), ("invalid character '2' after top-level value".into(), 2));
        assert_eq!(error("'a'"), (r"invalid character '\'' looking for beginning of value".into(), 0));
        assert_eq!(error("-x"), ("invalid character 'x' in numeric literal".into(), 1));
        assert_eq!(error("\"a\nb\""), (r"invalid character '\n' in string literal".into(), 2));
        let text = chars("[1");
        assert_eq!(read_value(&text, 0).map_err(|e| e.message), Err("unexpected EOF".into()));
    }

    #[test]
    fn json_nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(read_whole(&chars(&deep)).map_err(|e| e.kind), Err(ErrorKind::Limit));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(read_whole(&chars(&ok)).is_ok());
    }
}
