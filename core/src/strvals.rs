//! Helm's `--set`, `--set-string`, `--set-json`, `--set-file` and `--set-literal` syntax (Helm `pkg/strvals`),
//! applied to a values map one flag at a time.
//!
//! Each flag value is a comma-separated list of `key=value` pairs, parsed and written into the target map in order,
//! the way `strvals.ParseInto` / `ParseIntoString` / `ParseJSON` / `ParseIntoFile` do:
//!
//! | expression              | result                                   |
//! |-------------------------|------------------------------------------|
//! | `a=b`                   | `a: b`                                   |
//! | `a.b.c=d`               | `a: {b: {c: d}}`                         |
//! | `a=1,b=2`               | `a: 1`, `b: 2`                           |
//! | `a[0]=x,a[1]=y`         | `a: [x, y]`                              |
//! | `a[2]=x`                | `a: [null, null, x]` (gaps become null)  |
//! | `a[0].b=c`              | `a: [{b: c}]`                            |
//! | `a[0][1]=x`             | `a: [[null, x]]`                         |
//! | `a={x,y,1}`             | `a: [x, y, 1]` (`a={}` gives `[""]`)     |
//! | `a=`                    | `a: ""`                                  |
//! | `a\.b=1`                | `"a.b": 1`                               |
//! | `a=x\,y`, `a=p\\q`      | `a: "x,y"`, `a: 'p\q'`                   |
//! | `a=b=c`                 | `a: "b=c"`                               |
//!
//! A backslash takes the next character literally, in keys, indexes and values. With `--set`, a value is typed as
//! Helm's `typedVal` does: `true`/`false` in any case become booleans, `null` becomes null (which later deletes the
//! chart default), `0` and integers not starting with `0` become [`Value::Int`]; everything else (`1.5`, `0123`,
//! `1e3`) stays a string. `--set-string` keeps every value a string.
//!
//! `--set-json` has the same keys, but each value is one JSON value, read as Go's JSON decoder reads it
//! ([`crate::values::json`]): numbers are float64s, and the value ends where its JSON ends, so commas inside it
//! need no escaping. An empty value is null. An expression that is a JSON object as a whole merges like a values
//! file (Helm's `MergeMaps`):
//!
//! | `--set-json`             | result                                  |
//! |--------------------------|-----------------------------------------|
//! | `a={"x":1,"y":[true]}`   | `a: {x: 1.0, y: [true]}`                |
//! | `a=[1,2],b="s"`          | `a: [1.0, 2.0]`, `b: s`                 |
//! | `a[1]={"x":null}`        | `a: [null, {x: null}]`                  |
//! | `a=`                     | `a: null`                               |
//! | `{"a":{"b":1}}`          | `a: {b: 1.0}`, merged into `a`          |
//!
//! `--set-file` has `--set`'s syntax, but each value (each item of a `{…}` list too) is a path, and the value set
//! is that file's text, a string. The core reads no files: [`file_paths`] lists the paths an expression names, the
//! shell reads them, and [`apply`] takes their text from [`SetKind::File`].
//!
//! `--set-literal` sets one key to the rest of the expression, as a string, exactly as written: no `,` separates
//! pairs, no `{…}` list, no `\` escape (`a.b=x,y\z` gives `a: {b: 'x,y\z'}`); keys nest with `.` and `[i]` as above.
//!
//! The target map is the user's values so far (values files, earlier flags): writing through a key that holds a
//! non-map, or indexing a key that holds a non-list, fails as it does in Helm. List indexes above 65536 and key
//! paths with more than 30 dots are refused (Helm's `MaxIndex` and `MaxNestedNameLevel`).
//!
//! Helm quietly accepts some truncated input, and so does this module: `a[`, `a.` and `.a=1` change nothing, and
//! `a[0]` or `a[0].` leave `a` as an empty list when it was absent.

use std::collections::BTreeMap;

use crate::error::{Error, ErrorKind, Result};
use crate::values::json;
use crate::values::merge;
use crate::values::source::SetKind;
use crate::values::{Map, Value};

/// Helm's `MaxIndex`: the largest list index `--set` accepts.
const MAX_INDEX: i64 = 65536;

/// Helm's `MaxNestedNameLevel`: how many `.`-separated levels a key may have.
const MAX_NESTED_NAME_LEVEL: usize = 30;

/// How deep keys and list indexes may nest in total. Helm bounds only the dots after plain keys; chains such as
/// `a[0].b[0].c…` or `a[0][0][0]…` recurse without limit there, and would exhaust the stack here (a wasm stack is
/// 1 MiB by default). 128 leaves ample room over Helm's 30 key levels.
const MAX_DEPTH: usize = 128;

/// Applies one expression of a flag of `kind` to `target`.
///
/// Errors are [`ErrorKind::SetSyntax`] for malformed input (bad JSON included, with the position of the offending
/// character), [`ErrorKind::Limit`] for indexes or nesting beyond Helm's limits and [`ErrorKind::Values`] when the
/// expression writes through a value of the wrong type. The message names the flag and quotes the whole
/// expression; the caller attaches the location. On error, `target` may be partly updated.
pub fn apply(expr: &str, target: &mut Map, kind: &SetKind) -> Result<()> {
    let reader = match kind {
        SetKind::Set => Reader::Typed,
        SetKind::String => Reader::Strings,
        SetKind::Json => Reader::Json,
        SetKind::File(contents) => Reader::Files(contents),
        SetKind::Literal => Reader::Literal,
    };
    let flag = reader.flag();
    let fail = |kind, message: String| Error::new(kind, format!("{flag} \"{expr}\": {message}"));
    let chars: Vec<char> = expr.chars().collect();
    if matches!(reader, Reader::Json) && expr.trim_start().starts_with('{') {
        // Helm's MergeValues: a whole JSON object merges like a values file (`json.Unmarshal`, then `MergeMaps`).
        let skipped = chars.iter().take_while(|c| c.is_whitespace()).count();
        let trimmed = expr.trim().chars().collect::<Vec<char>>();
        return match json::read_whole(&trimmed) {
            Ok(value) => {
                // A JSON text that starts with `{` and reads is an object.
                if let Value::Map(map) = value {
                    merge::merge_files(target, map);
                }
                Ok(())
            }
            Err(error) => Err(fail(error.kind, json_message(&error, skipped))),
        };
    }
    let mut parser = Parser { chars, pos: 0, reader, depth: 0 };
    loop {
        match parser.key(target, 0) {
            Ok(()) => continue,
            Err(Stop::End) => return Ok(()),
            Err(Stop::Fail(kind, message)) => return Err(fail(kind, message)),
        }
    }
}

/// The paths a `--set-file` expression names, in the order Helm reads them: what the shell must read and give
/// back in [`SetKind::File`]. A malformed expression lists the paths before the problem ([`apply`] reports it).
pub fn file_paths(expr: &str) -> Vec<String> {
    let mut parser = Parser { chars: expr.chars().collect(), pos: 0, reader: Reader::Paths(Vec::new()), depth: 0 };
    let mut scratch = Map::new();
    while let Ok(()) = parser.key(&mut scratch, 0) {}
    match parser.reader {
        Reader::Paths(paths) => paths,
        _ => Vec::new(),
    }
}

/// How a value after `=` becomes a [`Value`]: Helm's `RunesValueReader` of each flag, and its JSON mode.
enum Reader<'a> {
    /// `--set`: [`typed_value`].
    Typed,
    /// `--set-string`: the text.
    Strings,
    /// `--set-json`: one JSON value, read in place of the `{…}` list syntax.
    Json,
    /// `--set-file`: the text of the file at that path.
    Files(&'a BTreeMap<String, String>),
    /// `--set-file`, before the files are read: records each path.
    Paths(Vec<String>),
    /// `--set-literal`: the rest of the expression, unescaped (Helm's `literalParser`).
    Literal,
}

impl Reader<'_> {
    fn flag(&self) -> &'static str {
        match self {
            Reader::Typed => "--set",
            Reader::Strings => "--set-string",
            Reader::Json => "--set-json",
            Reader::Files(_) | Reader::Paths(_) => "--set-file",
            Reader::Literal => "--set-literal",
        }
    }
}

/// A JSON error as a message with its 1-based character position in the expression, `offset` being where the
/// JSON text given to the reader starts.
fn json_message(error: &json::JsonError, offset: usize) -> String {
    format!("invalid JSON at character {}: {}", offset + error.position + 1, error.message)
}

/// Why parsing stopped early.
///
/// `End` stands for Helm's `io.EOF`, which its parser passes up (sometimes wrapped) and treats as a normal end of
/// input, even in the middle of a key.
#[derive(Debug)]
enum Stop {
    End,
    Fail(ErrorKind, String),
}

type Step<T> = std::result::Result<T, Stop>;

fn fail<T>(kind: ErrorKind, message: impl Into<String>) -> Step<T> {
    Err(Stop::Fail(kind, message.into()))
}

/// How reading a `{…}` list value ended when it did not produce a list.
enum ListEnd {
    /// Nothing follows the `=`.
    End,
    /// The value does not start with `{`.
    NotList,
    Fail(ErrorKind, String),
}

/// A reader's failure inside a `{…}` list (a `--set-file` path without contents).
impl From<Stop> for ListEnd {
    fn from(stop: Stop) -> ListEnd {
        match stop {
            Stop::End => ListEnd::End,
            Stop::Fail(kind, message) => ListEnd::Fail(kind, message),
        }
    }
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    reader: Reader<'a>,
    depth: usize,
}

impl Parser<'_> {
    fn next_char(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// Reads up to one of `stop` (consumed and returned; `None` at end of input), resolving `\` escapes except in
    /// `--set-literal`.
    fn until(&mut self, stop: &[char]) -> (String, Option<char>) {
        let escapes = !matches!(self.reader, Reader::Literal);
        let mut text = String::new();
        loop {
            match self.next_char() {
                None => return (text, None),
                Some(c) if stop.contains(&c) => return (text, Some(c)),
                Some('\\') if escapes => match self.next_char() {
                    None => return (text, None),
                    Some(escaped) => text.push(escaped),
                },
                Some(c) => text.push(c),
            }
        }
    }

    fn enter(&mut self) -> Step<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(
                ErrorKind::Limit,
                format!("value nesting is deeper than the maximum supported depth of {MAX_DEPTH}"),
            );
        }
        Ok(())
    }

    /// Parses one key (and what follows it) into `data`; Helm's `parser.key`.
    fn key(&mut self, data: &mut Map, nested_name_level: usize) -> Step<()> {
        self.enter()?;
        let result = self.key_inner(data, nested_name_level);
        self.depth -= 1;
        result
    }

    fn key_inner(&mut self, data: &mut Map, nested_name_level: usize) -> Step<()> {
        let stops: &[char] =
            if matches!(self.reader, Reader::Literal) { &['=', '[', '.'] } else { &['=', '[', ',', '.'] };
        let (key, last) = self.until(stops);
        match last {
            None if key.is_empty() => Err(Stop::End),
            None => fail(ErrorKind::SetSyntax, format!("key {key:?} has no value")),
            Some('[') => {
                let index = self.key_index()?;
                let mut list = match data.get_mut(&key) {
                    None => Vec::new(),
                    // An empty key is never written back (Helm's `set` skips it), so work on a copy.
                    Some(Value::Seq(list)) if key.is_empty() => list.clone(),
                    Some(Value::Seq(list)) => std::mem::take(list),
                    Some(other) => return fail(ErrorKind::Values, not_a(&key, other, "list")),
                };
                let result = self.list_item(&mut list, index, nested_name_level);
                set(data, key, Value::Seq(list));
                result
            }
            Some('=') if matches!(self.reader, Reader::Json) => {
                let value = self.json_value()?;
                set(data, key, value);
                Ok(())
            }
            Some('=') if matches!(self.reader, Reader::Literal) => {
                set(data, key, Value::String(self.rest()));
                Ok(())
            }
            Some('=') => match self.value_list() {
                Ok(items) => {
                    set(data, key, Value::Seq(items));
                    Ok(())
                }
                Err(ListEnd::End) => {
                    set(data, key, Value::String(String::new()));
                    Err(Stop::End)
                }
                Err(ListEnd::NotList) => {
                    let value = self.value()?;
                    set(data, key, value);
                    Ok(())
                }
                Err(ListEnd::Fail(kind, message)) => fail(kind, message),
            },
            Some(',') => {
                set(data, key.clone(), Value::String(String::new()));
                fail(ErrorKind::SetSyntax, format!("key {key:?} has no value (cannot end with ,)"))
            }
            _ => {
                // `.`: descend into (or create) the map under `key`.
                let nested_name_level = nested_name_level + 1;
                if nested_name_level > MAX_NESTED_NAME_LEVEL {
                    return fail(
                        ErrorKind::Limit,
                        format!(
                            "value name nested level is greater than maximum supported nested level of \
                             {MAX_NESTED_NAME_LEVEL}"
                        ),
                    );
                }
                match data.get_mut(&key) {
                    Some(Value::Map(inner)) => {
                        let result = self.key(inner, nested_name_level);
                        if result.is_ok() && inner.is_empty() {
                            return fail(ErrorKind::SetSyntax, format!("key map {key:?} has no value"));
                        }
                        result
                    }
                    Some(other) => fail(ErrorKind::Values, not_a(&key, other, "mapping")),
                    None => {
                        let mut inner = Map::new();
                        let result = self.key(&mut inner, nested_name_level);
                        if result.is_ok() && inner.is_empty() {
                            return fail(ErrorKind::SetSyntax, format!("key map {key:?} has no value"));
                        }
                        if !inner.is_empty() {
                            set(data, key, Value::Map(inner));
                        }
                        result
                    }
                }
            }
        }
    }

    /// Reads a list index up to `]`; Helm's `keyIndex` (Go's `strconv.Atoi`, so `+1` and `007` are accepted).
    fn key_index(&mut self) -> Step<i64> {
        let (text, last) = self.until(&[']']);
        if last.is_none() {
            return Err(Stop::End);
        }
        text.parse::<i64>().or_else(|err| {
            let reason = match err.kind() {
                std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => "value out of range",
                _ => "invalid syntax",
            };
            fail(ErrorKind::SetSyntax, format!("error parsing index: strconv.Atoi: parsing {text:?}: {reason}"))
        })
    }

    /// Parses what follows `[index]` and writes it into `list`; Helm's `listItem`.
    fn list_item(&mut self, list: &mut Vec<Value>, index: i64, nested_name_level: usize) -> Step<()> {
        self.enter()?;
        let result = self.list_item_inner(list, index, nested_name_level);
        self.depth -= 1;
        result
    }

    fn list_item_inner(&mut self, list: &mut Vec<Value>, index: i64, nested_name_level: usize) -> Step<()> {
        if index < 0 {
            return fail(ErrorKind::SetSyntax, format!("negative {index} index not allowed"));
        }
        let (rest, last) = self.until(&['[', '.', '=']);
        if !rest.is_empty() {
            return fail(
                ErrorKind::SetSyntax,
                format!("unexpected data at end of array index: {}", go_quote_runes(&rest)),
            );
        }
        // Helm writes fresh elements only once everything after the index parsed, so a bad index is reported
        // after any other error, and never allocates before it is checked.
        let existing = usize::try_from(index).ok().filter(|&i| i < list.len());
        match last {
            None => Err(Stop::End),
            Some('=') if matches!(self.reader, Reader::Json) => {
                let value = self.json_value()?;
                set_index(list, index, value)
            }
            Some('=') if matches!(self.reader, Reader::Literal) => {
                let value = Value::String(self.rest());
                set_index(list, index, value)
            }
            Some('=') => match self.value_list() {
                Ok(items) => set_index(list, index, Value::Seq(items)),
                Err(ListEnd::End) => set_index(list, index, Value::String(String::new())),
                Err(ListEnd::NotList) => {
                    let value = self.value()?;
                    set_index(list, index, value)
                }
                Err(ListEnd::Fail(kind, message)) => fail(kind, message),
            },
            Some('[') => {
                let next_index = self.key_index()?;
                match existing.map(|i| &mut list[i]) {
                    Some(Value::Seq(inner)) => self.list_item(inner, next_index, nested_name_level),
                    Some(other) if *other != Value::Null => {
                        fail(ErrorKind::Values, not_a(&format!("[{index}]"), other, "list"))
                    }
                    _ => {
                        let mut inner = Vec::new();
                        self.list_item(&mut inner, next_index, nested_name_level)?;
                        set_index(list, index, Value::Seq(inner))
                    }
                }
            }
            _ => {
                // `.`: a map inside the list; an element of another type is replaced by an empty map first.
                match existing {
                    Some(i) => {
                        if !matches!(list[i], Value::Map(_)) {
                            list[i] = Value::Map(Map::new());
                        }
                        match &mut list[i] {
                            Value::Map(inner) => self.key(inner, nested_name_level),
                            _ => Ok(()),
                        }
                    }
                    None => {
                        let mut inner = Map::new();
                        self.key(&mut inner, nested_name_level)?;
                        set_index(list, index, Value::Map(inner))
                    }
                }
            }
        }
    }

    /// Reads a `{a,b,c}` list value if one starts here; Helm's `valList`.
    fn value_list(&mut self) -> std::result::Result<Vec<Value>, ListEnd> {
        match self.chars.get(self.pos) {
            None => return Err(ListEnd::End),
            Some('{') => self.pos += 1,
            Some(_) => return Err(ListEnd::NotList),
        }
        let mut items = Vec::new();
        loop {
            let (text, last) = self.until(&[',', '}']);
            match last {
                None => return Err(ListEnd::Fail(ErrorKind::SetSyntax, "list must terminate with '}'".into())),
                Some('}') => {
                    if self.chars.get(self.pos) == Some(&',') {
                        self.pos += 1;
                    }
                    items.push(self.read(text)?);
                    return Ok(items);
                }
                _ => items.push(self.read(text)?),
            }
        }
    }

    /// The rest of the expression, as written: a `--set-literal` value.
    fn rest(&mut self) -> String {
        let rest = self.chars[self.pos..].iter().collect();
        self.pos = self.chars.len();
        rest
    }

    /// Reads a plain value up to the next unescaped `,`.
    fn value(&mut self) -> Step<Value> {
        let (text, _) = self.until(&[',']);
        self.read(text)
    }

    /// The value for the text of a value, as the flag reads it (Helm's `reader`).
    fn read(&mut self, text: String) -> Step<Value> {
        match &mut self.reader {
            Reader::Typed => Ok(typed_value(text)),
            Reader::Strings | Reader::Json | Reader::Literal => Ok(Value::String(text)),
            Reader::Files(contents) => match contents.get(&text) {
                Some(contents) => Ok(Value::String(contents.clone())),
                None => fail(ErrorKind::SetSyntax, format!("the contents of file {text:?} were not given")),
            },
            Reader::Paths(paths) => {
                paths.push(text);
                Ok(Value::String(String::new()))
            }
        }
    }

    /// Reads the JSON value after `=`, then the blanks and the one comma after it; Helm's JSON branch of `key` and
    /// `listItem`. An empty value (only blanks up to a comma or the end) is null.
    fn json_value(&mut self) -> Step<Value> {
        if self.empty_value() {
            return Ok(Value::Null);
        }
        let start = self.pos;
        let (value, end) =
            json::read_value(&self.chars, start).or_else(|error| fail(error.kind, json_message(&error, 0)))?;
        self.pos = end;
        self.empty_value();
        Ok(value)
    }

    /// Helm's `emptyVal`: skips blanks; at the end or a comma (consumed) the value is empty, otherwise the next
    /// character is left for the value.
    fn empty_value(&mut self) -> bool {
        loop {
            match self.chars.get(self.pos) {
                None => return true,
                Some(',') => {
                    self.pos += 1;
                    return true;
                }
                Some(c) if c.is_whitespace() => self.pos += 1,
                Some(_) => return false,
            }
        }
    }
}

/// Helm's `typedVal` for `--set`: booleans and `null` in any case, `0`, and integers not starting with `0`.
fn typed_value(text: String) -> Value {
    if equal_fold(&text, "true") {
        return Value::Bool(true);
    }
    if equal_fold(&text, "false") {
        return Value::Bool(false);
    }
    if equal_fold(&text, "null") {
        return Value::Null;
    }
    if text == "0" {
        return Value::Int(0);
    }
    if !text.is_empty() && !text.starts_with('0') {
        if let Ok(number) = text.parse::<i64>() {
            return Value::Int(number);
        }
    }
    Value::String(text)
}

/// Go's `strings.EqualFold` against a lowercase ASCII word: ASCII case is ignored, and `ſ` (U+017F) matches `s`
/// because Unicode folds it there.
fn equal_fold(text: &str, word: &str) -> bool {
    let mut text_chars = text.chars();
    for expected in word.chars() {
        match text_chars.next() {
            Some(c) if c.eq_ignore_ascii_case(&expected) => {}
            Some('\u{17f}') if expected == 's' => {}
            _ => return false,
        }
    }
    text_chars.next().is_none()
}

/// Helm's `set`: an empty key is never written.
fn set(data: &mut Map, key: String, value: Value) {
    if !key.is_empty() {
        data.insert(key, value);
    }
}

/// Helm's `setIndex`: writes `value` at `index`, padding the list with nulls; indexes above 65536 are refused.
fn set_index(list: &mut Vec<Value>, index: i64, value: Value) -> Step<()> {
    if index < 0 {
        return fail(ErrorKind::SetSyntax, format!("negative {index} index not allowed"));
    }
    if index > MAX_INDEX {
        return fail(
            ErrorKind::Limit,
            format!("index of {index} is greater than maximum supported index of {MAX_INDEX}"),
        );
    }
    // Both bounds were checked above, so the index fits in a usize on every target.
    let index = usize::try_from(index).unwrap_or(0);
    if list.len() <= index {
        list.resize(index + 1, Value::Null);
    }
    list[index] = value;
    Ok(())
}

/// The message for writing through a value of the wrong type (Helm panics on a type assertion there).
fn not_a(key: &str, found: &Value, expected: &str) -> String {
    format!("unable to parse key: {key:?} is {}, not a {expected}", found.kind_name())
}

/// Formats characters as Go's `%q` prints a `[]rune`: `['x' 'y']`.
fn go_quote_runes(text: &str) -> String {
    let quoted: Vec<String> = text
        .chars()
        .map(|c| {
            let escaped: String = c.escape_debug().collect();
            format!("'{}'", if c == '\'' { "\\'".to_string() } else { escaped })
        })
        .collect();
    format!("[{}]", quoted.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(expr: &str) -> Map {
        let mut map = Map::new();
        if let Err(err) = apply(expr, &mut map, &SetKind::Set) {
            panic!("{expr}: unexpected error: {err}");
        }
        map
    }

    fn parse_err(expr: &str) -> Error {
        let mut map = Map::new();
        match apply(expr, &mut map, &SetKind::Set) {
            Ok(()) => panic!("{expr}: expected an error, got {map:?}"),
            Err(err) => err,
        }
    }

    fn s(text: &str) -> Value {
        Value::String(text.to_string())
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    fn top(entries: &[(&str, Value)]) -> Map {
        entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn literal(expr: &str) -> Result<Map> {
        let mut map = Map::new();
        apply(expr, &mut map, &SetKind::Literal).map(|()| map)
    }

    #[test]
    fn set_literal_takes_the_rest_of_the_expression_as_written() {
        // Helm's literalParser: one key, the value is every character after the first `=`, a string.
        assert_eq!(literal(r"a.b=x,y\z=w").unwrap(), top(&[("a", map(&[("b", s(r"x,y\z=w"))]))]));
        assert_eq!(literal("a=true").unwrap(), top(&[("a", s("true"))]));
        assert_eq!(literal("a={x,y}").unwrap(), top(&[("a", s("{x,y}"))]));
        assert_eq!(literal("a=").unwrap(), top(&[("a", s(""))]));
        assert_eq!(literal("l[1]=x,y").unwrap(), top(&[("l", Value::Seq(vec![Value::Null, s("x,y")]))]));
        assert_eq!(literal("l[0].b=1").unwrap(), top(&[("l", Value::Seq(vec![map(&[("b", s("1"))])]))]));
        // No escapes in keys either: `\` is part of the key, and `.` still nests.
        assert_eq!(literal(r"a\.b=1").unwrap(), top(&[(r"a\", map(&[("b", s("1"))]))]));
        // A comma is part of a key, not a separator.
        assert_eq!(literal("a,b=1").unwrap(), top(&[("a,b", s("1"))]));
        // Truncated input changes nothing, as in Helm.
        for expr in ["a[", "a.", ".a=1"] {
            assert_eq!(literal(expr).unwrap(), Map::new(), "{expr}");
        }
        assert_eq!(literal("a[0]").unwrap(), top(&[("a", Value::Seq(Vec::new()))]));
    }

    #[test]
    fn set_literal_errors_name_the_flag() {
        let error = literal("a").unwrap_err();
        assert_eq!(error.to_string(), "--set-literal \"a\": key \"a\" has no value");
        let error = literal("a[x]=1").unwrap_err();
        assert!(
            error.to_string().ends_with("error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"),
            "{error}"
        );
        let mut target = top(&[("a", s("x"))]);
        let error = apply("a.b=1", &mut target, &SetKind::Literal).unwrap_err();
        assert!(error.to_string().contains("\"a\" is a string, not a mapping"), "{error}");
    }

    #[test]
    fn set_simple_pair() {
        assert_eq!(parse("a=b"), top(&[("a", s("b"))]));
    }

    #[test]
    fn set_dotted_key_builds_nested_maps() {
        assert_eq!(parse("a.b.c=d"), top(&[("a", map(&[("b", map(&[("c", s("d"))]))]))]));
    }

    #[test]
    fn set_several_pairs_separated_by_commas() {
        assert_eq!(
            parse("a=1,b=2,c.d=x"),
            top(&[("a", Value::Int(1)), ("b", Value::Int(2)), ("c", map(&[("d", s("x"))]))])
        );
    }

    #[test]
    fn set_trailing_comma_is_accepted() {
        assert_eq!(parse("a=1,"), top(&[("a", Value::Int(1))]));
    }

    #[test]
    fn set_list_indexes_fill_in_order() {
        assert_eq!(parse("a[0]=x,a[1]=y"), top(&[("a", Value::Seq(vec![s("x"), s("y")]))]));
    }

    #[test]
    fn set_index_past_end_pads_with_nulls() {
        assert_eq!(parse("a[2]=x"), top(&[("a", Value::Seq(vec![Value::Null, Value::Null, s("x")]))]));
    }

    #[test]
    fn set_index_on_existing_list_replaces_one_element() {
        let mut target = top(&[("a", Value::Seq(vec![Value::Int(1), Value::Int(2), Value::Int(3)]))]);
        apply("a[1]=x", &mut target, &SetKind::Set).unwrap();
        assert_eq!(target, top(&[("a", Value::Seq(vec![Value::Int(1), s("x"), Value::Int(3)]))]));
    }

    #[test]
    fn set_map_inside_list() {
        assert_eq!(parse("a[1].b=c,a[0]=z"), top(&[("a", Value::Seq(vec![s("z"), map(&[("b", s("c"))])]))]));
    }

    #[test]
    fn set_map_inside_list_replaces_a_scalar_element() {
        assert_eq!(parse("a[0]=1,a[0].b=2"), top(&[("a", Value::Seq(vec![map(&[("b", Value::Int(2))])]))]));
    }

    #[test]
    fn set_map_inside_existing_list_element_merges() {
        let mut target = top(&[("a", Value::Seq(vec![map(&[("x", Value::Int(1))])]))]);
        apply("a[0].y=2", &mut target, &SetKind::Set).unwrap();
        assert_eq!(target, top(&[("a", Value::Seq(vec![map(&[("x", Value::Int(1)), ("y", Value::Int(2))])]))]));
    }

    #[test]
    fn set_nested_list_index() {
        assert_eq!(parse("a[0][1]=x"), top(&[("a", Value::Seq(vec![Value::Seq(vec![Value::Null, s("x")])]))]));
    }

    #[test]
    fn set_nested_list_index_replaces_a_null_element() {
        let mut target = top(&[("a", Value::Seq(vec![Value::Null, Value::Int(1)]))]);
        apply("a[0][1]=x", &mut target, &SetKind::Set).unwrap();
        let want = Value::Seq(vec![Value::Seq(vec![Value::Null, s("x")]), Value::Int(1)]);
        assert_eq!(target, top(&[("a", want)]));
    }

    #[test]
    fn set_nested_list_index_updates_an_existing_inner_list() {
        let mut target = top(&[("a", Value::Seq(vec![Value::Seq(vec![Value::Int(1), Value::Int(2)])]))]);
        apply("a[0][0]=x", &mut target, &SetKind::Set).unwrap();
        let want = Value::Seq(vec![Value::Seq(vec![s("x"), Value::Int(2)])]);
        assert_eq!(target, top(&[("a", want)]));
    }

    #[test]
    fn set_brace_list_value() {
        assert_eq!(parse("a={x,y,1}"), top(&[("a", Value::Seq(vec![s("x"), s("y"), Value::Int(1)]))]));
    }

    #[test]
    fn set_empty_braces_give_one_empty_string() {
        assert_eq!(parse("a={}"), top(&[("a", Value::Seq(vec![s("")]))]));
    }

    #[test]
    fn set_brace_list_followed_by_next_key() {
        assert_eq!(parse("a={x},b=1"), top(&[("a", Value::Seq(vec![s("x")])), ("b", Value::Int(1))]));
        assert_eq!(parse("a={x}b=1"), top(&[("a", Value::Seq(vec![s("x")])), ("b", Value::Int(1))]));
    }

    #[test]
    fn set_brace_list_at_index() {
        assert_eq!(parse("a[0]={x,y}"), top(&[("a", Value::Seq(vec![Value::Seq(vec![s("x"), s("y")])]))]));
    }

    #[test]
    fn set_empty_value_is_empty_string() {
        assert_eq!(parse("a="), top(&[("a", s(""))]));
        assert_eq!(parse("a=,b=1"), top(&[("a", s("")), ("b", Value::Int(1))]));
        assert_eq!(parse("a[0]="), top(&[("a", Value::Seq(vec![s("")]))]));
    }

    #[test]
    fn set_escapes_in_keys_and_values() {
        assert_eq!(parse(r"a\.b=1,c=x\,y,d=p\\q"), top(&[("a.b", Value::Int(1)), ("c", s("x,y")), ("d", s(r"p\q"))]));
    }

    #[test]
    fn set_value_may_contain_equals_and_dots() {
        assert_eq!(parse("e=a=b,f=1.2.3"), top(&[("e", s("a=b")), ("f", s("1.2.3"))]));
    }

    #[test]
    fn set_escaped_brace_is_not_a_list() {
        assert_eq!(parse(r"a=\{x}"), top(&[("a", s("{x}"))]));
    }

    #[test]
    fn set_infers_types_like_helm() {
        let got =
            parse("a=1.5,b=0123,c=True,d=1e3,e=-5,f=+7,g=0,h=null,i=FALSE,j=-0,k=00,l=NuLl,m=9223372036854775808");
        let want = top(&[
            ("a", s("1.5")),
            ("b", s("0123")),
            ("c", Value::Bool(true)),
            ("d", s("1e3")),
            ("e", Value::Int(-5)),
            ("f", Value::Int(7)),
            ("g", Value::Int(0)),
            ("h", Value::Null),
            ("i", Value::Bool(false)),
            ("j", Value::Int(0)),
            ("k", s("00")),
            ("l", Value::Null),
            ("m", s("9223372036854775808")),
        ]);
        assert_eq!(got, want);
    }

    #[test]
    fn set_false_matches_long_s_like_go_equal_fold() {
        assert_eq!(parse("a=fal\u{17f}e"), top(&[("a", Value::Bool(false))]));
    }

    #[test]
    fn set_string_keeps_every_value_a_string() {
        let mut target = Map::new();
        apply("a=1,b=true,c=null,d={1,x}", &mut target, &SetKind::String).unwrap();
        assert_eq!(
            target,
            top(&[("a", s("1")), ("b", s("true")), ("c", s("null")), ("d", Value::Seq(vec![s("1"), s("x")]))])
        );
    }

    #[test]
    fn set_null_stores_null() {
        let mut target = top(&[("a", map(&[("b", Value::Int(1))]))]);
        apply("a.b=null", &mut target, &SetKind::Set).unwrap();
        assert_eq!(target, top(&[("a", map(&[("b", Value::Null)]))]));
    }

    #[test]
    fn set_merges_into_existing_map() {
        let mut target = top(&[("a", map(&[("x", Value::Int(1))]))]);
        apply("a.y=2", &mut target, &SetKind::Set).unwrap();
        assert_eq!(target, top(&[("a", map(&[("x", Value::Int(1)), ("y", Value::Int(2))]))]));
    }

    #[test]
    fn set_truncated_input_is_ignored_like_helm() {
        assert_eq!(parse("a["), Map::new());
        assert_eq!(parse("a."), Map::new());
        assert_eq!(parse(".a=1"), Map::new());
        assert_eq!(parse("[0]=1"), Map::new());
        assert_eq!(parse("a[0]"), top(&[("a", Value::Seq(vec![]))]));
        assert_eq!(parse("a[0]."), top(&[("a", Value::Seq(vec![]))]));
        assert_eq!(parse("a[0].b="), top(&[("a", Value::Seq(vec![]))]));
        assert_eq!(parse("a.b="), top(&[("a", map(&[("b", s(""))]))]));
    }

    #[test]
    fn set_key_without_value_is_refused() {
        let err = parse_err("a");
        assert_eq!(err.kind(), ErrorKind::SetSyntax);
        assert_eq!(err.message(), r#"--set "a": key "a" has no value"#);
        assert_eq!(parse_err(r"a\").message(), r#"--set "a\": key "a" has no value"#);
        assert_eq!(parse_err("a[0].b").message(), r#"--set "a[0].b": key "b" has no value"#);
    }

    #[test]
    fn set_key_ending_with_comma_is_refused() {
        assert_eq!(parse_err("a,b=1").message(), r#"--set "a,b=1": key "a" has no value (cannot end with ,)"#);
        assert_eq!(parse_err("a=1,,b=2").message(), r#"--set "a=1,,b=2": key "" has no value (cannot end with ,)"#);
    }

    #[test]
    fn set_empty_key_map_is_refused() {
        assert_eq!(parse_err("a.=1").message(), r#"--set "a.=1": key map "a" has no value"#);
    }

    #[test]
    fn set_unterminated_list_is_refused() {
        let err = parse_err("a={x,y");
        assert_eq!(err.kind(), ErrorKind::SetSyntax);
        assert_eq!(err.message(), r#"--set "a={x,y": list must terminate with '}'"#);
    }

    #[test]
    fn set_bad_index_is_refused() {
        assert_eq!(
            parse_err("a[x]=1").message(),
            r#"--set "a[x]=1": error parsing index: strconv.Atoi: parsing "x": invalid syntax"#
        );
        assert_eq!(
            parse_err("a[99999999999999999999]=1").message(),
            r#"--set "a[99999999999999999999]=1": error parsing index: strconv.Atoi: parsing "99999999999999999999": value out of range"#
        );
    }

    #[test]
    fn set_data_after_index_is_refused() {
        assert_eq!(
            parse_err("a[0]xy=1").message(),
            r#"--set "a[0]xy=1": unexpected data at end of array index: ['x' 'y']"#
        );
    }

    #[test]
    fn set_negative_index_is_refused() {
        assert_eq!(parse_err("a[-1]=1").message(), r#"--set "a[-1]=1": negative -1 index not allowed"#);
        assert_eq!(parse_err("a[0][-2]=1").message(), r#"--set "a[0][-2]=1": negative -2 index not allowed"#);
    }

    #[test]
    fn set_index_over_limit_is_refused() {
        let err = parse_err("a[99999999]=1");
        assert_eq!(err.kind(), ErrorKind::Limit);
        assert_eq!(
            err.message(),
            r#"--set "a[99999999]=1": index of 99999999 is greater than maximum supported index of 65536"#
        );
        assert_eq!(parse_err("a[0][65537]=1").kind(), ErrorKind::Limit);
        assert_eq!(parse_err("a[65537].b=1").kind(), ErrorKind::Limit);
    }

    #[test]
    fn set_index_at_limit_is_accepted() {
        let got = parse("a[65536]=1");
        match got.get("a") {
            Some(Value::Seq(list)) => assert_eq!(list.len(), 65537),
            other => panic!("expected a list, got {other:?}"),
        }
    }

    #[test]
    fn set_key_nesting_over_limit_is_refused() {
        let ok = format!("{}=1", vec!["k"; 31].join("."));
        parse(&ok);
        let too_deep = format!("{}=1", vec!["k"; 32].join("."));
        let err = parse_err(&too_deep);
        assert_eq!(err.kind(), ErrorKind::Limit);
        assert!(err
            .message()
            .ends_with("value name nested level is greater than maximum supported nested level of 30"));
    }

    #[test]
    fn set_deep_list_nesting_is_refused_without_overflowing() {
        let err = parse_err(&format!("a{}=1", "[0]".repeat(10_000)));
        assert_eq!(err.kind(), ErrorKind::Limit);
        let err = parse_err(&format!("{}=1", "a[0].".repeat(10_000)));
        assert_eq!(err.kind(), ErrorKind::Limit);
    }

    #[test]
    fn set_through_a_scalar_is_refused() {
        let err = parse_err("a=1,a.b=2");
        assert_eq!(err.kind(), ErrorKind::Values);
        assert_eq!(err.message(), r#"--set "a=1,a.b=2": unable to parse key: "a" is a number, not a mapping"#);
        let mut target = top(&[("a", Value::Null)]);
        assert!(apply("a.b=1", &mut target, &SetKind::Set).is_err());
        assert!(apply("a[0]=1", &mut target, &SetKind::Set).is_err());
        assert_eq!(parse_err("a[0]=x,a[0][0]=y").kind(), ErrorKind::Values);
    }

    #[test]
    fn set_string_errors_name_the_flag() {
        let mut target = Map::new();
        let err = apply("a", &mut target, &SetKind::String).unwrap_err();
        assert_eq!(err.message(), r#"--set-string "a": key "a" has no value"#);
    }

    fn json(expr: &str) -> Map {
        let mut map = Map::new();
        if let Err(err) = apply(expr, &mut map, &SetKind::Json) {
            panic!("{expr}: unexpected error: {err}");
        }
        map
    }

    fn json_err(expr: &str) -> String {
        let mut map = Map::new();
        match apply(expr, &mut map, &SetKind::Json) {
            Ok(()) => panic!("{expr}: expected an error, got {map:?}"),
            Err(err) => err.message().to_string(),
        }
    }

    fn f(number: f64) -> Value {
        Value::Float(number)
    }

    // Expected values below are what Helm v4.2.3's `strvals.ParseJSON` and `ParseFile` return for the same input.

    #[test]
    fn set_json_values_are_json_with_float64_numbers() {
        assert_eq!(
            json(r#"a={"x":1,"y":[true]}"#),
            top(&[("a", map(&[("x", f(1.0)), ("y", Value::Seq(vec![Value::Bool(true)]))]))])
        );
        assert_eq!(json(r#"a=[1,2],b="s""#), top(&[("a", Value::Seq(vec![f(1.0), f(2.0)])), ("b", s("s"))]));
        assert_eq!(json(r#"a="x,y",b=1.5e3"#), top(&[("a", s("x,y")), ("b", f(1500.0))]));
        assert_eq!(
            json(r#"a.b=[1,{"c":null}]"#),
            top(&[("a", map(&[("b", Value::Seq(vec![f(1.0), map(&[("c", Value::Null)])]))]))])
        );
    }

    #[test]
    fn set_json_list_index() {
        assert_eq!(
            json(r#"a[1]={"x":null}"#),
            top(&[("a", Value::Seq(vec![Value::Null, map(&[("x", Value::Null)])]))])
        );
        assert_eq!(json(r#"a[0]=1,a[2]="z""#), top(&[("a", Value::Seq(vec![f(1.0), Value::Null, s("z")]))]));
    }

    #[test]
    fn set_json_empty_value_is_null() {
        assert_eq!(json("a="), top(&[("a", Value::Null)]));
        assert_eq!(json("a=,b=1"), top(&[("a", Value::Null), ("b", f(1.0))]));
    }

    #[test]
    fn set_json_value_ends_where_its_json_ends() {
        assert_eq!(json("a= 1 ,b=2"), top(&[("a", f(1.0)), ("b", f(2.0))]));
        assert_eq!(json("a=1 b=2"), top(&[("a", f(1.0)), ("b", f(2.0))]));
        assert_eq!(json("a=1b=2"), top(&[("a", f(1.0)), ("b", f(2.0))]));
        assert_eq!(json_err("a=truex"), r#"--set-json "a=truex": key "x" has no value"#);
        assert_eq!(json_err(r#"a={"x":1}}"#), r#"--set-json "a={"x":1}}": key "}" has no value"#);
    }

    #[test]
    fn set_json_value_replaces_an_existing_map() {
        // Helm's ParseJSON walks the key's maps, then `set`s the decoded value: it does not merge into it.
        let mut target = top(&[("a", map(&[("b", map(&[("keep", Value::Int(1))]))]))]);
        apply(r#"a.b={"x":1}"#, &mut target, &SetKind::Json).unwrap();
        assert_eq!(target, top(&[("a", map(&[("b", map(&[("x", f(1.0))]))]))]));
    }

    #[test]
    fn set_json_whole_object_merges_like_a_values_file() {
        let mut target = top(&[("a", map(&[("keep", Value::Int(1)), ("b", Value::Int(2))]))]);
        apply(r#" {"a":{"b":{"c":1}},"d":null} "#, &mut target, &SetKind::Json).unwrap();
        let want = top(&[("a", map(&[("keep", Value::Int(1)), ("b", map(&[("c", f(1.0))]))])), ("d", Value::Null)]);
        assert_eq!(target, want);
    }

    #[test]
    fn set_json_bad_json_names_the_flag_and_the_character() {
        assert_eq!(
            json_err(r#"a={"x" 1}"#),
            r#"--set-json "a={"x" 1}": invalid JSON at character 8: invalid character '1' after object key"#
        );
        assert_eq!(json_err("a=tru"), r#"--set-json "a=tru": invalid JSON at character 6: unexpected EOF"#);
        assert_eq!(
            json_err("b=1,a='x'"),
            r#"--set-json "b=1,a='x'": invalid JSON at character 7: invalid character '\'' looking for beginning of value"#
        );
        assert_eq!(
            json_err("a=1e400"),
            r#"--set-json "a=1e400": invalid JSON at character 3: json: cannot unmarshal number 1e400 into Go value of type float64"#
        );
        assert_eq!(
            json_err(r#"  {"a":1} x"#),
            r#"--set-json "  {"a":1} x": invalid JSON at character 11: invalid character 'x' after top-level value"#
        );
        let mut map = Map::new();
        let err = apply(&format!("a={}", "[".repeat(1000)), &mut map, &SetKind::Json).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit);
    }

    fn files(entries: &[(&str, &str)]) -> SetKind {
        SetKind::File(entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn set_file_lists_the_paths_in_order() {
        assert_eq!(file_paths(r"a=cfg.txt,b={x.txt,y\,z.txt},c[1]=w.txt"), ["cfg.txt", "x.txt", "y,z.txt", "w.txt"]);
        assert_eq!(file_paths("a=,b=p"), ["", "p"]);
        assert_eq!(file_paths("a="), Vec::<String>::new());
        assert_eq!(file_paths("a=p,b"), ["p"]);
    }

    #[test]
    fn set_file_values_are_the_files_text() {
        let kind = files(&[("cfg.txt", "one\ntwo,three\n"), ("empty", "")]);
        let mut target = Map::new();
        apply("a=cfg.txt,b={cfg.txt,empty},c[1]=empty,d=", &mut target, &kind).unwrap();
        let text = s("one\ntwo,three\n");
        let want = top(&[
            ("a", text.clone()),
            ("b", Value::Seq(vec![text, s("")])),
            ("c", Value::Seq(vec![Value::Null, s("")])),
            ("d", s("")),
        ]);
        assert_eq!(target, want);
    }

    #[test]
    fn set_file_without_contents_names_the_path() {
        let mut target = Map::new();
        let err = apply("a=cfg.txt,b=nope.txt", &mut target, &files(&[("cfg.txt", "x")])).unwrap_err();
        assert_eq!(
            err.message(),
            r#"--set-file "a=cfg.txt,b=nope.txt": the contents of file "nope.txt" were not given"#
        );
        let err = apply("a={nope.txt}", &mut target, &files(&[])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::SetSyntax);
    }

    /// Every string of up to four characters from the `--set` alphabet parses or fails, without panicking.
    #[test]
    fn set_never_panics_on_short_inputs() {
        let alphabet: Vec<char> = "a.=,[]{}\\01-9".chars().collect();
        let mut exprs = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for c in &alphabet {
                    let mut expr = prefix.clone();
                    expr.push(*c);
                    next.push(expr);
                }
            }
            exprs.extend(next.iter().cloned());
            frontier = next;
        }
        for expr in &exprs {
            for kind in [SetKind::Set, SetKind::String, SetKind::Json] {
                let mut target = top(&[("a", Value::Seq(vec![Value::Int(1)])), ("0", Value::Int(1))]);
                let _ = apply(expr, &mut target, &kind);
            }
        }
    }

    /// Longer pseudo-random strings from the same alphabet, from a fixed seed.
    #[test]
    fn set_never_panics_on_random_inputs() {
        let alphabet: Vec<char> = "a.=,[]{}\\0123456789".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut next = || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            let len = (next() % 24) as usize;
            let expr: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let mut target = Map::new();
            let _ = apply(&expr, &mut target, &SetKind::Set);
        }
    }
}
