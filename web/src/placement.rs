//! Where a key goes in a values text: the one edit that writes `horizontalPodAutoscaler.maxReplicas` at the
//! right place and indentation, creating the parent keys that are missing, or the place of the key when it is
//! already there. The values browser's "insert" and the completion of a nested key both use it, and the editor
//! applies the result as one undoable change.
//!
//! Like [`crate::cursor`], it reads block YAML line by line: a key's children are the lines below it indented
//! more (a list may sit at the key's own indentation). A parent written inline (`ingress: {}`, `null`) is
//! rewritten as a block; one with an inline value of its own (`ingress: {enabled: true}`) is only gone to.

/// How the value of the written key starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// On the key's line: `key: `.
    Inline,
    /// On a new line, indented: `key:` and a line two spaces deeper (an object).
    Block,
    /// As a list's first item: `key:` and `- ` two spaces deeper.
    List,
}

/// One edit of the text, and where the cursor goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Start of the replaced bytes.
    pub from: usize,
    /// End of the replaced bytes.
    pub to: usize,
    /// What replaces them; empty with `from == to` when the key is already there.
    pub insert: String,
    /// The cursor afterwards, in bytes of the text after the edit.
    pub cursor: usize,
    /// Whether the key was written at the cursor position that was offered (see [`place_key`]).
    pub at_cursor: bool,
}

impl Placement {
    /// True when nothing is written: the key is there (or cannot be written, its parent being inline).
    pub fn is_go_to(&self) -> bool {
        self.from == self.to && self.insert.is_empty()
    }
}

/// One line of the text, as far as placing keys needs.
#[derive(Debug)]
struct Line<'a> {
    start: usize,
    end: usize,
    indent: usize,
    kind: Kind<'a>,
}

#[derive(Debug, PartialEq)]
enum Kind<'a> {
    /// Blank, a comment, or a document marker: ends nothing.
    Nothing,
    /// `key: value`, with where the part after the colon starts and what it holds (its comment left out).
    Key { key: String, after_colon: usize, value: &'a str },
    /// A list item, `- …`.
    Item,
    /// Anything else (a continued scalar or flow collection).
    Other,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let end = start + line.len();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        let kind = if content.is_empty()
            || content.starts_with('#')
            || (indent == 0 && (content.starts_with("---") || content.starts_with("...")))
        {
            Kind::Nothing
        } else if content == "-" || content.starts_with("- ") {
            Kind::Item
        } else {
            match split_key(content) {
                Some((key, colon)) => {
                    let after_colon = start + indent + colon + 1;
                    let value = strip_comment(&text[after_colon..end]).trim();
                    Kind::Key { key, after_colon, value }
                }
                None => Kind::Other,
            }
        };
        out.push(Line { start, end, indent, kind });
        start += raw.len();
    }
    out
}

/// The key of `content` (unquoted) and the byte offset of its colon.
fn split_key(content: &str) -> Option<(String, usize)> {
    if content.starts_with(['{', '[', '|', '>', '&', '*', '!', '%', '@', '`']) {
        return None;
    }
    for quote in ['"', '\''] {
        if let Some(inner) = content.strip_prefix(quote) {
            let close = inner.find(quote)?;
            let after = &inner[close + 1..];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            return after[spaces..].starts_with(':').then(|| (inner[..close].to_string(), close + 2 + spaces));
        }
    }
    let bytes = content.as_bytes();
    let colon = (0..bytes.len()).find(|&at| bytes[at] == b':' && bytes.get(at + 1).is_none_or(|b| *b == b' '))?;
    Some((content[..colon].trim_end().to_string(), colon))
}

/// `value # comment` → `value ` (a `#` starts a comment after a space).
fn strip_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    match (0..bytes.len()).find(|&at| bytes[at] == b'#' && (at == 0 || bytes[at - 1] == b' ')) {
        Some(at) => &value[..at],
        None => value,
    }
}

/// The lines after `parent` that belong to it: indented more, or list items at its own indentation.
fn block(lines: &[Line], parent: usize) -> std::ops::Range<usize> {
    let indent = lines[parent].indent;
    let mut end = parent + 1;
    while let Some(line) = lines.get(end) {
        let belongs = match line.kind {
            Kind::Nothing => true,
            Kind::Item => line.indent >= indent,
            _ => line.indent > indent,
        };
        if !belongs {
            break;
        }
        end += 1;
    }
    parent + 1..end
}

/// The first line in `range` with content.
fn first_content(lines: &[Line], range: std::ops::Range<usize>) -> Option<usize> {
    range.into_iter().find(|&i| lines[i].kind != Kind::Nothing)
}

/// The last line in `range` with content.
fn last_content(lines: &[Line], range: std::ops::Range<usize>) -> Option<usize> {
    range.into_iter().rev().find(|&i| lines[i].kind != Kind::Nothing)
}

/// The line of `key` among the keys directly in `range` (whose indentation is that of the first line there).
fn find_child(lines: &[Line], range: std::ops::Range<usize>, key: &str) -> Option<usize> {
    let first = first_content(lines, range.clone())?;
    let indent = lines[first].indent;
    range
        .into_iter()
        .find(|&i| lines[i].indent == indent && matches!(&lines[i].kind, Kind::Key { key: k, .. } if k == key))
}

/// `key` as YAML writes a key: plain when it can be, else double-quoted.
fn yaml_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && !key.starts_with(['-', '.', '/']);
    if plain {
        key.to_string()
    } else {
        serde_json::Value::String(key.to_string()).to_string()
    }
}

/// `a:\n  b: ` for `keys` = [a, b] written at `column` (the first key's indentation is the caller's).
fn nested(keys: &[&str], column: usize, opening: Opening) -> String {
    let mut out = String::new();
    for (depth, key) in keys.iter().enumerate() {
        if depth > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(column + 2 * depth));
        }
        out.push_str(&yaml_key(key));
        out.push(':');
    }
    let deeper = " ".repeat(column + 2 * keys.len());
    match opening {
        Opening::Inline => out.push(' '),
        Opening::Block => out.push_str(&format!("\n{deeper}")),
        Opening::List => out.push_str(&format!("\n{deeper}- ")),
    }
    out
}

/// The edit that writes the key at `path` into `text`, creating missing parents; or, when the key is there, no
/// edit and the cursor at its value.
///
/// `at` offers a place: `(byte, depth)`, a cursor on a line holding only indentation (or `- `) inside the object
/// at the first `depth` keys of `path`. When the keys found in the text stop exactly there, the rest is written
/// at the cursor (what completing a nested key at the cursor wants); otherwise under the deepest key found.
///
/// ```
/// use chartplay_web::placement::{place_key, Opening};
/// let text = "applicationName: web\nhorizontalPodAutoscaler:\n  enabled: true\nreplicaCount: 2\n";
/// let placement = place_key(text, &["horizontalPodAutoscaler", "maxReplicas"], Opening::Inline, None);
/// assert_eq!(placement.insert, "\n  maxReplicas: ");
/// assert_eq!(&text[..placement.from], "applicationName: web\nhorizontalPodAutoscaler:\n  enabled: true");
/// ```
pub fn place_key(text: &str, path: &[&str], opening: Opening, at: Option<(usize, usize)>) -> Placement {
    let lines = lines(text);
    let mut range = 0..lines.len();
    let mut parent: Option<usize> = None;
    let mut depth = 0;
    for key in path {
        match find_child(&lines, range.clone(), key) {
            Some(line) => {
                parent = Some(line);
                range = block(&lines, line);
                depth += 1;
            }
            None => break,
        }
    }
    let go_to = |line: usize| {
        let cursor = match lines[line].kind {
            Kind::Key { after_colon, value, .. } if !value.is_empty() => {
                after_colon + text[after_colon..].len() - text[after_colon..].trim_start_matches(' ').len()
            }
            _ => lines[line].end,
        };
        Placement { from: cursor, to: cursor, insert: String::new(), cursor, at_cursor: false }
    };
    let insert_at = |from: usize, to: usize, insert: String, at_cursor: bool| Placement {
        cursor: from + insert.len(),
        from,
        to,
        insert,
        at_cursor,
    };
    let rest = &path[depth..];
    if rest.is_empty() {
        return parent.map_or_else(|| insert_at(0, 0, String::new(), false), go_to);
    }
    if let Some((byte, at_depth)) = at {
        let line = lines.iter().find(|l| l.start <= byte && byte <= l.end);
        let blank_before = line.is_some_and(|l| matches!(text[l.start..byte].trim(), "" | "-"));
        if at_depth == depth && blank_before {
            let column = byte - line.map_or(byte, |l| l.start);
            return insert_at(byte, byte, nested(rest, column, opening), true);
        }
    }
    match parent {
        Some(line) => {
            let indent = lines[line].indent;
            if let Kind::Key { after_colon, value, .. } = lines[line].kind {
                if !value.is_empty() {
                    if !matches!(value, "{}" | "null" | "~" | "Null" | "NULL") || first_content(&lines, range).is_some()
                    {
                        return go_to(line);
                    }
                    // `key: {}` becomes a block holding the new key.
                    let value_end = after_colon + text[after_colon..].find(value).unwrap_or(0) + value.len();
                    let column = indent + 2;
                    let insert = format!("\n{}{}", " ".repeat(column), nested(rest, column, opening));
                    return insert_at(after_colon, value_end, insert, false);
                }
            }
            let column = match first_content(&lines, range.clone()) {
                Some(first) if lines[first].kind == Kind::Item => return go_to(line),
                Some(first) => lines[first].indent,
                None => indent + 2,
            };
            let after = last_content(&lines, range).unwrap_or(line);
            let end = lines[after].end;
            insert_at(end, end, format!("\n{}{}", " ".repeat(column), nested(rest, column, opening)), false)
        }
        None => {
            let column = first_content(&lines, 0..lines.len()).map_or(0, |first| lines[first].indent);
            match last_content(&lines, 0..lines.len()) {
                Some(last) => {
                    let end = lines[last].end;
                    insert_at(end, end, format!("\n{}{}", " ".repeat(column), nested(rest, column, opening)), false)
                }
                None => {
                    let separator = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
                    insert_at(text.len(), text.len(), format!("{separator}{}", nested(rest, column, opening)), false)
                }
            }
        }
    }
}

/// Completing the nested key `path` whose typed part is `from..to` (bytes) on a line under the object at the
/// first `parent_depth` keys of `path`: the edits (bytes of `text`, in order, not overlapping) and the cursor
/// afterwards. The key is written at the cursor when its first missing parent belongs there; otherwise it goes
/// under the parent already in the text, and the typed part goes (with its line, when nothing else is on it).
pub fn complete_nested(
    text: &str,
    from: usize,
    to: usize,
    path: &[&str],
    parent_depth: usize,
    opening: Opening,
) -> (Vec<(usize, usize, String)>, usize) {
    let without = format!("{}{}", &text[..from], &text[to..]);
    let here = place_key(&without, path, opening, Some((from, parent_depth)));
    if here.at_cursor {
        return (vec![(from, to, here.insert)], here.cursor);
    }
    // The typed part goes; so does its line when that leaves it blank.
    let line_start = text[..from].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[to..].find('\n').map_or(text.len(), |n| to + n);
    let (cut_from, cut_to) = if text[line_start..from].trim().is_empty() && text[to..line_end].trim().is_empty() {
        match (line_end < text.len(), line_start > 0) {
            (true, _) => (line_start, line_end + 1),
            (false, true) => (line_start - 1, line_end),
            (false, false) => (line_start, line_end),
        }
    } else {
        (from, to)
    };
    let without = format!("{}{}", &text[..cut_from], &text[cut_to..]);
    let placed = place_key(&without, path, opening, None);
    let removed = cut_to - cut_from;
    let original = |at: usize| if at < cut_from { at } else { at + removed };
    let mut edits = vec![(cut_from, cut_to, String::new())];
    if !placed.is_go_to() {
        let edit = (original(placed.from), original(placed.to), placed.insert);
        if edit.0 >= cut_to {
            edits.push(edit);
        } else {
            edits.insert(0, edit);
        }
    }
    (edits, placed.cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `placement` applied, and `|` at the cursor.
    fn applied(text: &str, placement: &Placement) -> String {
        let mut out = format!("{}{}{}", &text[..placement.from], placement.insert, &text[placement.to..]);
        out.insert(placement.cursor, '|');
        out
    }

    fn place(text: &str, path: &str, opening: Opening) -> String {
        let path: Vec<&str> = path.split('.').collect();
        applied(text, &place_key(text, &path, opening, None))
    }

    const VALUES: &str = "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\n\nservice:\n  enabled: true\n  ports:\n    app:\n      port: 80\n# the end\n";

    #[test]
    fn a_missing_key_goes_last_under_its_parent_at_the_children_s_indentation() {
        assert_eq!(
            place(VALUES, "containerImage.pullPolicy", Opening::Inline),
            VALUES.replace("tag: \"1.27\"\n", "tag: \"1.27\"\n  pullPolicy: |\n")
        );
        assert_eq!(
            place(VALUES, "service.ports.app.targetPort", Opening::Inline),
            VALUES.replace("port: 80\n", "port: 80\n      targetPort: |\n")
        );
    }

    #[test]
    fn missing_parents_are_created() {
        assert_eq!(
            place(VALUES, "horizontalPodAutoscaler.maxReplicas", Opening::Inline),
            VALUES.replace("port: 80\n", "port: 80\nhorizontalPodAutoscaler:\n  maxReplicas: |\n")
        );
        assert_eq!(place("", "ingress.tls", Opening::List), "ingress:\n  tls:\n    - |");
        assert_eq!(place("a: 1", "b", Opening::Block), "a: 1\nb:\n  |");
    }

    #[test]
    fn a_key_that_is_there_is_gone_to() {
        let placement = place_key(VALUES, &["containerImage", "tag"], Opening::Inline, None);
        assert!(placement.is_go_to());
        assert_eq!(&VALUES[placement.cursor..placement.cursor + 6], "\"1.27\"");
        assert_eq!(place(VALUES, "service.ports", Opening::Block), VALUES.replace("  ports:\n", "  ports:|\n"));
    }

    #[test]
    fn an_empty_inline_parent_becomes_a_block_and_a_full_one_is_gone_to() {
        assert_eq!(
            place("a: 1\ningress: {}  # none\nb: 2\n", "ingress.tls", Opening::Inline),
            "a: 1\ningress:\n  tls: |  # none\nb: 2\n"
        );
        assert_eq!(place("ingress: null\n", "ingress.enabled", Opening::Inline), "ingress:\n  enabled: |\n");
        assert_eq!(place("ingress: {enabled: true}\n", "ingress.tls", Opening::Inline), "ingress: |{enabled: true}\n");
    }

    #[test]
    fn lists_and_comments_are_not_mistaken_for_keys() {
        let text = "tolerations:\n- key: a\n  operator: Exists\n# tls: nope\nscript: |\n  tls: inside a block\n";
        assert_eq!(place(text, "tls", Opening::Inline), format!("{}\ntls: |\n", text.trim_end()));
        assert_eq!(place(text, "tolerations.key", Opening::Inline), text.replacen("tolerations:", "tolerations:|", 1));
    }

    #[test]
    fn quoted_and_crlf_keys_are_found() {
        assert_eq!(place("\"a\": 1\r\n", "a", Opening::Inline), "\"a\": |1\r\n");
        assert_eq!(place("a:\r\n  b: 1\r\n", "a.c", Opening::Inline), "a:\r\n  b: 1\n  c: |\r\n");
    }

    #[test]
    fn completing_a_nested_key_writes_it_at_the_cursor_when_its_parent_is_missing() {
        let text = "applicationName: web\nrepl\n";
        let (edits, cursor) =
            complete_nested(text, 21, 25, &["horizontalPodAutoscaler", "maxReplicas"], 0, Opening::Inline);
        assert_eq!(edits, [(21, 25, "horizontalPodAutoscaler:\n  maxReplicas: ".to_string())]);
        let after = "applicationName: web\nhorizontalPodAutoscaler:\n  maxReplicas: \n";
        assert_eq!(cursor, after.len() - 1);
        let text = "service:\n  po\n";
        let (edits, _) = complete_nested(text, 11, 13, &["service", "ports", "app"], 1, Opening::Block);
        assert_eq!(edits, [(11, 13, "ports:\n    app:\n      ".to_string())]);
    }

    #[test]
    fn completing_a_nested_key_whose_parent_exists_puts_it_there_and_drops_the_typed_line() {
        let text = "horizontalPodAutoscaler:\n  enabled: true\nrepl\nreplicaCount: 2\n";
        let (edits, cursor) =
            complete_nested(text, 41, 45, &["horizontalPodAutoscaler", "maxReplicas"], 0, Opening::Inline);
        let mut result = text.to_string();
        for (from, to, insert) in edits.iter().rev() {
            result.replace_range(from..to, insert);
        }
        assert_eq!(result, "horizontalPodAutoscaler:\n  enabled: true\n  maxReplicas: \nreplicaCount: 2\n");
        assert_eq!(&result[..cursor], "horizontalPodAutoscaler:\n  enabled: true\n  maxReplicas: ");
    }
}
