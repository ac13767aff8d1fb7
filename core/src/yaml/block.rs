//! A fast reader for the plain block YAML that templates produce, with a way out for everything else.
//!
//! Rendered manifests are parsed back on every keystroke (to check them and to find their kind and name), and a
//! general YAML parser is the slowest step of a render. Almost every manifest uses a small part of YAML: block
//! mappings and sequences, plain and single-line quoted scalars, literal block scalars, comments. [`read`] reads
//! exactly that part, several times faster, and returns `None` the moment it meets anything else (flow
//! collections, anchors, tags, folded or multi-line scalars, tabs, odd indentation, anything invalid), so the
//! caller can fall back to the full reader ([`super::read`]). The rule that keeps it safe: when it returns a value,
//! the full reader returns the same value; a fuzz target (`fuzz/fuzz_targets/block_subset.rs`) and the tests below
//! check that.

use std::borrow::Cow;

use super::scalar::{json_key, reads_as_written, resolve_plain, Scalar};
use super::MAX_DEPTH;
use crate::values::{Map, Value};

/// Reads `src` when it is plain block YAML; `None` means "use the full reader". The flag says whether the text
/// holds something the values policy looks at more closely: a duplicate key, or a plain scalar that does not reach
/// templates as written (`NO`, `0644`, see [`super::scalar::reads_as_written`]).
pub fn read(src: &str) -> Option<(Value, bool)> {
    read_keeping(src, Keep::All)
}

/// Like [`read`], accepting and declining exactly the same texts, but building only the head of a manifest: of a
/// mapping at the root, `apiVersion`, `kind` and `metadata`, of which only `name` when it is a mapping (the rest
/// is checked, not built); of a sequence at the root, nothing. Assembling a render needs no more of each document,
/// and building values costs more than checking the text.
pub fn read_head(src: &str) -> Option<Value> {
    read_keeping(src, Keep::Head).map(|(value, _)| value)
}

/// What a read builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    All,
    Head,
}

/// The keys of a manifest's head, which [`read_head`] builds (of `metadata`, only [`HEAD_METADATA_KEY`]).
const HEAD_KEYS: [&str; 3] = ["apiVersion", "kind", "metadata"];
const HEAD_METADATA_KEY: &str = "name";

fn read_keeping(src: &str, keep: Keep) -> Option<(Value, bool)> {
    // Tabs, carriage returns, byte-order marks and characters YAML does not allow (NUL and other controls,
    // line separators) have rules of their own; anchors, aliases and tags (`&`, `*`, `!`) can only start a
    // node, where the checks below refuse them.
    // (Byte by byte, in blocks without an early exit, which the compiler vectorizes: manifests are mostly ASCII,
    // and only the non-ASCII ones need decoding.)
    let refused = |b: u8| (b < b' ' && b != b'\n') || b == 0x7f;
    if src.as_bytes().chunks(64).any(|block| block.iter().fold(false, |found, &b| found | refused(b)))
        || (!src.is_ascii()
            && src.chars().any(|c| {
                matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
            }))
    {
        return None;
    }
    // A last line of spaces without a line break: readers disagree on it inside block scalars.
    let last = src.rsplit('\n').next().unwrap_or_default();
    if !last.is_empty() && last.trim_start_matches(' ').is_empty() {
        return None;
    }
    // Split by a plain byte loop: lines are short, where a searcher costs more to set up than to run.
    let mut lines = Vec::with_capacity(src.len() / 16 + 1);
    let mut start = 0;
    for (at, _) in src.bytes().enumerate().filter(|&(_, b)| b == b'\n') {
        lines.push(Line::new(&src[start..at]));
        start = at + 1;
    }
    lines.push(Line::new(&src[start..]));
    // Document markers (`---`, `...`) at the start of a line, whatever follows them.
    if lines.iter().any(|line| line.indent == 0 && (line.text.starts_with("---") || line.text.starts_with("..."))) {
        return None;
    }
    let mut reader = Reader { lines, pos: 0, depth: 0, notable: false, keep, building: true, in_metadata: false };
    reader.skip_blank();
    if reader.pos >= reader.lines.len() {
        return Some((Value::Null, false));
    }
    let indent = reader.lines[reader.pos].indent;
    let value = reader.node(indent)?;
    reader.skip_blank();
    (reader.pos >= reader.lines.len()).then_some((value, reader.notable))
}

/// One source line: its indentation and the text after it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Self {
        let indent = raw.bytes().take_while(|&b| b == b' ').count();
        Line { indent, text: &raw[indent..] }
    }

    /// Blank or comment-only (outside block scalars).
    fn is_blank(&self) -> bool {
        self.text.is_empty() || self.text.starts_with('#')
    }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    depth: usize,
    /// Whether a duplicate key or a scalar that does not read as written was seen.
    notable: bool,
    keep: Keep,
    /// Whether the node being read is built; when not, it is only checked (and read as null).
    building: bool,
    /// Whether the node being read is the value of a head's `metadata`.
    in_metadata: bool,
}

impl<'a> Reader<'a> {
    fn skip_blank(&mut self) {
        while self.pos < self.lines.len() && self.lines[self.pos].is_blank() {
            self.pos += 1;
        }
    }

    /// The next non-blank line, without consuming it.
    fn peek(&mut self) -> Option<Line<'a>> {
        self.skip_blank();
        self.lines.get(self.pos).copied()
    }

    /// A block node (mapping or sequence) starting at the current line, at `indent`.
    fn node(&mut self, indent: usize) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = if is_item(self.peek()?.text) { self.sequence(indent) } else { self.mapping(indent, None) };
        self.depth -= 1;
        value
    }

    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        let building = self.building;
        // A head has no items.
        self.building = building && !(self.keep == Keep::Head && self.depth == 1);
        let read = self.sequence_items(indent, &mut items);
        self.building = building;
        read?;
        Some(if building { Value::Seq(items) } else { Value::Null })
    }

    fn sequence_items(&mut self, indent: usize, items: &mut Vec<Value>) -> Option<()> {
        loop {
            let text = match self.peek() {
                Some(line) if line.indent == indent && is_item(line.text) => line.text,
                _ => break,
            };
            self.pos += 1;
            let rest = text[1..].trim_start_matches(' ');
            // The item's own content starts after `- `; a compact mapping's keys line up there.
            let item_indent = indent + (text.len() - rest.len());
            let item = if rest.is_empty() || rest.starts_with('#') {
                self.nested(indent, true)?
            } else if is_item(rest) {
                return None;
            } else if split_entry(rest).is_some() {
                // A compact mapping: its first entry is on the item's line.
                self.pos -= 1;
                self.compact_mapping(item_indent, rest)?
            } else {
                self.inline_value(rest, indent)?
            };
            if self.building {
                items.push(item);
            }
        }
        Some(())
    }

    /// A mapping whose first entry is `rest` on the current line (a compact mapping in a sequence item).
    fn compact_mapping(&mut self, indent: usize, rest: &'a str) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = self.mapping(indent, Some(rest));
        self.depth -= 1;
        value
    }

    fn mapping(&mut self, indent: usize, mut first: Option<&'a str>) -> Option<Value> {
        let mut map = Map::new();
        let building = self.building;
        let head = building && self.keep == Keep::Head && self.depth == 1;
        let head_metadata = building && self.in_metadata && self.depth == 2;
        loop {
            let text = match first.take() {
                Some(text) => text,
                None => match self.peek() {
                    Some(line) if line.indent == indent => line.text,
                    _ => break,
                },
            };
            self.pos += 1;
            let (key, rest, as_written) = split_entry(text)?;
            self.building =
                building && (!head || HEAD_KEYS.contains(&&*key)) && (!head_metadata || key == HEAD_METADATA_KEY);
            self.in_metadata = head && key == "metadata";
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.nested(indent, false)
            } else {
                self.inline_value(rest, indent)
            };
            self.in_metadata = false;
            let value = value?;
            if self.building {
                self.notable |= !as_written;
                self.notable |= map.insert(key.into_owned(), value).is_some();
            }
            self.building = building;
        }
        Some(if building { Value::Map(map) } else { Value::Null })
    }

    /// The value of a key (or item) written on the following lines: a more indented node, or for a mapping key a
    /// sequence at the same indentation, or nothing (null).
    fn nested(&mut self, parent_indent: usize, in_sequence: bool) -> Option<Value> {
        match self.peek() {
            // `toYaml` of an empty map or list, indented on its own line.
            Some(line) if line.indent > parent_indent && matches!(strip_comment(line.text), "{}" | "[]") => {
                self.pos += 1;
                let empty =
                    if strip_comment(line.text) == "{}" { Value::Map(Map::new()) } else { Value::Seq(Vec::new()) };
                self.no_continuation(parent_indent, empty)
            }
            Some(line) if line.indent > parent_indent => self.node(line.indent),
            Some(line) if !in_sequence && line.indent == parent_indent && is_item(line.text) => self.node(line.indent),
            _ => Some(Value::Null),
        }
    }

    /// A value written on the same line after `key: ` or `- `.
    fn inline_value(&mut self, text: &'a str, parent_indent: usize) -> Option<Value> {
        let value = match text.as_bytes()[0] {
            b'"' => {
                let (value, rest) = double_quoted(text)?;
                ends_cleanly(rest).then_some(Value::String(value))?
            }
            b'\'' => {
                let (value, rest) = single_quoted(text)?;
                ends_cleanly(rest).then_some(Value::String(value))?
            }
            b'|' => return self.literal(text, parent_indent),
            b'{' | b'[' => match strip_comment(text) {
                "{}" => Value::Map(Map::new()),
                "[]" => Value::Seq(Vec::new()),
                _ => return None,
            },
            b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b',' | b']' | b'}' | b'#' => return None,
            b'-' if text.len() == 1 || text.as_bytes()[1] == b' ' => return None,
            _ if !self.building => {
                plain_scalar(strip_comment(text))?;
                Value::Null
            }
            _ => {
                let (value, as_written) = plain_value(strip_comment(text))?;
                self.notable |= !as_written;
                value
            }
        };
        self.no_continuation(parent_indent, value)
    }

    /// `value`, unless more indented lines follow it (a multi-line scalar or an error: the full reader decides).
    fn no_continuation(&mut self, parent_indent: usize, value: Value) -> Option<Value> {
        match self.peek() {
            Some(line) if line.indent > parent_indent => None,
            _ => Some(value),
        }
    }

    /// A literal block scalar (`|`, `|-`, `|+`, with an optional indentation digit).
    fn literal(&mut self, header: &'a str, parent_indent: usize) -> Option<Value> {
        let header = strip_comment(header);
        // Keep-chomping (`|+`) has end-of-document subtleties; leave it to the full reader.
        if header.contains('+') {
            return None;
        }
        let mut chomp = ' ';
        let mut explicit = None;
        for c in header[1..].chars() {
            match c {
                '-' if chomp == ' ' => chomp = c,
                '1'..='9' if explicit.is_none() => explicit = Some(c as usize - '0' as usize),
                _ => return None,
            }
        }
        // Content: every following line that is empty, whitespace only, or indented at least `block_indent`.
        let start = self.pos;
        let mut end = start;
        let mut block_indent = explicit.map(|d| parent_indent + d);
        let mut max_leading_blank = 0;
        while end < self.lines.len() {
            let line = self.lines[end];
            let raw_len = line.indent + line.text.len();
            if line.text.is_empty() {
                if block_indent.is_none() {
                    max_leading_blank = max_leading_blank.max(raw_len);
                }
                end += 1;
                continue;
            }
            match block_indent {
                None if line.indent > parent_indent => block_indent = Some(line.indent),
                None => break,
                Some(block) if line.indent >= block => {}
                Some(_) => break,
            }
            end += 1;
        }
        let block_indent = block_indent.unwrap_or(parent_indent + 1);
        if block_indent <= parent_indent || max_leading_blank > block_indent {
            return None;
        }
        // A whitespace-only line longer than the indentation is content (spaces), with chomping rules of its own.
        if self.lines[start..end].iter().any(|line| line.text.is_empty() && line.indent > block_indent) {
            return None;
        }
        // Trailing blank lines belong to the scalar only for chomping; the next node starts after them.
        let mut content_end = end;
        while content_end > start && self.lines[content_end - 1].text.is_empty() {
            content_end -= 1;
        }
        // An empty block scalar: readers differ on it (yaml-rust2 gives "\n" at the end of input).
        if content_end == start {
            return None;
        }
        if !self.building {
            self.pos = end;
            return Some(Value::Null);
        }
        let mut text = String::new();
        for line in &self.lines[start..content_end] {
            let raw_len = line.indent + line.text.len();
            if raw_len > block_indent {
                text.push_str(&" ".repeat(line.indent - block_indent));
                text.push_str(line.text);
            }
            text.push('\n');
        }
        if chomp == '-' {
            while text.ends_with('\n') {
                text.pop();
            }
        }
        self.pos = end;
        Some(Value::String(text))
    }
}

/// True when the line is a sequence item (`- …` or a lone `-`).
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Splits `key: rest` into the key (as Helm's JSON round trip makes it a string), the rest, and whether the key
/// reads as written (`yes:` is the key `true`).
/// A plain key that is a string is borrowed: most entries of a document are only checked, never built.
fn split_entry(text: &str) -> Option<(Cow<'_, str>, &str, bool)> {
    let (key, rest, as_written) = match text.as_bytes()[0] {
        b'"' => {
            let (key, rest) = double_quoted(text)?;
            (Cow::Owned(key), rest.strip_prefix(':')?, true)
        }
        b'\'' => {
            let (key, rest) = single_quoted(text)?;
            (Cow::Owned(key), rest.strip_prefix(':')?, true)
        }
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%'
        | b'@' | b'`' => return None,
        _ => {
            let colon = find_value_colon(text)?;
            let key = &text[..colon];
            if key.ends_with(' ') || comment_start(key).is_some() || key == "<<" {
                return None;
            }
            let json = plain_key(key)?;
            let as_written = json == key;
            (json, &text[colon + 1..], as_written)
        }
    };
    // YAML limits implicit keys to 1024 characters; leave long ones to the full reader.
    if !(rest.is_empty() || rest.starts_with(' ')) || text.len() - rest.len() > 1000 {
        return None;
    }
    Some((key, rest.trim_start_matches(' '), as_written))
}

/// The byte offset of the `:` that ends a plain key (`: ` or `:` at the end of the line).
fn find_value_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))
}

/// A plain key as a string: YAML 1.1 booleans, numbers and nulls become their JSON text, as sigs.k8s.io/yaml does.
fn plain_key(text: &str) -> Option<Cow<'_, str>> {
    match resolve_plain(text) {
        Scalar::Str => Some(Cow::Borrowed(text)),
        // Infinity and NaN keys have names of their own; the full reader knows them.
        Scalar::Float(f) if !f.is_finite() => None,
        scalar => json_key(&scalar, text).ok().map(Cow::Owned),
    }
}

/// A plain scalar value with go-yaml v2's resolution and whether it reads as written, or `None` for what needs
/// the full reader.
fn plain_value(text: &str) -> Option<(Value, bool)> {
    let scalar = plain_scalar(text)?;
    let as_written = reads_as_written(text, &scalar);
    let value = match scalar {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Float(i as f64),
        Scalar::Float(f) => Value::Float(f),
        Scalar::Str => Value::String(text.to_string()),
    };
    Some((value, as_written))
}

/// What a plain scalar value resolves to, or `None` for what needs the full reader (what [`plain_value`] builds
/// from).
fn plain_scalar(text: &str) -> Option<Scalar> {
    if text.is_empty() || find_value_colon(text).is_some() {
        return None;
    }
    match resolve_plain(text) {
        Scalar::Float(f) if !f.is_finite() => None,
        scalar => Some(scalar),
    }
}

/// The text before a ` #` comment, without trailing spaces.
fn strip_comment(text: &str) -> &str {
    let end = comment_start(text).unwrap_or(text.len());
    text[..end].trim_end_matches(' ')
}

/// Where ` #` first occurs in `text` (a byte scan: these are short strings, where a substring searcher costs more to
/// set up than to run).
fn comment_start(text: &str) -> Option<usize> {
    text.as_bytes().windows(2).position(|pair| pair == b" #")
}

/// After a quoted scalar: only spaces and a comment may follow on the line.
fn ends_cleanly(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    // A comment needs a space before its `#`.
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// A single-line `'…'` scalar and the text after it.
fn single_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if text[1 + i + 1..].starts_with('\'') {
                out.push('\'');
                chars.next();
                continue;
            }
            return Some((out, &text[1 + i + 1..]));
        }
        out.push(c);
    }
    None
}

/// A single-line `"…"` scalar with YAML escapes, and the text after it.
fn double_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[1 + i + 1..])),
            '\\' => {
                let (_, escape) = chars.next()?;
                let code = |n: usize, chars: &mut std::str::CharIndices<'_>| -> Option<char> {
                    let mut value = 0u32;
                    for _ in 0..n {
                        value = value * 16 + chars.next()?.1.to_digit(16)?;
                    }
                    char::from_u32(value)
                };
                out.push(match escape {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\u{b}',
                    'f' => '\u{c}',
                    'r' => '\r',
                    'e' => '\u{1b}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => code(2, &mut chars)?,
                    'u' => code(4, &mut chars)?,
                    'U' => code(8, &mut chars)?,
                    _ => return None,
                });
            }
            c if (c as u32) < 0x20 => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::read::read_any_unlocated;

    /// The subset reader either declines or agrees with the full reader; reading only the head declines the same
    /// texts and builds the same head.
    fn agrees(src: &str) -> bool {
        let head = read_head(src);
        match read(src) {
            Some((fast, _)) => {
                let full = read_any_unlocated(src, "test");
                assert_eq!(full.as_ref().ok(), Some(&fast), "subset reader disagrees on:\n{src}");
                let expected_head = match fast {
                    Value::Map(map) => {
                        let head_entry = |(key, value): (String, Value)| match (key.as_str(), value) {
                            ("metadata", Value::Map(meta)) => {
                                let name = meta.into_iter().filter(|(k, _)| k == HEAD_METADATA_KEY).collect();
                                Some((key, Value::Map(name)))
                            }
                            (_, value) => HEAD_KEYS.contains(&key.as_str()).then_some((key, value)),
                        };
                        Value::Map(map.into_iter().filter_map(head_entry).collect())
                    }
                    Value::Seq(_) => Value::Seq(Vec::new()),
                    other => other,
                };
                assert_eq!(head, Some(expected_head), "the head reader disagrees on:\n{src}");
                true
            }
            None => {
                assert_eq!(head, None, "the head reader reads what the subset reader declines:\n{src}");
                false
            }
        }
    }

    #[test]
    fn reads_typical_manifests() {
        let manifest = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    helm.sh/chart: k8s-service-0.1.0
    quoted: \"yes\"
    single: 'it''s'
spec:
  replicas: 1e+06
  template:
    spec:
      containers:
        - name: web
          image: \"nginx:1.25\"
          args:
          - --port
          - \"8080\"
          ports:
            - name: http
              containerPort: 80
              protocol: TCP
          env: []
          resources: {}
          lifecycle:
            preStop:
              exec:
                command: [] # none
      data: |
        line one
          indented
        last
      stripped: |-
        text
      empty:
      nothing: null
      octal: 0644
      on: on
";
        assert!(agrees(manifest));
    }

    #[test]
    fn declines_what_it_does_not_know() {
        for src in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: {b: 1}\n",
            "a: [1, 2]\n",
            "a: >\n  folded\n",
            "a: |+\n  kept\n\n",
            "a: plain\n  continued\n",
            "a: b: c\n",
            "a:\tb\n",
            "? complex\n: key\n",
            "a: \"open\n  quote\"\n",
            "<<: {a: 1}\n",
            "a: 1\n b: 2\n",
            "- - nested\n",
            "a: .inf\n",
            "~: null key\n",
            "a: b\0c: d\n",
            "-\n - |\n",
            "-  |- \n ioe:\n\n\n\n  ",
            "-  |\n io/nqe-  |\n io/nqe5her:\n ",
            "t8nae:\n...el8nae:\n",
        ] {
            assert!(!agrees(src), "should decline:\n{src}");
        }
        assert!(!agrees(&format!("{}: long key\n", "k".repeat(1100))));
    }

    #[test]
    fn agrees_on_tricky_scalars() {
        for src in [
            "a: yes\nb: \"yes\"\nc: y\nd: 0x1F\ne: 1_000\nf: 08\ng: 1:20\nh: 2001-12-14\ni: ~\nj: -1\nk: -x\n",
            "\"quoted key\": 1\n'single': 2\n1: one\ntrue: t\n1.5: f\n",
            "a: \"esc \\\" \\\\ \\n \\t \\u00e9 \\x41\"\n",
            "a: text # comment\nb: 'x' # c\nc: \"y\"   \n",
            "list:\n- a\n-\n- b: 1\n  c: 2\n- |\n  block\n",
            "key:\n- at same indent\nnext: 1\n",
            "a: |\n  x\n\n  y\n\n\nb: 1\n",
            "a: |2-\n    two extra\n",
            "a: |\n  no final newline",
            "",
            "# only a comment\n",
            "a: 1\na: 2\n",
        ] {
            agrees(src);
        }
    }

    #[test]
    fn agrees_on_the_parity_corpus() {
        let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parity/cases");
        let charts = std::fs::read_dir(&cases)
            .unwrap_or_else(|e| panic!("the parity corpus is missing: {}: {e}", cases.display()));
        let (mut read_fast, mut total) = (0, 0);
        for case in charts.flatten().flat_map(|chart| std::fs::read_dir(chart.path()).into_iter().flatten().flatten()) {
            let Ok(expected) = std::fs::read_to_string(case.path().join("expected.yaml")) else { continue };
            for document in expected.split("\n---").map(|d| d.strip_prefix("---").unwrap_or(d)) {
                total += 1;
                if agrees(document) {
                    read_fast += 1;
                } else if std::env::var("SHOW_DECLINED").is_ok() {
                    eprintln!("declined:\n{document}\n=====");
                }
            }
        }
        assert!(total > 100, "only {total} documents in the parity corpus at {}", cases.display());
        // Nearly every rendered manifest is plain block YAML; the subset reader must take most of them.
        assert!(read_fast * 10 >= total * 9, "subset reader took only {read_fast} of {total} documents");
    }
}
