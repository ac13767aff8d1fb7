//! The `pattern` keyword: a small regular-expression matcher for the patterns values schemas use.
//!
//! A values schema needs patterns for a few string forms that Helm turns into valid objects, such as a number
//! written as a string of digits (`replicaCount: "3"` prints as `replicas: 3`). A full regex engine would weigh
//! more in the browser than everything it is used for, so this module matches the ECMA-262 subset those patterns
//! are written in: literals, `.`, classes (`[0-9]`, `[^a-z]`), the escapes `\d` `\D` `\s` `\S` `\w` `\W` and escaped
//! punctuation, groups `( )` and `(?: )`, alternation `|`, the anchors `^` and `$`, and the greedy quantifiers
//! `*` `+` `?` `{n}` `{n,}` `{n,m}`. Anything else (lookaround, backreferences, lazy quantifiers) is refused when
//! the schema compiles, so a schema never silently checks less than it says.
//!
//! As JSON Schema prescribes, a pattern matches anywhere in the string unless anchored. Matching backtracks; the
//! charts' patterns are short and unambiguous, which keeps it linear in practice.

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    source: String,
    alternatives: Vec<Vec<Node>>,
}

#[derive(Debug, Clone)]
enum Node {
    /// One character from a set (a literal is a one-character set).
    Set(CharSet),
    /// `^`: the start of the string.
    Start,
    /// `$`: the end of the string.
    End,
    /// `( … )`: alternatives.
    Group(Vec<Vec<Node>>),
    /// A node repeated greedily, `min` to `max` (unbounded: `None`) times.
    Repeat { node: Box<Node>, min: usize, max: Option<usize> },
}

#[derive(Debug, Clone)]
struct CharSet {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl CharSet {
    fn single(c: char) -> CharSet {
        CharSet { ranges: vec![(c, c)], negated: false }
    }

    fn accepts(&self, c: char) -> bool {
        self.ranges.iter().any(|&(low, high)| low <= c && c <= high) != self.negated
    }
}

const DIGITS: &[(char, char)] = &[('0', '9')];
const SPACES: &[(char, char)] = &[(' ', ' '), ('\t', '\r')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

impl Pattern {
    /// Compiles `source`, or says which part of it is not supported.
    pub(super) fn new(source: &str) -> Result<Pattern, String> {
        let mut parser = Parser { chars: source.chars().collect(), pos: 0 };
        let alternatives = parser.alternatives()?;
        if parser.pos < parser.chars.len() {
            return Err(format!("unsupported pattern {source:?}: unexpected {:?}", parser.chars[parser.pos]));
        }
        Ok(Pattern { source: source.to_string(), alternatives })
    }

    /// The pattern as written in the schema.
    pub(super) fn source(&self) -> &str {
        &self.source
    }

    /// Whether the pattern matches somewhere in `text`.
    pub(super) fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        (0..=chars.len()).any(|start| match_alternatives(&self.alternatives, &chars, start, &mut |_| true))
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn unsupported(&self, what: &str) -> String {
        format!("unsupported pattern {:?}: {what}", self.chars.iter().collect::<String>())
    }

    fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, String> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Node>, String> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Ok(nodes)
    }

    fn atom(&mut self) -> Result<Node, String> {
        let c = self.peek().ok_or_else(|| self.unsupported("unexpected end"))?;
        self.pos += 1;
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Set(CharSet { ranges: vec![('\n', '\n'), ('\r', '\r')], negated: true }),
            '(' => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) != Some(&':') {
                        return Err(self.unsupported("lookaround"));
                    }
                    self.pos += 2;
                }
                let alternatives = self.alternatives()?;
                if self.peek() != Some(')') {
                    return Err(self.unsupported("unclosed group"));
                }
                self.pos += 1;
                Node::Group(alternatives)
            }
            '[' => Node::Set(self.class()?),
            '\\' => Node::Set(self.escape()?),
            '*' | '+' | '?' | '{' | ')' => return Err(self.unsupported(&format!("unexpected {c:?}"))),
            literal => Node::Set(CharSet::single(literal)),
        })
    }

    /// After a `\`: a class escape or an escaped literal.
    fn escape(&mut self) -> Result<CharSet, String> {
        let c = self.peek().ok_or_else(|| self.unsupported("trailing backslash"))?;
        self.pos += 1;
        let set = |ranges: &[(char, char)], negated| CharSet { ranges: ranges.to_vec(), negated };
        Ok(match c {
            'd' => set(DIGITS, false),
            'D' => set(DIGITS, true),
            's' => set(SPACES, false),
            'S' => set(SPACES, true),
            'w' => set(WORD, false),
            'W' => set(WORD, true),
            'n' => CharSet::single('\n'),
            't' => CharSet::single('\t'),
            c if c.is_ascii_punctuation() => CharSet::single(c),
            other => return Err(self.unsupported(&format!("escape \\{other}"))),
        })
    }

    /// After a `[`: the class up to its `]`.
    fn class(&mut self) -> Result<CharSet, String> {
        let mut set = CharSet { ranges: Vec::new(), negated: false };
        if self.peek() == Some('^') {
            set.negated = true;
            self.pos += 1;
        }
        loop {
            let c = self.peek().ok_or_else(|| self.unsupported("unclosed class"))?;
            self.pos += 1;
            let low = match c {
                ']' => return Ok(set),
                '\\' => {
                    let escaped = self.escape()?;
                    if escaped.negated || escaped.ranges.len() != 1 || escaped.ranges[0].0 != escaped.ranges[0].1 {
                        if escaped.negated {
                            return Err(self.unsupported("negated escape in a class"));
                        }
                        set.ranges.extend(escaped.ranges);
                        continue;
                    }
                    escaped.ranges[0].0
                }
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                let high = self.chars[self.pos + 1];
                if high == '\\' || high < low {
                    return Err(self.unsupported("class range"));
                }
                self.pos += 2;
                set.ranges.push((low, high));
            } else {
                set.ranges.push((low, low));
            }
        }
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                let close = self.chars[self.pos..].iter().position(|&c| c == '}');
                let close = close.ok_or_else(|| self.unsupported("unclosed {"))? + self.pos;
                let inner: String = self.chars[self.pos + 1..close].iter().collect();
                let number = |s: &str| s.trim().parse::<usize>().map_err(|_| self.unsupported("quantifier"));
                let bounds = match inner.split_once(',') {
                    None => (number(&inner)?, Some(number(&inner)?)),
                    Some((low, "")) => (number(low)?, None),
                    Some((low, high)) => (number(low)?, Some(number(high)?)),
                };
                self.pos = close;
                bounds
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        if matches!(self.peek(), Some('?' | '+')) {
            return Err(self.unsupported("lazy or possessive quantifier"));
        }
        if matches!(atom, Node::Start | Node::End) {
            return Err(self.unsupported("quantified anchor"));
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }
}

/// Continuation-passing backtracking: `then` gets each position where the rest may continue.
fn match_alternatives(
    alternatives: &[Vec<Node>],
    text: &[char],
    pos: usize,
    then: &mut dyn FnMut(usize) -> bool,
) -> bool {
    alternatives.iter().any(|sequence| match_sequence(sequence, text, pos, then))
}

fn match_sequence(nodes: &[Node], text: &[char], pos: usize, then: &mut dyn FnMut(usize) -> bool) -> bool {
    match nodes.split_first() {
        None => then(pos),
        Some((node, rest)) => match_node(node, text, pos, &mut |next| match_sequence(rest, text, next, then)),
    }
}

fn match_node(node: &Node, text: &[char], pos: usize, then: &mut dyn FnMut(usize) -> bool) -> bool {
    match node {
        Node::Set(set) => text.get(pos).is_some_and(|&c| set.accepts(c)) && then(pos + 1),
        Node::Start => pos == 0 && then(pos),
        Node::End => pos == text.len() && then(pos),
        Node::Group(alternatives) => match_alternatives(alternatives, text, pos, then),
        Node::Repeat { node, min, max } => match_repeat(node, *min, *max, 0, text, pos, then),
    }
}

fn match_repeat(
    node: &Node,
    min: usize,
    max: Option<usize>,
    count: usize,
    text: &[char],
    pos: usize,
    then: &mut dyn FnMut(usize) -> bool,
) -> bool {
    // Greedy: one more repetition first. A repetition that consumes nothing cannot help and would loop.
    if max.is_none_or(|max| count < max)
        && match_node(node, text, pos, &mut |next| {
            next != pos && match_repeat(node, min, max, count + 1, text, next, then)
        })
    {
        return true;
    }
    count >= min && then(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        Pattern::new(pattern).map(|p| p.is_match(text)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn anchored_digits() {
        let digits = "^(0|[1-9][0-9]{0,8})$";
        for yes in ["0", "3", "8080", "123456789"] {
            assert!(matches(digits, yes), "{yes}");
        }
        for no in ["", "03", "3.5", " 3", "1e3", "abc", "1234567890", "-1", "3 "] {
            assert!(!matches(digits, no), "{no}");
        }
    }

    #[test]
    fn unanchored_patterns_match_anywhere() {
        assert!(matches("b+", "abbc"));
        assert!(!matches("^b", "ab"));
        assert!(matches("a|^x", "ba"));
    }

    #[test]
    fn classes_escapes_and_quantifiers() {
        assert!(matches(r"^[^\s:]+\.\d{2,}$", "v.12"));
        assert!(!matches(r"^[^\s:]+\.\d{2,}$", "v 1.12"));
        assert!(matches("^(?:yes|no)?$", ""));
        assert!(matches("^[a-c-]*$", "a-b-c"));
        assert!(matches(r"^\w+$", "snake_case9"));
        assert!(!matches("^a{2}$", "aaa"));
    }

    #[test]
    fn backtracks_into_repetitions() {
        assert!(matches("^a*ab$", "aaab"));
        assert!(matches("^(a|ab)c$", "abc"));
    }

    #[test]
    fn err_unsupported_syntax_is_refused() {
        for pattern in ["(?=a)", r"(a)\1", "a*?", "[a", "(a", "a{x}", "*a", r"\p{L}"] {
            assert!(Pattern::new(pattern).is_err(), "{pattern}");
        }
    }
}
