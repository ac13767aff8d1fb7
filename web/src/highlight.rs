//! YAML highlighting for read-only text (manifests, default values), as tokens the view wraps in `<span>`s.
//!
//! The editor has CodeMirror's full YAML grammar; the output does not need it: rendered manifests are plain
//! block YAML, and a line-based tokenizer that knows keys, list dashes, quoted and plain scalars, comments and
//! block scalars (`|`, `>`) colours them correctly at a fraction of the cost and with no JavaScript. The tokens
//! are text nodes, never HTML, so whatever a value contains is shown as text.

/// What a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Indentation, spaces, flow punctuation.
    Plain,
    /// A mapping key.
    Key,
    /// A string scalar (quoted, plain, or a block scalar's line).
    String,
    /// A number, boolean or null.
    Literal,
    /// A comment.
    Comment,
    /// `:`, `-`, `---`, `|`, `>`.
    Punct,
}

impl TokenKind {
    /// The CSS class of the span.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Plain => "",
            TokenKind::Key => "tok-key",
            TokenKind::String => "tok-string",
            TokenKind::Literal => "tok-literal",
            TokenKind::Comment => "tok-comment",
            TokenKind::Punct => "tok-punct",
        }
    }
}

/// Splits `text` into lines of tokens; joining every token's text with `\n` between lines gives `text` back.
pub fn highlight(text: &str) -> Vec<Vec<(TokenKind, &str)>> {
    let mut block = BlockState::default();
    text.split('\n').map(|line| highlight_line(line, block.next_line(line))).collect()
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
    if text.is_empty() {
        return false;
    }
    let (value, comment) = split_comment(text);
    let trimmed = value.trim_end();
    let mut opens_block = false;
    if !trimmed.is_empty() {
        let kind =
            if trimmed.starts_with(['|', '>']) && trimmed[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9')) {
                opens_block = true;
                TokenKind::Punct
            } else if trimmed.starts_with(['"', '\'']) {
                TokenKind::String
            } else if trimmed.starts_with(['{', '[']) {
                TokenKind::Plain
            } else if is_literal(trimmed) {
                TokenKind::Literal
            } else {
                TokenKind::String
            };
        tokens.push((kind, trimmed));
    }
    if value.len() > trimmed.len() {
        tokens.push((TokenKind::Plain, &value[trimmed.len()..]));
    }
    if !comment.is_empty() {
        tokens.push((TokenKind::Comment, comment));
    }
    opens_block
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

fn is_literal(text: &str) -> bool {
    matches!(text, "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "null" | "Null" | "NULL" | "~")
        || text.parse::<f64>().is_ok() && !text.ends_with('.')
        || text.strip_prefix("0x").is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
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
            vec![(Plain, "  "), (Key, "replicas"), (Punct, ":"), (Plain, " "), (Literal, "3")]
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
    fn tokens_rebuild_the_text() {
        let text = "a: 'x # y' # z\n- - b\n\"k:\": v\nurl: http://x#frag\n<img src=x onerror=alert(1)>";
        let rebuilt: Vec<std::string::String> =
            highlight(text).iter().map(|line| line.iter().map(|(_, t)| *t).collect()).collect();
        assert_eq!(rebuilt.join("\n"), text);
    }
}
