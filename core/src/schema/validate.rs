//! Checking a value against a compiled schema, and wording the problems.
//!
//! The walk keeps the current path as a stack of segments and only builds a [`ValuePath`] when it reports, so a
//! valid tree costs no allocation per node. Problems are collected as [`Issue`]s first, so that `anyOf` / `oneOf`
//! can merge type mismatches of their branches before anything is worded.

use super::{Additional, NodeId, Problem, Schema, Suggestion, Types};
use crate::values::path::{Segment, ValuePath};
use crate::values::Value;

/// How deep schema nodes may nest during one check: bounds `$ref` cycles such as `a: {$ref: a}`.
const MAX_DEPTH: usize = 512;

/// Checks `value` against node `id` of `schema`.
pub(super) fn validate(schema: &Schema, id: NodeId, value: &Value) -> Vec<Problem> {
    let mut checker = Checker { schema, path: Vec::new() };
    let mut issues = Vec::new();
    checker.check(id, value, &mut issues, 0);
    issues.into_iter().map(Issue::into_problem).collect()
}

/// The root node when its checks of a map split by entry: a plain object schema, which checks the map's required
/// keys and then each entry on its own (no `$ref`, combinator, `enum` or `const` looks at the map as a whole).
pub(super) fn splittable_root(schema: &Schema) -> Option<&super::Node> {
    let node = schema.node(schema.root);
    let plain = !node.never
        && node.reference.is_none()
        && node.types.is_none_or(|types| types.contains(Types::OBJECT))
        && node.enumeration.is_none()
        && node.constant.is_none()
        && node.all_of.is_empty()
        && node.any_of.is_empty()
        && node.one_of.is_empty();
    plain.then_some(node)
}

/// What [`validate`] of a map at the root (whose `node` is [`splittable_root`]) says about its required keys (`has`
/// says which keys it holds).
pub(super) fn validate_root_required(schema: &Schema, node: &super::Node, has: impl Fn(&str) -> bool) -> Vec<Problem> {
    let checker = Checker { schema, path: Vec::new() };
    let mut issues = Vec::new();
    checker.check_required(node, has, &mut issues);
    issues.into_iter().map(Issue::into_problem).collect()
}

/// What [`validate`] of a map at the root (whose `node` is [`splittable_root`]) says about its entry `key: value`.
pub(super) fn validate_root_entry(schema: &Schema, node: &super::Node, key: &str, value: &Value) -> Vec<Problem> {
    let mut checker = Checker { schema, path: Vec::new() };
    let mut issues = Vec::new();
    checker.check_entry(node, key, value, &mut issues, 0);
    issues.into_iter().map(Issue::into_problem).collect()
}

/// A problem before it is worded.
#[derive(Debug, Clone)]
struct Issue {
    path: Vec<Segment>,
    detail: Detail,
}

#[derive(Debug, Clone)]
enum Detail {
    /// The value's type is not among `expected`.
    Type { expected: Types, got: String },
    /// A key that neither `properties` nor `additionalProperties` allows.
    UnknownKey { key: String, suggestion: Option<String> },
    /// A key in `required` is absent.
    MissingKey(String),
    /// The value is not one of `enum`.
    NotInEnum { allowed: Vec<String>, got: String, suggestion: Option<String> },
    /// Any other message, already worded.
    Other(String),
}

impl Issue {
    fn into_problem(self) -> Problem {
        let did_you_mean = |s: &String| format!("did you mean {s:?}?");
        let (message, suggestion, help) = match self.detail {
            Detail::Type { expected, got } => {
                let message = format!("expected {}, got {got}", expected.describe());
                // The usual cause: YAML read an unquoted scalar as a boolean or a number.
                let scalar = Types::BOOLEAN.union(Types::INTEGER).union(Types::NUMBER);
                let quote = expected.contains(Types::STRING)
                    && !expected.contains(scalar)
                    && (got.starts_with("boolean") || got.starts_with("number"));
                (message, quote.then_some(Suggestion::Quote), quote.then(|| QUOTE_HINT.to_string()))
            }
            Detail::UnknownKey { key, suggestion } => {
                let help = suggestion.as_ref().map(did_you_mean);
                (format!("unknown key {key:?}"), suggestion.map(Suggestion::Key), help)
            }
            Detail::MissingKey(key) => (format!("missing required key {key:?}"), None, None),
            Detail::NotInEnum { allowed, got, suggestion } => {
                let help = suggestion.as_ref().map(did_you_mean);
                (format!("expected one of {}, got {got}", allowed.join(", ")), suggestion.map(Suggestion::Value), help)
            }
            Detail::Other(message) => (message, None, None),
        };
        Problem { path: ValuePath(self.path), message, suggestion, help }
    }
}

/// The help of a type problem where a string was expected and YAML read a boolean or a number.
const QUOTE_HINT: &str = "quote it: unquoted, YAML reads yes/on as a boolean and 0123 or 1e3 as a number";

struct Checker<'s> {
    schema: &'s Schema,
    path: Vec<Segment>,
}

impl Checker<'_> {
    fn issue(&self, detail: Detail) -> Issue {
        Issue { path: self.path.clone(), detail }
    }

    fn check(&mut self, id: NodeId, value: &Value, issues: &mut Vec<Issue>, depth: usize) {
        if depth > MAX_DEPTH {
            issues.push(self.issue(Detail::Other("the schema nests too deeply (a $ref cycle?)".into())));
            return;
        }
        let node = self.schema.node(id);
        if node.never {
            issues.push(self.issue(Detail::Other("no value is allowed here".into())));
            return;
        }
        if let Some(target) = node.reference {
            let before = issues.len();
            self.check(target, value, issues, depth + 1);
            // A failed type check in the target makes this node's own checks noise.
            if issues.len() > before && matches!(issues[before].detail, Detail::Type { .. }) {
                return;
            }
        }
        if let Some(types) = node.types {
            if !types.accepts(value) {
                issues.push(self.issue(Detail::Type { expected: types, got: describe_value(value) }));
                return;
            }
        }
        if let Some(allowed) = &node.enumeration {
            if !allowed.iter().any(|a| same(a, value)) {
                issues.push(self.issue(not_in_enum(allowed, value)));
            }
        }
        if let Some(constant) = &node.constant {
            if !same(constant, value) {
                let message = format!("expected {}, got {}", short(constant), describe_value(value));
                issues.push(self.issue(Detail::Other(message)));
            }
        }
        match value {
            Value::Int(_) | Value::Float(_) => self.check_number(node, value, issues),
            Value::String(s) => {
                let length = s.chars().count();
                if node.min_length.is_some_and(|min| length < min) {
                    let min = node.min_length.unwrap_or_default();
                    let message = format!("expected at least {min} characters, got {length}");
                    issues.push(self.issue(Detail::Other(message)));
                }
                if node.max_length.is_some_and(|max| length > max) {
                    let max = node.max_length.unwrap_or_default();
                    let message = format!("expected at most {max} characters, got {length}");
                    issues.push(self.issue(Detail::Other(message)));
                }
                if node.pattern.is_some() {
                    self.check_pattern(node, s, issues);
                }
            }
            Value::Seq(items) => {
                if node.min_items.is_some_and(|min| items.len() < min) {
                    let min = node.min_items.unwrap_or_default();
                    let message = format!("expected at least {min} items, got {}", items.len());
                    issues.push(self.issue(Detail::Other(message)));
                }
                if node.max_items.is_some_and(|max| items.len() > max) {
                    let max = node.max_items.unwrap_or_default();
                    let message = format!("expected at most {max} items, got {}", items.len());
                    issues.push(self.issue(Detail::Other(message)));
                }
                if let Some(item_schema) = node.items {
                    for (idx, item) in items.iter().enumerate() {
                        self.path.push(Segment::Index(idx));
                        self.check(item_schema, item, issues, depth + 1);
                        self.path.pop();
                    }
                }
            }
            Value::Map(map) => {
                self.check_required(node, |key| map.contains_key(key), issues);
                for (key, child) in map {
                    self.check_entry(node, key, child, issues, depth);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
        for branch in &node.all_of {
            self.check(*branch, value, issues, depth + 1);
        }
        if !node.any_of.is_empty() {
            self.check_alternatives(&node.any_of, false, value, issues, depth);
        }
        if !node.one_of.is_empty() {
            self.check_alternatives(&node.one_of, true, value, issues, depth);
        }
    }

    /// The keys `node` requires that a map lacks (`has` says which keys it holds).
    fn check_required(&self, node: &super::Node, has: impl Fn(&str) -> bool, issues: &mut Vec<Issue>) {
        for key in node.required.iter().filter(|key| !has(key)) {
            issues.push(self.issue(Detail::MissingKey(key.clone())));
        }
    }

    /// One entry of a map checked against the map's `node`: an unknown key, or the value against its schema.
    fn check_entry(&mut self, node: &super::Node, key: &str, child: &Value, issues: &mut Vec<Issue>, depth: usize) {
        let child_schema = match (node.properties.get(key), node.additional) {
            (Some(id), _) => Some(*id),
            (None, Additional::Schema(id)) => Some(id),
            (None, Additional::Allowed) => None,
            (None, Additional::Forbidden) => {
                self.path.push(Segment::Key(key.to_string()));
                let suggestion = closest(key, node.properties.keys().map(String::as_str));
                issues.push(self.issue(Detail::UnknownKey { key: key.to_string(), suggestion }));
                self.path.pop();
                None
            }
        };
        if let Some(child_schema) = child_schema {
            self.path.push(Segment::Key(key.to_string()));
            self.check(child_schema, child, issues, depth + 1);
            self.path.pop();
        }
    }

    /// Kept out of [`Checker::check`] so that its recursion's stack frames stay small.
    #[inline(never)]
    fn check_pattern(&self, node: &super::Node, text: &str, issues: &mut Vec<Issue>) {
        let Some(pattern) = node.pattern.as_ref().filter(|p| !p.is_match(text)) else { return };
        let expected = match &node.pattern_description {
            Some(words) => words.clone(),
            None => format!("a string matching {}", pattern.source()),
        };
        let message = format!("expected {expected}, got {}", describe_value(&Value::String(text.to_string())));
        issues.push(self.issue(Detail::Other(message)));
    }

    fn check_number(&self, node: &super::Node, value: &Value, issues: &mut Vec<Issue>) {
        let number = match value {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            _ => return,
        };
        let bounds = [
            (node.minimum, number < node.minimum.unwrap_or(f64::NEG_INFINITY), "at least"),
            (node.maximum, number > node.maximum.unwrap_or(f64::INFINITY), "at most"),
            (node.exclusive_minimum, number <= node.exclusive_minimum.unwrap_or(f64::NEG_INFINITY), "more than"),
            (node.exclusive_maximum, number >= node.exclusive_maximum.unwrap_or(f64::INFINITY), "less than"),
        ];
        for (bound, broken, words) in bounds {
            if let (Some(bound), true) = (bound, broken) {
                let message = format!("expected {words} {}, got {}", number_text(bound), number_text(number));
                issues.push(self.issue(Detail::Other(message)));
            }
        }
    }

    /// `anyOf` (`exactly_one` false) or `oneOf` (true).
    fn check_alternatives(
        &mut self,
        branches: &[NodeId],
        exactly_one: bool,
        value: &Value,
        issues: &mut Vec<Issue>,
        depth: usize,
    ) {
        let mut failures = Vec::with_capacity(branches.len());
        let mut passed = 0;
        for branch in branches {
            let mut branch_issues = Vec::new();
            self.check(*branch, value, &mut branch_issues, depth + 1);
            if branch_issues.is_empty() {
                passed += 1;
                if !exactly_one {
                    return;
                }
            } else {
                failures.push(branch_issues);
            }
        }
        if passed == 1 || (passed > 1 && !exactly_one) {
            return;
        }
        if passed > 1 {
            issues.push(self.issue(Detail::Other(format!("matches {passed} of the oneOf schemas, expected one"))));
            return;
        }
        // Every branch failed. Branches that failed only on this value's type merge into one message; a branch
        // that accepted the type and failed deeper is more telling, so the one with the fewest problems wins.
        let here = self.path.len();
        let type_only = |branch: &Vec<Issue>| {
            branch.len() == 1 && branch[0].path.len() == here && matches!(branch[0].detail, Detail::Type { .. })
        };
        let deeper = failures.iter().filter(|b| !type_only(b)).min_by_key(|b| b.len());
        if let Some(best) = deeper {
            issues.extend(best.iter().cloned());
            return;
        }
        let expected = failures.iter().fold(Types(0), |acc, branch| match &branch[0].detail {
            Detail::Type { expected, .. } => acc.union(*expected),
            _ => acc,
        });
        issues.push(self.issue(Detail::Type { expected, got: describe_value(value) }));
    }
}

/// Equality as JSON sees it: `3` (integer) equals `3.0` (float).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => (*x as f64) == *y,
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => a == b,
    }
}

fn not_in_enum(allowed: &[Value], value: &Value) -> Detail {
    let suggestion = match value {
        Value::String(s) => closest(s, allowed.iter().filter_map(Value::as_str)),
        _ => None,
    };
    Detail::NotInEnum { allowed: allowed.iter().map(short).collect(), got: describe_value(value), suggestion }
}

/// A value's type and, for scalars, the value: `string "soon"`, `number 80`, `boolean true`, `null`, `object`.
pub(super) fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => format!("boolean {}", short(value)),
        Value::Int(_) | Value::Float(_) => format!("number {}", short(value)),
        Value::String(_) => format!("string {}", short(value)),
        Value::Seq(_) => "array".into(),
        Value::Map(_) => "object".into(),
    }
}

/// A value in a message: strings quoted and cut after 40 characters, integral numbers without `.0`.
pub(super) fn short(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => number_text(*f),
        Value::String(s) if s.chars().count() > 40 => {
            let cut: String = s.chars().take(40).collect();
            format!("{cut:?}…")
        }
        Value::String(s) => format!("{s:?}"),
        Value::Seq(_) => "[…]".into(),
        Value::Map(_) => "{…}".into(),
    }
}

fn number_text(number: f64) -> String {
    if number.is_finite() && number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo: at most one edit per
/// four characters (and at least one), where a change of case alone counts as one.
pub(super) fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let limit = (word.chars().count() / 4).clamp(1, 3);
    candidates
        .map(|candidate| {
            let distance = if candidate.eq_ignore_ascii_case(word) { 1 } else { edit_distance(word, candidate) };
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.to_string())
}

/// Levenshtein distance over characters, with one row of memory.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Map;

    fn schema(text: &str) -> Schema {
        match Schema::from_json(text) {
            Ok(schema) => schema,
            Err(err) => panic!("test schema does not compile: {err}"),
        }
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<Map>())
    }

    fn messages(schema: &Schema, value: &Value) -> Vec<String> {
        schema.validate(value).iter().map(ToString::to_string).collect()
    }

    const PROBE: &str = r#"{"type": "object", "additionalProperties": false,
        "properties": {"periodSeconds": {"type": "integer"}, "ratio": {"type": "number", "minimum": 0, "maximum": 1},
                       "name": {"type": "string", "minLength": 1}}}"#;

    #[test]
    fn pattern_checks_strings_only_and_words_the_problem() {
        let schema = schema(
            r#"{"properties": {"replicas": {"type": ["integer", "string"], "pattern": "^(0|[1-9][0-9]*)$",
                "x-pattern-description": "integer or a string of digits"},
                "raw": {"type": "string", "pattern": "^a+$"}}}"#,
        );
        let replicas = |value: Value| messages(&schema, &map(&[("replicas", value)]));
        assert!(replicas(Value::String("3".into())).is_empty());
        assert!(replicas(Value::Float(3.0)).is_empty());
        assert_eq!(
            replicas(Value::String("three".into())),
            [r#"replicas: expected integer or a string of digits, got string "three""#]
        );
        assert_eq!(replicas(Value::Bool(true)), ["replicas: expected string or integer, got boolean true"]);
        assert_eq!(
            messages(&schema, &map(&[("raw", Value::String("b".into()))])),
            [r#"raw: expected a string matching ^a+$, got string "b""#]
        );
    }

    /// Issue 9: a hostile pattern on a long value is a problem, not a stack overflow or a hang.
    #[test]
    fn catastrophic_patterns_on_long_values_are_problems() {
        let schema = schema(
            r#"{"properties": {"dotStar": {"pattern": "^.*x$"}, "nested": {"pattern": "^(a+)+$"},
                "overlap": {"pattern": "^(a|aa)*$"}, "letters": {"pattern": "^([a-z]*)*[0-9]$"}}}"#,
        );
        let long_a = "a".repeat(200_000);
        let values = map(&[
            ("dotStar", Value::String(long_a.clone())),
            ("nested", Value::String(format!("{}b", "a".repeat(40)))),
            ("overlap", Value::String(format!("{long_a}b"))),
            ("letters", Value::String(long_a)),
        ]);
        let problems = messages(&schema, &values);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with(r#"dotStar: expected a string matching ^.*x$, got string "aaaa"#));
    }

    #[test]
    fn integer_accepts_integral_floats_and_ints() {
        let schema = schema(PROBE);
        assert!(messages(&schema, &map(&[("periodSeconds", Value::Float(10.0))])).is_empty());
        assert!(messages(&schema, &map(&[("periodSeconds", Value::Int(10))])).is_empty());
        assert_eq!(
            messages(&schema, &map(&[("periodSeconds", Value::Float(1.5))])),
            ["periodSeconds: expected integer, got number 1.5"]
        );
    }

    #[test]
    fn wrong_type_names_the_value() {
        let schema = schema(PROBE);
        let value = map(&[("periodSeconds", Value::String("soon".into()))]);
        assert_eq!(messages(&schema, &value), ["periodSeconds: expected integer, got string \"soon\""]);
    }

    #[test]
    fn bounds_and_lengths() {
        let schema = schema(PROBE);
        let value = map(&[("ratio", Value::Float(2.0)), ("name", Value::String(String::new()))]);
        assert_eq!(
            messages(&schema, &value),
            ["name: expected at least 1 characters, got 0", "ratio: expected at most 1, got 2"]
        );
    }

    #[test]
    fn unknown_key_suggests_the_closest_known_key() {
        let schema = schema(
            r#"{"type": "object", "additionalProperties": false,
            "properties": {"containerImage": {"type": "object"}, "containerPorts": {"type": "object"}}}"#,
        );
        let problems = schema.validate(&map(&[("contanerImage", Value::Map(Map::new()))]));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "contanerImage: unknown key \"contanerImage\" (did you mean \"containerImage\"?)"
        );
        assert_eq!(problems[0].suggestion, Some(super::super::Suggestion::Key("containerImage".into())));
        let far = messages(&schema, &map(&[("replicas", Value::Float(1.0))]));
        assert_eq!(far, ["replicas: unknown key \"replicas\""]);
    }

    #[test]
    fn additional_properties_schema_checks_other_keys() {
        let schema = schema(r#"{"type": "object", "additionalProperties": {"type": "string"}}"#);
        assert_eq!(
            messages(&schema, &map(&[("a", Value::Bool(true))])),
            [format!("a: expected string, got boolean true ({QUOTE_HINT})")]
        );
    }

    #[test]
    fn required_keys_are_reported_on_the_object() {
        let schema = schema(
            r#"{"properties": {"containers": {"type": "array",
            "items": {"type": "object", "required": ["image", "name"]}}}}"#,
        );
        let value = map(&[("containers", Value::Seq(vec![map(&[("name", Value::String("web".into()))])]))]);
        assert_eq!(messages(&schema, &value), ["containers[0]: missing required key \"image\""]);
    }

    #[test]
    fn enum_and_const() {
        let schema = schema(
            r#"{"properties": {"type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer"]},
            "port": {"enum": [80, 443]}, "v": {"const": "v1"}}}"#,
        );
        let value = map(&[
            ("type", Value::String("Nodeport".into())),
            ("port", Value::Int(443)),
            ("v", Value::String("v2".into())),
        ]);
        assert_eq!(
            messages(&schema, &value),
            [
                "type: expected one of \"ClusterIP\", \"NodePort\", \"LoadBalancer\", got string \"Nodeport\" \
                 (did you mean \"NodePort\"?)",
                "v: expected \"v1\", got string \"v2\"",
            ]
        );
    }

    #[test]
    fn int_or_string() {
        let schema = schema(r#"{"properties": {"port": {"x-kubernetes-int-or-string": true}}}"#);
        assert!(messages(&schema, &map(&[("port", Value::Float(8080.0))])).is_empty());
        assert!(messages(&schema, &map(&[("port", Value::String("http".into()))])).is_empty());
        assert_eq!(
            messages(&schema, &map(&[("port", Value::Float(1.5))])),
            ["port: expected string or integer, got number 1.5"]
        );
    }

    #[test]
    fn any_of_merges_type_mismatches() {
        let schema = schema(r#"{"properties": {"x": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}"#);
        assert!(messages(&schema, &map(&[("x", Value::Float(3.0))])).is_empty());
        assert_eq!(
            messages(&schema, &map(&[("x", Value::Bool(true))])),
            ["x: expected string or integer, got boolean true"]
        );
    }

    #[test]
    fn any_of_reports_the_branch_that_got_furthest() {
        let schema = schema(
            r#"{"anyOf": [{"type": "string"},
            {"type": "object", "additionalProperties": false, "properties": {"port": {"type": "integer"}}}]}"#,
        );
        assert_eq!(
            messages(&schema, &map(&[("port", Value::String("eighty".into()))])),
            ["port: expected integer, got string \"eighty\""]
        );
    }

    #[test]
    fn one_of_rejects_two_matches() {
        let schema = schema(r#"{"oneOf": [{"type": "number"}, {"type": "integer"}]}"#);
        assert_eq!(messages(&schema, &Value::Float(1.0)), ["matches 2 of the oneOf schemas, expected one"]);
        assert!(messages(&schema, &Value::Float(1.5)).is_empty());
    }

    #[test]
    fn all_of_checks_every_branch() {
        let schema = schema(r#"{"allOf": [{"required": ["a"]}, {"required": ["b"]}]}"#);
        assert_eq!(messages(&schema, &map(&[])), ["missing required key \"a\"", "missing required key \"b\""]);
    }

    #[test]
    fn refs_to_definitions_and_defs() {
        let schema = schema(
            r##"{"type": "object", "properties": {
                "a": {"$ref": "#/definitions/port"}, "b": {"$ref": "#/$defs/name", "description": "the name"}},
            "definitions": {"port": {"type": "integer", "minimum": 1}},
            "$defs": {"name": {"type": "string"}}}"##,
        );
        let value = map(&[("a", Value::Float(0.0)), ("b", Value::Float(1.0))]);
        assert_eq!(
            messages(&schema, &value),
            ["a: expected at least 1, got 0", &format!("b: expected string, got number 1 ({QUOTE_HINT})")]
        );
        assert_eq!(schema.validate_definition("port", &Value::Float(3.0)), Some(vec![]));
        assert_eq!(schema.validate_definition("nope", &Value::Null), None);
    }

    #[test]
    fn ref_cycle_is_bounded() {
        let schema = schema(r##"{"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}}"##);
        assert_eq!(messages(&schema, &Value::Null), ["the schema nests too deeply (a $ref cycle?)"]);
    }

    #[test]
    fn false_schema_allows_nothing() {
        let schema = schema(r#"{"properties": {"x": false}}"#);
        assert_eq!(messages(&schema, &map(&[("x", Value::Null)])), ["x: no value is allowed here"]);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("contanerImage", "containerImage"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
