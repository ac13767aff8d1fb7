//! Where the cursor is in a values file, as a value path: what the editor's completion and hover ask the schema.
//!
//! Only block YAML is understood, line by line: a key's parents are the keys above it with less indentation, and
//! `- ` starts a list item. That is how values files are written; inside flow collections (`{…}`, `[…]`) and
//! multi-line scalars the answer is only a good guess, which is all completion needs.

use chartplay_core::values::path::{Segment, ValuePath};

/// What the text before the cursor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// A key of the object at `parent`, of which `prefix` is typed so far.
    Key {
        /// The object the key belongs to.
        parent: ValuePath,
        /// The part of the key before the cursor.
        prefix: String,
    },
    /// The value at `path`, of which `prefix` is typed so far.
    Value {
        /// The value's path.
        path: ValuePath,
        /// The part of the value before the cursor.
        prefix: String,
    },
}

impl Spot {
    /// The path the text at the cursor is about: the key's own path (its typed part taken as the whole key), or
    /// the value's.
    pub fn path(&self) -> ValuePath {
        match self {
            Spot::Key { parent, prefix } => parent.child(Segment::Key(unquote(prefix).to_string())),
            Spot::Value { path, .. } => path.clone(),
        }
    }
}

/// One open collection above the cursor: a key whose value is a block below it, or a list item.
struct Open {
    /// The column of the key, or of the item's `-`.
    column: usize,
    segment: Segment,
    is_item: bool,
    /// How many list items were seen directly under it (the next item's index).
    items: usize,
}

/// Where the end of `before` (the text from the start of the document to the cursor) is.
///
/// ```
/// use chartplay_web::cursor::{spot, Spot};
/// let spot = spot("service:\n  ports:\n    app:\n      tar");
/// assert_eq!(spot.path().to_string(), "service.ports.app.tar");
/// assert!(matches!(spot, Spot::Key { .. }));
/// ```
pub fn spot(before: &str) -> Spot {
    let (above, current) = match before.rfind('\n') {
        Some(end) => (&before[..end], &before[end + 1..]),
        None => ("", before),
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut root_items = 0;
    // The column of a key whose value is a literal or folded block: lines indented more belong to it.
    let mut block_owner: Option<usize> = None;
    for line in above.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let indent = indentation(line);
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some(owner) = block_owner {
            if indent > owner {
                continue;
            }
            block_owner = None;
        }
        if indent == 0 && (rest.starts_with("---") || rest.starts_with("...")) {
            stack.clear();
            root_items = 0;
            continue;
        }
        let (column, rest) = enter_items(&mut stack, &mut root_items, indent, rest);
        if let Some((key, value)) = split_key(rest) {
            close(&mut stack, column);
            let value = value.trim();
            if value.is_empty() || value.starts_with('#') || value.starts_with('&') {
                stack.push(Open { column, segment: Segment::Key(key.to_string()), is_item: false, items: 0 });
            } else if value.starts_with('|') || value.starts_with('>') {
                block_owner = Some(column);
            }
        }
    }
    let current = current.strip_suffix('\r').unwrap_or(current);
    let indent = indentation(current);
    let (column, rest) = enter_items(&mut stack, &mut root_items, indent, &current[indent..]);
    close(&mut stack, column);
    let parent = ValuePath(stack.into_iter().map(|open| open.segment).collect());
    match split_key(rest) {
        Some((key, value)) => {
            Spot::Value { path: parent.child(Segment::Key(key.to_string())), prefix: value.trim_start().to_string() }
        }
        None => Spot::Key { parent, prefix: rest.to_string() },
    }
}

/// Number of leading spaces.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Opens the list items (`- `) at the start of `rest` (at `column`), and returns where the item's content starts.
fn enter_items<'a>(
    stack: &mut Vec<Open>,
    root_items: &mut usize,
    mut column: usize,
    mut rest: &'a str,
) -> (usize, &'a str) {
    while rest == "-" || rest.starts_with("- ") {
        // An item closes what is at its column or deeper, except the key owning a list written at the key's own
        // indentation (`ports:` then `- a` below it, at the same column).
        while stack.last().is_some_and(|open| open.column > column || (open.column == column && open.is_item)) {
            stack.pop();
        }
        let counter = match stack.last_mut() {
            Some(open) => &mut open.items,
            None => &mut *root_items,
        };
        let index = *counter;
        *counter += 1;
        stack.push(Open { column, segment: Segment::Index(index), is_item: true, items: 0 });
        let after = &rest[1..];
        let spaces = indentation(after);
        column += 1 + spaces;
        rest = &after[spaces..];
    }
    (column, rest)
}

/// Closes everything at `column` or deeper: a key there is a sibling, not a parent.
fn close(stack: &mut Vec<Open>, column: usize) {
    while stack.last().is_some_and(|open| open.column >= column) {
        stack.pop();
    }
}

/// `key: value` → the key (unquoted) and what follows its colon; `None` when `text` has no key yet.
fn split_key(text: &str) -> Option<(&str, &str)> {
    if text.starts_with(['{', '[', '#', '|', '>', '&', '*', '!']) {
        return None;
    }
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            let end = inner.find(quote)?;
            let after = inner[end + 1..].trim_start_matches(' ');
            return after.strip_prefix(':').map(|value| (&inner[..end], value));
        }
    }
    let bytes = text.as_bytes();
    (0..bytes.len())
        .find(|&at| bytes[at] == b':' && bytes.get(at + 1).is_none_or(|next| *next == b' '))
        .map(|at| (text[..at].trim_end(), &text[at + 1..]))
}

/// A key typed with its opening quote, without it.
fn unquote(text: &str) -> &str {
    text.trim_start_matches(['"', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(before: &str) -> (String, String) {
        match spot(before) {
            Spot::Key { parent, prefix } => (parent.to_string(), prefix),
            other => panic!("expected a key, got {other:?}"),
        }
    }

    fn value(before: &str) -> (String, String) {
        match spot(before) {
            Spot::Value { path, prefix } => (path.to_string(), prefix),
            other => panic!("expected a value, got {other:?}"),
        }
    }

    const VALUES: &str = "# comment\napplicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\n";

    #[test]
    fn top_level_keys() {
        assert_eq!(key(""), (String::new(), String::new()));
        assert_eq!(key("conta"), (String::new(), "conta".into()));
        assert_eq!(key(&format!("{VALUES}repl")), (String::new(), "repl".into()));
        assert_eq!(key(&format!("{VALUES}\n\n")), (String::new(), String::new()));
    }

    #[test]
    fn nested_keys_by_indentation() {
        assert_eq!(key(&format!("{VALUES}  pull")), ("containerImage".into(), "pull".into()));
        assert_eq!(key("service:\n  ports:\n    app:\n      "), ("service.ports.app".into(), String::new()));
        assert_eq!(key("service:\n  ports:\n    app:\n  "), ("service".into(), String::new()));
        assert_eq!(key("service:\n  # note\n\n  ty"), ("service".into(), "ty".into()));
    }

    #[test]
    fn values_after_the_colon() {
        assert_eq!(value("service:\n  type: Node"), ("service.type".into(), "Node".into()));
        assert_eq!(value("service:\n  type: "), ("service.type".into(), String::new()));
        assert_eq!(value("service:\n  type:"), ("service.type".into(), String::new()));
        assert_eq!(value("\"a.b\": x"), ("[\"a.b\"]".into(), "x".into()));
        assert_eq!(value("image: nginx:1.27"), ("image".into(), "nginx:1.27".into()));
    }

    #[test]
    fn list_items() {
        let text = "sideCarContainers:\n  proxy:\n    ports:\n      - name: a\n        containerPort: 1\n      - name: b\n        ";
        assert_eq!(key(text), ("sideCarContainers.proxy.ports[1]".into(), String::new()));
        assert_eq!(key("args:\n- a\n- "), ("args[1]".into(), String::new()));
        assert_eq!(key("items:\n  - na"), ("items[0]".into(), "na".into()));
        assert_eq!(value("items:\n  - name: x\n  - port: 8"), ("items[1].port".into(), "8".into()));
        assert_eq!(key("items:\n- a: 1\nnext"), (String::new(), "next".into()));
        assert_eq!(key("items:\n  - env:\n      "), ("items[0].env".into(), String::new()));
    }

    #[test]
    fn block_scalars_are_skipped() {
        let text = "script: |\n  not: a key\n  still: text\nscriptNext:\n  ";
        assert_eq!(key(text), ("scriptNext".into(), String::new()));
        assert_eq!(key("a:\n  b: >-\n    x: y\n  c"), ("a".into(), "c".into()));
    }

    #[test]
    fn keys_with_inline_values_are_not_parents() {
        assert_eq!(key("applicationName: web\n  "), (String::new(), String::new()));
        assert_eq!(key("containerPorts: {}\n  "), (String::new(), String::new()));
    }

    #[test]
    fn the_path_of_a_key_includes_it() {
        assert_eq!(spot("containerImage:\n  repository").path().to_string(), "containerImage.repository");
        assert_eq!(spot("service:\n  type: ClusterIP").path().to_string(), "service.type");
    }

    #[test]
    fn crlf_line_ends() {
        assert_eq!(key("containerImage:\r\n  ta"), ("containerImage".into(), "ta".into()));
    }
}
