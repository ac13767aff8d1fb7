//! YAML highlighting, for the output (manifests, default values) and the values editor alike.
//!
//! A line-based tokenizer that knows keys, list dashes, quoted and plain scalars, flow collections on a line
//! (`{repository: nginx, tag: "1.27"}`), anchors, aliases and tags, comments and block scalars (`|`, `>`) colours
//! values files and rendered manifests correctly at a fraction of the cost of a YAML grammar in JavaScript. The
//! output shows the tokens as text nodes, never HTML, so whatever a value contains is shown as text; the editor
//! gets them as [`spans`] and marks its own text with the same classes.
//!
//! Scalars are typed by core's [`chartplay_core::yaml::scalar`], the rule Helm's reader follows: `yes`, `on` and `~`
//! are coloured as the boolean and null they become, `0644`, `1e3` and `0x1F` as numbers, `"yes"` as a string.

use chartplay_core::yaml::scalar::{resolve_plain, Scalar};

/// What a piece of text is. The discriminants are what [`spans`] reports; web/js/editor.js maps them to the
/// classes of [`TokenKind::class`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Indentation and spaces.
    Plain = 0,
    /// A mapping key.
    Key = 1,
    /// A string scalar (quoted, plain, or a block scalar's line).
    String = 2,
    /// A number (`3`, `0644`, `1e3`, `0x1F`, `.inf`).
    Number = 3,
    /// A comment.
    Comment = 4,
    /// `:`, `-`, `---`, `|`, `>`, and a flow collection's `{`, `}`, `[`, `]`, `,`.
    Punct = 5,
    /// An anchor, alias or tag: `&base`, `*base`, `!!str`.
    Meta = 6,
    /// A boolean (`true`, and YAML 1.1's `yes`, `on`, `y`, …).
    Bool = 7,
    /// Null (`null`, `~`).
    Null = 8,
}

impl TokenKind {
    /// The CSS class of the span.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Plain => "",
            TokenKind::Key => "tok-key",
            TokenKind::String => "tok-string",
            TokenKind::Number => "tok-literal tok-number",
            TokenKind::Comment => "tok-comment",
            TokenKind::Punct => "tok-punct",
            TokenKind::Meta => "tok-meta",
            TokenKind::Bool => "tok-literal tok-bool",
            TokenKind::Null => "tok-literal tok-null",
        }
    }
}

/// Splits `text` into lines of tokens; joining every token's text with `\n` between lines gives `text` back.
pub fn highlight(text: &str) -> Vec<Vec<(TokenKind, &str)>> {
    let mut block = BlockState::default();
    text.split('\n').map(|line| highlight_line(line, block.next_line(line))).collect()
}

/// The editor's highlighting of `text`: `[from, to, kind]` for every token but plain text, `from` and `to` in
/// UTF-16 units from the start of the text (CodeMirror's positions), `kind` a [`TokenKind`] discriminant.
pub fn spans(text: &str) -> Vec<u32> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in highlight(text) {
        for (kind, token) in line {
            let end = offset + token.encode_utf16().count() as u32;
            if kind != TokenKind::Plain && end > offset {
                spans.extend([offset, end, kind as u32]);
            }
            offset = end;
        }
        offset += 1; // the line break
    }
    spans
}

/// The tokens of one line; `in_block` says the line belongs to a block scalar (from [`BlockState::next_line`]).
pub fn highlight_line(line: &str, in_block: bool) -> Vec<(TokenKind, &str)> {
    if in_block {
        vec![(TokenKind::String, line)]
    } else {
        tokenize_line(line).0
    }
}

/// Tracks block scalars (`key: |`) across lines: deeper-indented and blank lines after one belong to it.
#[derive(Debug, Default, Clone, Copy)]
pub struct BlockState {
    /// Indentation of the line that opened the block scalar.
    parent_indent: Option<usize>,
}

impl BlockState {
    /// Whether `line` (the next line of the text) is inside a block scalar; updates the state.
    pub fn next_line(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = self.parent_indent {
            if line.trim().is_empty() || indent > parent {
                return true;
            }
            self.parent_indent = None;
        }
        if tokenize_line(line).1 {
            self.parent_indent = Some(indent);
        }
        false
    }
}

fn tokenize_line(line: &str) -> (Vec<(TokenKind, &str)>, bool) {
    let mut tokens = Vec::new();
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 0 {
        tokens.push((TokenKind::Plain, &line[..indent]));
    }
    let mut rest = &line[indent..];
    if rest.starts_with('#') {
        tokens.push((TokenKind::Comment, rest));
        return (tokens, false);
    }
    if rest.starts_with("---") || rest.starts_with("...") {
        tokens.push((TokenKind::Punct, &rest[..3]));
        rest = &rest[3..];
    }
    // List dashes, possibly several (`- - a`).
    while rest == "-" || rest.starts_with("- ") {
        tokens.push((TokenKind::Punct, "-"));
        let after = &rest[1..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        if spaces > 0 {
            tokens.push((TokenKind::Plain, &after[..spaces]));
        }
        rest = &after[spaces..];
    }
    if let Some(key_end) = key_end(rest) {
        tokens.push((TokenKind::Key, &rest[..key_end]));
        tokens.push((TokenKind::Punct, ":"));
        rest = &rest[key_end + 1..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 0 {
            tokens.push((TokenKind::Plain, &rest[..spaces]));
        }
        rest = &rest[spaces..];
    }
    let opens_block = value_tokens(rest, &mut tokens);
    (tokens, opens_block)
}

/// Where the `:` of a `key:` at the start of `text` is, if the text starts with a key.
fn key_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 0;
    if let Some(&quote @ (b'"' | b'\'')) = bytes.first() {
        index = 1 + text[1..].find(quote as char)? + 1;
        return (bytes.get(index) == Some(&b':') && matches!(bytes.get(index + 1), None | Some(b' '))).then_some(index);
    }
    if matches!(bytes.first(), None | Some(b'{' | b'[' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>')) {
        return None;
    }
    while index < bytes.len() {
        match bytes[index] {
            b':' if matches!(bytes.get(index + 1), None | Some(b' ')) => return Some(index),
            b'#' if index > 0 && bytes[index - 1] == b' ' => return None,
            _ => index += 1,
        }
    }
    None
}

/// Tokens of a value and its trailing comment; true when it opens a block scalar.
fn value_tokens<'a>(text: &'a str, tokens: &mut Vec<(TokenKind, &'a str)>) -> bool {
    let (value, comment) = split_comment(text);
    let value_end = value.trim_end().len();
    let mut rest = &value[..value_end];
    // Anchors, aliases and tags come first: `&base`, `*base`, `!!str`. A tag decides the scalar's type.
    let mut tagged = None;
    while rest.starts_with(['&', '*', '!']) {
        let end = rest.find(' ').unwrap_or(rest.len());
        if rest.starts_with('!') {
            tagged = Some(tagged_kind(&rest[..end]));
        }
        tokens.push((TokenKind::Meta, &rest[..end]));
        rest = spaces(&rest[end..], tokens);
    }
    if rest.starts_with(['{', '[']) {
        // A flow collection reads its own quotes and comment.
        flow_tokens(&text[value_end - rest.len()..], tokens);
        return false;
    }
    let mut opens_block = false;
    if !rest.is_empty() {
        let kind = if rest.starts_with(['|', '>']) && rest[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9')) {
            opens_block = true;
            TokenKind::Punct
        } else if let Some(kind) = tagged {
            kind
        } else if rest.starts_with(['"', '\'']) {
            TokenKind::String
        } else {
            plain_kind(rest)
        };
        tokens.push((kind, rest));
    }
    if value.len() > value_end {
        tokens.push((TokenKind::Plain, &value[value_end..]));
    }
    if !comment.is_empty() {
        tokens.push((TokenKind::Comment, comment));
    }
    opens_block
}

/// Pushes the spaces that start `text` as a plain token; returns what follows them.
fn spaces<'a>(text: &'a str, tokens: &mut Vec<(TokenKind, &'a str)>) -> &'a str {
    let rest = text.trim_start_matches(' ');
    if rest.len() < text.len() {
        tokens.push((TokenKind::Plain, &text[..text.len() - rest.len()]));
    }
    rest
}

/// Tokens of a flow collection written on one line (`{repository: nginx, tag: "1.27"}`, `[80, 443]`) and of
/// what follows it: keys, scalars and the punctuation, up to a ` # comment`. A collection continued on the next
/// line is not followed there.
fn flow_tokens<'a>(text: &'a str, tokens: &mut Vec<(TokenKind, &'a str)>) {
    let bytes = text.as_bytes();
    // A `:` that separates a key from its value.
    let separator =
        |index: usize| bytes[index] == b':' && matches!(bytes.get(index + 1), None | Some(b' ' | b',' | b']' | b'}'));
    let mut index = 0;
    while index < bytes.len() {
        let start = index;
        match bytes[index] {
            b'{' | b'}' | b'[' | b']' | b',' => {
                index += 1;
                tokens.push((TokenKind::Punct, &text[start..index]));
            }
            b':' if separator(index) => {
                index += 1;
                tokens.push((TokenKind::Punct, &text[start..index]));
            }
            b' ' => {
                let rest = spaces(&text[start..], tokens);
                if rest.starts_with('#') {
                    tokens.push((TokenKind::Comment, rest));
                    return;
                }
                index = bytes.len() - rest.len();
            }
            quote @ (b'"' | b'\'') => {
                index += 1;
                while index < bytes.len() && bytes[index] != quote {
                    index += if quote == b'"' && bytes[index] == b'\\' { 2 } else { 1 };
                }
                index = (index + 1).min(bytes.len());
                let kind = if index < bytes.len() && separator(index) { TokenKind::Key } else { TokenKind::String };
                tokens.push((kind, &text[start..index]));
            }
            _ => {
                // A plain scalar ends at flow punctuation, a separator or a comment.
                let ends = |index: usize| {
                    matches!(bytes[index], b',' | b'[' | b']' | b'{' | b'}')
                        || separator(index)
                        || (index > start && bytes[index] == b'#' && bytes[index - 1] == b' ')
                };
                while index < bytes.len() && !ends(index) {
                    index += 1;
                }
                let scalar = text[start..index].trim_end_matches(' ');
                let kind = if index < bytes.len() && separator(index) {
                    TokenKind::Key
                } else if scalar.starts_with(['&', '*', '!']) {
                    TokenKind::Meta
                } else {
                    plain_kind(scalar)
                };
                tokens.push((kind, scalar));
                index = start + scalar.len();
            }
        }
    }
}

/// Splits off a ` # comment` that is outside quotes.
fn split_comment(text: &str) -> (&str, &str) {
    let mut quote = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if index == 0 || text[..index].ends_with(' ') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if index == 0 || text[..index].ends_with(' ') => return (&text[..index], &text[index..]),
            _ => {}
        }
    }
    (text, "")
}

/// The kind of a plain scalar: the type Helm's reader gives it.
fn plain_kind(text: &str) -> TokenKind {
    match resolve_plain(text) {
        Scalar::Null => TokenKind::Null,
        Scalar::Bool(_) => TokenKind::Bool,
        Scalar::Int(_) | Scalar::Float(_) => TokenKind::Number,
        Scalar::Str => TokenKind::String,
    }
}

/// The kind of a scalar carrying the tag `tag`: the standard tags name their type; any other tag reads as a string.
fn tagged_kind(tag: &str) -> TokenKind {
    match tag {
        "!!int" | "!!float" => TokenKind::Number,
        "!!bool" => TokenKind::Bool,
        "!!null" => TokenKind::Null,
        _ => TokenKind::String,
    }
}

#[cfg(test)]
mod tests {
    use super::TokenKind::*;
    use super::*;

    fn kinds(line: &str) -> Vec<(TokenKind, &str)> {
        highlight(line).remove(0)
    }

    #[test]
    fn key_and_scalar_values() {
        assert_eq!(
            kinds("  replicas: 3"),
            vec![(Plain, "  "), (Key, "replicas"), (Punct, ":"), (Plain, " "), (Number, "3")]
        );
        assert_eq!(kinds("name: web"), vec![(Key, "name"), (Punct, ":"), (Plain, " "), (String, "web")]);
        assert_eq!(
            kinds("tag: \"1.27\" # pinned"),
            vec![(Key, "tag"), (Punct, ":"), (Plain, " "), (String, "\"1.27\""), (Plain, " "), (Comment, "# pinned")]
        );
    }

    #[test]
    fn list_items_and_comments() {
        assert_eq!(
            kinds("- name: http"),
            vec![(Punct, "-"), (Plain, " "), (Key, "name"), (Punct, ":"), (Plain, " "), (String, "http")]
        );
        assert_eq!(kinds("# a comment: not a key"), vec![(Comment, "# a comment: not a key")]);
        assert_eq!(
            kinds("image: nginx:1.27"),
            vec![(Key, "image"), (Punct, ":"), (Plain, " "), (String, "nginx:1.27")]
        );
    }

    #[test]
    fn block_scalar_lines_are_strings() {
        let lines = highlight("script: |\n  a: b\n\n  c\nnext: 1");
        assert_eq!(lines[1], vec![(String, "  a: b")]);
        assert_eq!(lines[2], vec![(String, "")]);
        assert_eq!(lines[3], vec![(String, "  c")]);
        assert_eq!(lines[4][0], (Key, "next"));
    }

    #[test]
    fn flow_collections_on_a_line() {
        assert_eq!(
            kinds(r#"image: {repository: nginx, tag: "1.27"} # pinned"#),
            vec![
                (Key, "image"),
                (Punct, ":"),
                (Plain, " "),
                (Punct, "{"),
                (Key, "repository"),
                (Punct, ":"),
                (Plain, " "),
                (String, "nginx"),
                (Punct, ","),
                (Plain, " "),
                (Key, "tag"),
                (Punct, ":"),
                (Plain, " "),
                (String, "\"1.27\""),
                (Punct, "}"),
                (Plain, " "),
                (Comment, "# pinned"),
            ]
        );
        assert_eq!(
            kinds("- [80, 'a # b', http://x]"),
            vec![
                (Punct, "-"),
                (Plain, " "),
                (Punct, "["),
                (Number, "80"),
                (Punct, ","),
                (Plain, " "),
                (String, "'a # b'"),
                (Punct, ","),
                (Plain, " "),
                (String, "http://x"),
                (Punct, "]"),
            ]
        );
    }

    #[test]
    fn anchors_aliases_and_tags() {
        assert_eq!(kinds("base: &base"), vec![(Key, "base"), (Punct, ":"), (Plain, " "), (Meta, "&base")]);
        assert_eq!(kinds("<<: *base"), vec![(Key, "<<"), (Punct, ":"), (Plain, " "), (Meta, "*base")]);
        assert_eq!(
            kinds("port: !!str 80"),
            vec![(Key, "port"), (Punct, ":"), (Plain, " "), (Meta, "!!str"), (Plain, " "), (String, "80")]
        );
    }

    /// The colour of a value is the type Helm reads: YAML 1.1 booleans and octals, numbers in every notation, null.
    #[test]
    fn scalars_are_coloured_by_the_type_helm_reads() {
        let kind = |value: &str| {
            let line = format!("k: {value}");
            kinds(&line).last().map(|(kind, _)| *kind)
        };
        for (value, expected) in [
            ("yes", Bool),
            ("on", Bool),
            ("Off", Bool),
            ("n", Bool),
            ("0644", Number),
            ("1e3", Number),
            ("0x1F", Number),
            ("~", Null),
            ("null", Null),
            ("\"yes\"", String),
            ("'0644'", String),
            ("yEs", String),
            ("2001-12-14", String),
            ("1.2.3", String),
            ("!!str 0644", String),
            ("!!int '12'", Number),
        ] {
            assert_eq!(kind(value), Some(expected), "{value}");
        }
        assert_eq!(kinds("k: [yes, 0644, ~, x]").iter().filter(|(k, _)| *k != Punct && *k != Plain).count(), 5);
        assert_eq!(kinds("k: [yes, 0644, ~, x]")[4], (Bool, "yes"));
    }

    #[test]
    fn spans_are_in_utf16_units_and_skip_plain_text() {
        // "é" is one UTF-16 unit and two UTF-8 bytes; "😀" is two units.
        assert_eq!(spans("a: é\n  😀: 1"), vec![0, 1, 1, 1, 2, 5, 3, 4, 2, 7, 9, 1, 9, 10, 5, 11, 12, 3]);
    }

    #[test]
    fn tokens_rebuild_the_text() {
        let text = "a: 'x # y' # z\n- - b\n\"k:\": v\nurl: http://x#frag\n<img src=x onerror=alert(1)>\n\
                    f: {a: [1, \"b\\\"c\", 'd'], e: &x *y} # {z}\ng: [unclosed, \"open";
        let rebuilt: Vec<std::string::String> =
            highlight(text).iter().map(|line| line.iter().map(|(_, t)| *t).collect()).collect();
        assert_eq!(rebuilt.join("\n"), text);
    }
}
