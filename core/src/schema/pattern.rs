//! The `pattern` keyword: JSON Schema's regular expressions, matched by `regex-lite` in time linear in the value.
//!
//! A chart folder's `values.schema.json` can hold any pattern and a values file any string, so matching must not
//! backtrack: `^(a+)+$` against forty `a`s and a `b` would run for hours, and a recursive matcher overflows the
//! stack on a long value (issue 9). `regex-lite` runs a Pike VM — no recursion, time proportional to the pattern's
//! compiled size times the value's length — and weighs far less in the browser than `regex`, whose faster engines
//! these short patterns do not need.
//!
//! JSON Schema patterns are ECMA-262; `regex-lite` reads the common part the same way: literals, `.`, classes,
//! `\d` `\s` `\w` (ASCII, as in ECMA-262 without the `u` flag), groups, alternation, anchors, greedy and lazy
//! quantifiers. As JSON Schema prescribes, a pattern matches anywhere in the string unless anchored, and `$` is
//! the end of the string only. `.` matches neither `\n` nor `\r` (the `crlf` mode), as in ECMA-262. What
//! `regex-lite` cannot match — lookaround, backreferences, `\p{…}`, `\cX` — is refused when the schema compiles,
//! with its reason, so a schema never silently checks less than it says. Known remaining differences, none used
//! by the charts: `regex-lite` also accepts its own syntax (`(?i)`, `[[:alpha:]]`, `\A`, `\z`), `.` matches
//! U+2028 and U+2029, and characters are Unicode scalar values rather than UTF-16 units.

use regex_lite::{Regex, RegexBuilder};

/// The most heap a compiled pattern may take. The charts' patterns take about 2 KiB and a URL pattern with
/// `.{0,2048}` about 220 KiB; the limit keeps a hostile pattern (`(a{100}){100}` takes 32 MiB) from filling
/// memory, and bounds the work per character of a value, since matching time is this size times the length.
const SIZE_LIMIT: usize = 256 * 1024;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    regex: Regex,
}

impl Pattern {
    /// Compiles `source`, or says why it cannot be matched: `invalid pattern "(?=a)": look-around is not
    /// supported`. Nesting deeper than `regex-lite`'s default of 50 groups is refused too.
    pub(super) fn new(source: &str) -> Result<Pattern, String> {
        let regex = RegexBuilder::new(source)
            .crlf(true)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(|err| format!("invalid pattern {source:?}: {err}"))?;
        Ok(Pattern { regex })
    }

    /// The pattern as written in the schema.
    pub(super) fn source(&self) -> &str {
        self.regex.as_str()
    }

    /// Whether the pattern matches somewhere in `text`.
    pub(super) fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
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
        for no in ["", "03", "3.5", " 3", "1e3", "abc", "1234567890", "-1", "3 ", "3\n"] {
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
        assert!(matches(r"^a\/b$", "a/b"));
        assert!(matches("^a+?$", "aaa"));
    }

    #[test]
    fn ascii_classes_and_dot_as_in_ecma() {
        assert!(!matches(r"^\d$", "٣"), "\\d is ASCII digits only");
        assert!(!matches(r"^\w$", "é"), "\\w is ASCII word characters only");
        assert!(!matches("^.$", "\n"));
        assert!(!matches("^.$", "\r"));
        assert!(matches("^.$", "é"));
    }

    #[test]
    fn err_unsupported_syntax_is_refused() {
        for pattern in ["(?=a)", "(?<!a)", r"(a)\1", r"\k<a>", r"\cA", "[a", "(a", "a{x}", "*a", r"\p{L}", "[]"] {
            assert!(Pattern::new(pattern).is_err(), "{pattern}");
        }
        let err = Pattern::new("(?=a)").err();
        assert_eq!(err.as_deref(), Some(r#"invalid pattern "(?=a)": look-around is not supported"#));
    }

    #[test]
    fn err_patterns_over_the_limits_are_refused() {
        let err = Pattern::new("(a{100}){100}").err();
        assert_eq!(err.as_deref(), Some(r#"invalid pattern "(a{100}){100}": compiled regex exceeded size limit"#));
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = Pattern::new(&deep).err().unwrap_or_default();
        assert!(err.ends_with(": pattern has too much nesting"), "{err}");
        assert!(Pattern::new(r"^https?://[a-z0-9.-]{1,253}(:[0-9]{1,5})?(/.{0,2048})?$").is_ok());
    }

    /// Issue 9: patterns that take a backtracking matcher exponential time, or a recursive one all its stack, get
    /// an answer.
    #[test]
    fn catastrophic_patterns_get_an_answer() {
        let long_a = "a".repeat(200_000);
        assert!(!matches("^.*x$", &long_a));
        assert!(matches("^.*x$", &format!("{long_a}x")));
        let forty_a_b = format!("{}b", "a".repeat(40));
        assert!(!matches("^(a+)+$", &forty_a_b));
        assert!(matches("^(a+)+$", &"a".repeat(40)));
        assert!(!matches("^(a|aa)*$", &format!("{long_a}b")));
        assert!(matches("^(a|aa)*$", &long_a));
        let letters: String = "abcdefghijklmnopqrstuvwxyz".chars().cycle().take(200_000).collect();
        assert!(!matches("^([a-z]*)*[0-9]$", &letters));
        assert!(matches("^([a-z]*)*[0-9]$", &format!("{letters}7")));
    }
}
