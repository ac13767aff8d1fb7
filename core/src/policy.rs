//! The values policy: one answer to each kind of mistake, the same in every chart.
//!
//! Helm renders whatever YAML and its templates make of a value. Most values come out as meant; some come out as
//! another setting, or as an object the API server refuses, and Helm says nothing. The policy sorts them, from the
//! chart's values schema (types, and `x-helm`: how the templates use a value) and from how the values are written
//! (the reader's [`Note`]s):
//!
//! - **accept**: what Helm turns into the object the user meant (`replicaCount: "3"` prints `replicas: 3`; `"true"`
//!   where the chart only tests truthiness);
//! - **refuse** (an error, with a fix where one is clear): what Helm turns into an object the API server refuses or
//!   into another setting than the one written — unknown keys, wrong types, `"false"` where the chart tests
//!   truthiness (any non-empty string is true), `fileMode: 0644` (YAML reads octal 420, the chart then mode 0420);
//! - **warn** (the output is Helm's): what reaches the cluster in another form than written but plausibly as
//!   meant — `NO` where a string is expected becomes `"false"`, `2592000` printed raw becomes `2.592e+06`, a key
//!   YAML reads as a boolean, a duplicate key, text YAML stops reading (a second document, an indented first line).
//!
//! Helm validates the *coalesced* values (the user's over the chart defaults) against the schema, and so does
//! this: a default the user nulled is gone, a default the user left alone is checked too. Each diagnostic points
//! where the user wrote the value (or its nearest written parent, or the flag that set it). Positions are read
//! only when there is something to report: on every keystroke the common case costs one schema walk.
//!
//! The table of examples, with a test per row, is in `docs/values-policy.md` and `tests/parity/policy/`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::chart::Chart;
use crate::coalesced::Coalesced;
use crate::diagnostic::{Cause, Diagnostic, Fix, Note as DiagnosticNote, Severity, TextEdit};
use crate::error::Location;
use crate::render::UserValues;
use crate::schema::{Problem, RootChecks, Schema, Suggestion, Usage};
use crate::values::path::{Segment, ValuePath};
use crate::values::source::{Origin, Sources};
use crate::values::Value;
use crate::yaml::read::Note;
use crate::yaml::scalar::{resolve_plain, Scalar};
use crate::yaml::write::to_yaml;

/// The `values` of `user` (coalesced over the chart's defaults) under the policy: diagnostics in text order.
pub(crate) fn check_values(schema: &Schema, values: &Value, user: &UserValues) -> Vec<Diagnostic> {
    let mut found = Findings { problems: schema.validate(values), flags: Vec::new() };
    find_flags(schema, values, &mut ValuePath::default(), &mut found.flags);
    place(schema, found, user)
}

/// What the policy finds in the values before it is placed where the user wrote it: the schema's problems, and the
/// strings written where the chart only tests a flag.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    problems: Vec<Problem>,
    flags: Vec<(ValuePath, String)>,
}

impl Findings {
    /// The findings in the top-level entry `key: value` of the values, under the schema's `root` checks.
    pub(crate) fn of_entry(schema: &Schema, root: RootChecks<'_>, key: &str, value: &Value) -> Findings {
        let mut flags = Vec::new();
        find_flags(schema, value, &mut ValuePath(vec![Segment::Key(key.to_string())]), &mut flags);
        Findings { problems: root.entry(key, value), flags }
    }

    fn extend(&mut self, other: &Findings) {
        self.problems.extend(other.problems.iter().cloned());
        self.flags.extend(other.flags.iter().cloned());
    }
}

/// The findings of each top-level entry of the values, kept between runs: a run checks again only the entries whose
/// value changed, and takes those still at the chart's default from the chart ([`Chart::default_findings`]).
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// By key: the version of the value checked ([`Coalesced::version`]) and what was found.
    entries: HashMap<String, (u64, Findings)>,
}

impl Checked {
    /// Like [`check_values`] on the coalesced `values` of `user`, checking again only what changed.
    pub(crate) fn check(
        &mut self,
        chart: &Chart,
        schema: &Schema,
        values: &Coalesced,
        user: &UserValues,
    ) -> Vec<Diagnostic> {
        let Some(root) = schema.root_checks() else {
            return check_values(schema, &values.to_value(), user);
        };
        let defaults = chart.default_findings();
        let mut found = Findings { problems: root.required(|key| values.contains(key)), flags: Vec::new() };
        self.entries.retain(|key, _| values.contains(key));
        // Both in key order: the findings of the defaults are found by walking along.
        let mut defaults = defaults.into_iter().flatten().peekable();
        for (key, value, version) in values.entries() {
            while defaults.next_if(|(default, _)| default.as_str() < key).is_some() {}
            let at_default = defaults.next_if(|(default, _)| default.as_str() == key).filter(|_| version == 0);
            if let Some((_, findings)) = at_default {
                found.extend(findings);
                continue;
            }
            let entry = self.entries.entry(key.to_string()).or_default();
            if entry.0 != version || version == 0 {
                *entry = (version, Findings::of_entry(schema, root, key, value));
            }
            found.extend(&entry.1);
        }
        place(schema, found, user)
    }
}

/// The `found` in the values of `user`, and what the reader noted in their files, as diagnostics placed where the
/// user wrote the values, in text order.
fn place(schema: &Schema, found: Findings, user: &UserValues) -> Vec<Diagnostic> {
    let sources = &user.sources;
    let mut diagnostics: Vec<Diagnostic> =
        found.problems.into_iter().map(|problem| schema_problem(problem, sources)).collect();
    diagnostics.extend(found.flags.into_iter().map(|(path, text)| flag_diagnostic(path, &text, sources)));
    for (file, note) in sources.notes() {
        diagnostics.extend(noted(schema, sources, &file, note));
    }
    // In the order of the text: by file, then line and column; what has no place comes last.
    let files = sources.files();
    let order = |d: &Diagnostic| match &d.location {
        Some(l) => (files.iter().position(|f| *f.name == *l.file).unwrap_or(files.len()), l.line, l.column),
        None => (usize::MAX, 0, 0),
    };
    diagnostics.sort_by_key(order);
    diagnostics
}

/// Why the value at `path` cannot produce anything, when the chart says: a flag that turns its part off
/// (`ingress.enabled is false`, `containerPorts.http.disabled is true`), found next to the value or one of its
/// parents in the coalesced `values`.
pub(crate) fn switched_off(schema: &Schema, values: &Value, path: &ValuePath) -> Option<String> {
    let lookup = |path: &ValuePath| {
        path.0.iter().try_fold(values, |value, segment| match (value, segment) {
            (Value::Map(map), Segment::Key(key)) => map.get(key),
            (Value::Seq(items), Segment::Index(index)) => items.get(*index),
            _ => None,
        })
    };
    let truthy = |value: Option<&Value>| match value {
        None | Some(Value::Null | Value::Bool(false)) => false,
        Some(Value::Int(0)) => false,
        Some(Value::Float(f)) => *f != 0.0,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Seq(items)) => !items.is_empty(),
        Some(Value::Map(map)) => !map.is_empty(),
        Some(_) => true,
    };
    let containers = std::iter::once(path.clone()).chain(crate::trace::ancestors(path));
    for container in containers {
        for (flag, off_when_true) in [("enabled", false), ("disabled", true)] {
            let flag_path = crate::trace::with_key(&container, flag);
            if flag_path == *path || schema.usage(&flag_path) != Some(Usage::Flag) {
                continue;
            }
            let on = truthy(lookup(&flag_path));
            if on == off_when_true {
                return Some(format!("{flag_path} is {}", if off_when_true { "true" } else { "false" }));
            }
        }
    }
    None
}

/// A problem the values schema found, at the value's place, with a fix where one is clear.
fn schema_problem(problem: crate::schema::Problem, sources: &Sources) -> Diagnostic {
    let location = match problem.path.0.is_empty() {
        true => sources.document(),
        false => sources.locate(&problem.path),
    };
    let mut diagnostic = Diagnostic::new(Severity::Error, Cause::Schema, problem.message).at(location);
    diagnostic.help = problem.help;
    let problem_quote = problem.suggestion == Some(Suggestion::Quote);
    let fix = match problem.suggestion {
        // A misspelled key, or a value outside an enum, is replaced where it is written.
        Some(Suggestion::Key(key)) => match sources.origin(&problem.path) {
            Origin::File(Location { file, range: Some(range), .. }) => {
                Some(Fix { title: format!("use {key:?}"), edits: vec![TextEdit { file, range, text: key }] })
            }
            _ => None,
        },
        Some(Suggestion::Value(value)) => sources.value_span(&problem.path).map(|(file, range)| Fix {
            title: format!("use {value:?}"),
            edits: vec![TextEdit { file, range, text: to_yaml(&Value::String(value)) }],
        }),
        Some(Suggestion::Quote) => quote_fix(sources, &problem.path),
        None => None,
    };
    if let Some(Fix { title, .. }) = fix.as_ref().filter(|_| problem_quote) {
        // The fix says it better than the general hint.
        diagnostic.help = Some(title.clone());
    }
    diagnostic.fixes.extend(fix);
    diagnostic.about(problem.path)
}

/// Quoting the scalar at `path` as written, where a values file sets it: `NO` becomes `"NO"`.
fn quote_fix(sources: &Sources, path: &ValuePath) -> Option<Fix> {
    let (file, range) = sources.value_span(path)?;
    let written = sources.text(&file, &range)?;
    quote_edit(file, range, written)
}

/// The edit that quotes `written` (a plain scalar) at `range` of `file`, titled `quote it: "NO"`.
fn quote_edit(file: Arc<str>, range: std::ops::Range<usize>, written: &str) -> Option<Fix> {
    if written.is_empty() || written.starts_with(['"', '\'', '|', '>', '{', '[']) || written.contains('\n') {
        return None;
    }
    let quoted = to_yaml(&Value::String(written.to_string()));
    Some(Fix { title: format!("quote it: {quoted}"), edits: vec![TextEdit { file, range, text: quoted }] })
}

/// Strings where the chart only tests a value's truth (`x-helm: flag`): Helm's `if` takes any non-empty string as
/// true, so `"false"`, `"no"` or `"off"` switch the thing on. Walks the values where the schema has such flags and
/// collects each such string with its path (but `"true"` and its YAML 1.1 synonyms, which do what they say).
fn find_flags(schema: &Schema, value: &Value, path: &mut ValuePath, out: &mut Vec<(ValuePath, String)>) {
    match value {
        Value::Map(map) => {
            for (key, child) in map {
                path.0.push(Segment::Key(key.clone()));
                find_flags(schema, child, path, out);
                path.0.pop();
            }
        }
        Value::Seq(items) => {
            for (index, child) in items.iter().enumerate() {
                path.0.push(Segment::Index(index));
                find_flags(schema, child, path, out);
                path.0.pop();
            }
        }
        Value::String(text)
            if !text.is_empty()
                && schema.usage(path) == Some(Usage::Flag)
                && resolve_plain(text) != Scalar::Bool(true) =>
        {
            out.push((path.clone(), text.clone()));
        }
        _ => {}
    }
}

/// The error about `text`, a string written at `path` where the chart only tests a flag (see [`find_flags`]).
fn flag_diagnostic(path: ValuePath, text: &str, sources: &Sources) -> Diagnostic {
    let (message, fix) = match resolve_plain(text) {
        Scalar::Bool(false) => (
            format!("{text:?} is a string, which Helm's if treats as true: this turns {} on", path),
            sources.value_span(&path).map(|(file, range)| Fix {
                title: "write false".to_string(),
                edits: vec![TextEdit { file, range, text: "false".to_string() }],
            }),
        ),
        _ => (format!("expected a boolean, got string {text:?} (Helm's if treats any non-empty string as true)"), None),
    };
    let location = sources.locate(&path);
    let mut diagnostic = Diagnostic::new(Severity::Error, Cause::Schema, message).at(location);
    if fix.is_some() {
        diagnostic.help = Some("write false without quotes".to_string());
    }
    diagnostic.fixes.extend(fix);
    diagnostic.about(path)
}

/// What a reader's note means under the policy, for the value it is about: nothing when the value is used as
/// written (`yes` for a boolean) or another file or flag sets it.
fn noted(schema: &Schema, sources: &Sources, file: &Arc<str>, note: &Note) -> Option<Diagnostic> {
    let warning = |message: String, location: &Location| {
        Diagnostic::new(Severity::Warning, Cause::Yaml, message).at(Some(location.clone()))
    };
    match note {
        Note::Dropped { location, second_document: true } => {
            let message = "a second YAML document starts here, and Helm reads only the first: what follows is ignored";
            Some(
                warning(message.into(), location)
                    .help("remove the --- line, or put these values in another values file"),
            )
        }
        Note::Dropped { location, second_document: false } => {
            let indented = sources.first_line_indented(file);
            let message = match indented {
                true => {
                    "YAML stops reading here: the first line is indented, so this less indented line ends the \
                         document, and Helm ignores the rest of the file"
                }
                false => "YAML stops reading here, and Helm ignores the rest of the file",
            };
            let diagnostic = warning(message.into(), location);
            Some(if indented { diagnostic.help("start the first line at column 1, as the others") } else { diagnostic })
        }
        Note::Duplicate { path, location, first } => {
            let key = path.0.last().map(|segment| ValuePath(vec![segment.clone()]).to_string()).unwrap_or_default();
            let message =
                format!("{key} is written twice in this mapping: this value wins, line {} is ignored", first.line);
            let mut diagnostic = warning(message, location).help("remove one of them");
            diagnostic.notes.push(DiagnosticNote {
                message: format!("{key} is first written here"),
                location: Some(first.clone()),
            });
            Some(diagnostic.about(path.clone()))
        }
        Note::Retyped { path, text, becomes, key: true, location } => {
            let message = format!("YAML reads the key {text} as {becomes:?}");
            let mut diagnostic = warning(message, location);
            let fix = location.range.clone().and_then(|range| quote_edit(file.clone(), range, text));
            diagnostic.help = fix.as_ref().map(|fix| fix.title.clone());
            diagnostic.fixes.extend(fix);
            Some(diagnostic.about(path.clone()))
        }
        Note::Retyped { path, text, becomes, key: false, location } => {
            // Only the value that reaches the templates matters.
            match sources.origin(path) {
                Origin::File(at) if at.file == *file => {}
                _ => return None,
            }
            retyped_value(schema.usage(path)?, file, path, text, becomes, location)
        }
    }
}

/// A plain scalar that does not reach the templates as written, under the way the chart uses it.
fn retyped_value(
    usage: Usage,
    file: &Arc<str>,
    path: &ValuePath,
    text: &str,
    becomes: &str,
    location: &Location,
) -> Option<Diagnostic> {
    let scalar = resolve_plain(text);
    let range = location.range.clone()?;
    let leading_zero = text.trim_start_matches(['-', '+']).starts_with('0') && text.len() > 1 && !text.contains('.');
    let (severity, message, fix) = match (usage, &scalar) {
        (Usage::Text, Scalar::Bool(_)) => (
            Severity::Warning,
            format!("YAML reads {text} as the boolean {becomes}, so the chart writes \"{becomes}\""),
            quote_edit(file.clone(), range, text),
        ),
        (Usage::Text, Scalar::Int(_) | Scalar::Float(_)) => (
            Severity::Warning,
            format!("YAML reads {text} as a number, which the chart writes as \"{becomes}\""),
            quote_edit(file.clone(), range, text),
        ),
        (Usage::FileMode, Scalar::Int(_)) if leading_zero => {
            let digits = text.trim_start_matches('0');
            let digits = format!("{digits:0>3}");
            let message = format!(
                "YAML reads {text} as the octal number {becomes}, and the chart reads the digits {becomes} as an octal \
                 mode: the file would get mode 0{becomes}, not {text}"
            );
            let fix = Fix {
                title: format!("write {:?}", digits),
                edits: vec![TextEdit { file: file.clone(), range, text: to_yaml(&Value::String(digits.clone())) }],
            };
            (Severity::Error, message, Some(fix))
        }
        (Usage::Number | Usage::Int | Usage::FileMode, Scalar::Int(value))
            if leading_zero || !text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (Severity::Warning, format!("YAML 1.1 reads {text} as the number {value}"), None)
        }
        (Usage::Number, Scalar::Int(_) | Scalar::Float(_)) if becomes.contains('e') => {
            let digits = text.bytes().all(|b| b.is_ascii_digit());
            let fix = digits.then(|| {
                let quoted = to_yaml(&Value::String(text.to_string()));
                Fix {
                    title: format!("quote it: {quoted}"),
                    edits: vec![TextEdit { file: file.clone(), range, text: quoted }],
                }
            });
            (Severity::Warning, format!("Helm prints the number {text} as {becomes}, in Go's float format"), fix)
        }
        _ => return None,
    };
    let mut diagnostic = Diagnostic::new(severity, Cause::Yaml, message).at(Some(location.clone()));
    diagnostic.help = fix.as_ref().map(|fix| fix.title.clone());
    diagnostic.fixes.extend(fix);
    Some(diagnostic.about(path.clone()))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Chart;
    use crate::diagnostic::Diagnostic;
    use crate::render::load_values;
    use crate::values::merge;
    use crate::values::source::{SetFlag, SetKind, ValuesFile};

    fn check(chart: &str, text: &str, flags: &[&str]) -> Vec<Diagnostic> {
        let chart = Chart::builtin(chart).unwrap();
        let schema = Schema::from_json(chart.schema().unwrap()).unwrap();
        let flags: Vec<SetFlag> = flags.iter().map(|f| SetFlag::new(SetKind::Set, *f)).collect();
        let user = load_values(&[ValuesFile::new("values.yaml", text)], &flags).unwrap();
        let values = Value::Map(merge::coalesce(&user.values, chart.default_values()));
        check_values(&schema, &values, &user)
    }

    fn problems(chart: &str, text: &str) -> Vec<Diagnostic> {
        check(chart, text, &[])
    }

    /// `path: message (help) @ line:column` for each problem.
    fn summary(chart: &str, text: &str) -> Vec<String> {
        problems(chart, text)
            .into_iter()
            .map(|mut p| {
                let at = match p.location.take() {
                    Some(l) => format!(" @ {}:{}", l.line, l.column),
                    None => " @ nowhere".to_string(),
                };
                format!("{p}{at}")
            })
            .collect()
    }

    const IMAGE: &str = "containerImage:\n  repository: nginx\n  tag: \"1.27\"\n";

    #[test]
    fn checks_kept_between_runs_find_what_a_full_check_finds() {
        let texts = [
            format!("applicationName: web\n{IMAGE}"),
            format!("applicationName: 5\n{IMAGE}contanerPorts: {{}}\ningress:\n  enabled: \"false\"\n"),
            format!("{IMAGE}service: null\nminPodsAvailable: soon\n"),
            format!("applicationName: web\n{IMAGE}ingress:\n  enabled: \"false\"\n"),
            String::new(),
        ];
        for chart_name in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let chart = Chart::builtin(chart_name).unwrap();
            let schema = chart.compiled_schema().unwrap().unwrap();
            let mut renderer = crate::render::Renderer::new(chart.clone());
            let mut checked = Checked::default();
            let mut found_any = false;
            for text in texts.iter().chain(texts.iter().rev()) {
                let user = load_values(&[ValuesFile::new("values.yaml", text.as_str())], &[]).unwrap();
                let values = renderer.coalesce(&user.values);
                let kept = checked.check(&chart, &schema, values, &user);
                let full = check_values(&schema, &values.to_value(), &user);
                assert_eq!(format!("{kept:?}"), format!("{full:?}"), "{chart_name}: {text}");
                found_any |= full.len() > 2;
            }
            assert!(found_any, "{chart_name}: no run found problems to compare");
        }
    }

    #[test]
    fn minimal_values_are_valid_in_every_chart() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            assert_eq!(summary(chart, &format!("applicationName: web\n{IMAGE}")), Vec::<String>::new(), "{chart}");
        }
    }

    #[test]
    fn misspelled_top_level_key_is_reported_where_written_with_a_suggestion() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let text = format!("applicationName: web\n{IMAGE}contanerPorts:\n  http:\n    port: 8080\n");
            let found = problems(chart, &text);
            assert_eq!(found.len(), 1, "{chart}: {found:?}");
            assert_eq!(
                found[0].to_string(),
                r#"values.yaml:5:1: contanerPorts: unknown key "contanerPorts" (did you mean "containerPorts"?)"#
            );
            assert_eq!(found[0].fixes[0].edits[0].text, "containerPorts");
            let location = found[0].location.as_ref().unwrap();
            assert_eq!((&*location.file, location.line, location.column), ("values.yaml", 5, 1));
        }
    }

    #[test]
    fn misspelled_nested_key_is_reported_at_its_line() {
        let text = "applicationName: web\ncontainerImage:\n  repositry: nginx\n  tag: \"1.27\"\n";
        assert_eq!(
            summary("k8s-service", text),
            [r#"containerImage.repositry: unknown key "repositry" (did you mean "repository"?) @ 3:3"#]
        );
        let text = "applicationName: web\ncontainerImage:\n  repo: nginx\n  tag: \"1.27\"\n";
        assert_eq!(summary("k8s-service", text), [r#"containerImage.repo: unknown key "repo" @ 3:3"#]);
    }

    #[test]
    fn wrong_type_names_the_path_and_line() {
        let text = format!("applicationName: web\n{IMAGE}containerPorts: 5\n");
        assert_eq!(summary("k8s-service", &text), ["containerPorts: expected object, got number 5 @ 5:1"]);
        let text = format!("applicationName: web\n{IMAGE}replicaCount: three\n");
        assert_eq!(summary("k8s-service", &text), [r#"replicaCount: expected integer, got string "three" @ 5:1"#]);
    }

    #[test]
    fn values_helm_turns_into_valid_objects_are_accepted() {
        // Printed raw or read with `int`, a string of digits is the number (`replicas: 3`); printed raw, a word
        // YAML reads as a boolean is one; printed inside quotes, any scalar makes a valid string.
        let text = format!(
            "applicationName: web\n{IMAGE}replicaCount: \"3\"\nminPodsAvailable: \"1\"\nshutdownDelay: \"10\"\n\
             terminationGracePeriodSeconds: \"30\"\ncontainerPorts:\n  http:\n    port: \"8080\"\n\
             canary:\n  replicaCount: \"2\"\n  containerImage: {{repository: r, tag: yes}}\n\
             horizontalPodAutoscaler:\n  maxReplicas: \"5\"\n  avgCpuUtilization: \"50\"\n\
             secrets:\n  s:\n    as: volume\n    mountPath: 0123\n    readOnly: \"yes\"\n\
             ingress:\n  hosts: [1e3]\nserviceAccount:\n  automountServiceAccountToken: \"false\"\n"
        );
        let found = problems("k8s-service", &text);
        assert!(found.iter().all(|d| !d.is_error()), "{found:?}");
        // Those YAML 1.1 read as something else than written are accepted with a warning.
        let warned: Vec<String> = found.iter().filter_map(|d| d.path.as_ref().map(ToString::to_string)).collect();
        assert_eq!(warned, ["canary.containerImage.tag", "secrets.s.mountPath", "ingress.hosts[0]"]);
        for (value, problem) in [
            ("\"03\"", r#"replicaCount: expected integer, got string "03" @ 5:1"#),
            ("\"3.5\"", r#"replicaCount: expected integer, got string "3.5" @ 5:1"#),
            ("\"\"", r#"replicaCount: expected integer, got string "" @ 5:1"#),
            ("3.5", "replicaCount: expected string or integer, got number 3.5 @ 5:1"),
            ("true", "replicaCount: expected string or integer, got boolean true @ 5:1"),
        ] {
            let text = format!("applicationName: web\n{IMAGE}replicaCount: {value}\n");
            assert_eq!(summary("k8s-service", &text), [problem], "{value}");
        }
    }

    #[test]
    fn nested_enum_is_checked() {
        let text = format!("applicationName: web\n{IMAGE}service:\n  type: Foo\n");
        let found = problems("k8s-service", &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.as_ref().map(ToString::to_string).as_deref(), Some("service.type"));
        assert!(found[0].message.starts_with("expected one of \"ClusterIP\""), "{}", found[0].message);
        assert_eq!(found[0].location.as_ref().map(|l| l.line), Some(6));
    }

    #[test]
    fn user_chosen_names_stay_open() {
        let text = format!(
            "applicationName: web\n{IMAGE}envVars:\n  ANY_NAME: x\ncontainerPorts:\n  grpc:\n    port: 9000\n\
             podAnnotations:\n  a/b: c\naffinity:\n  nodeAffinity: {{}}\nsideCarContainers:\n  proxy:\n    image: envoy\n"
        );
        assert_eq!(summary("k8s-service", &text), Vec::<String>::new());
    }

    #[test]
    fn keys_of_other_charts_are_unknown() {
        let text = format!("applicationName: web\n{IMAGE}replicaCount: 2\n");
        let found = summary("k8s-job", &text);
        assert_eq!(found, [r#"replicaCount: unknown key "replicaCount" @ 5:1"#]);
        let found = summary("k8s-daemon-set", &format!("applicationName: web\n{IMAGE}restartPolicy: Never\n"));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn missing_application_name_points_at_the_document() {
        assert_eq!(summary("k8s-job", IMAGE), [r#"missing required key "applicationName" @ 1:1"#]);
    }

    #[test]
    fn set_flags_are_checked_at_the_flag() {
        let found = check("k8s-service", &format!("applicationName: web\n{IMAGE}"), &["replicaCount=abc"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].to_string(), r#"--set replicaCount=abc: replicaCount: expected integer, got string "abc""#);
    }

    #[test]
    fn schema_defaults_match_values_yaml() {
        // The schema is generated from xtask/schema/ while values.yaml is edited by hand: keep them in step.
        for name in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let chart = Chart::builtin(name).unwrap();
            let json: serde_json::Value = serde_json::from_str(chart.schema().unwrap()).unwrap();
            let properties = json["properties"].as_object().unwrap();
            for (key, value) in chart.default_values() {
                let property = properties.get(key).unwrap_or_else(|| panic!("{name}: {key} is not in the schema"));
                let default = property.get("default").map(crate::schema::value_from_json);
                assert_eq!(default.as_ref(), Some(&normalise(value)), "{name}: default of {key}");
            }
        }
    }

    /// Numbers as floats, as JSON defaults read.
    fn normalise(value: &Value) -> Value {
        match value {
            Value::Int(i) => Value::Float(*i as f64),
            Value::Seq(items) => Value::Seq(items.iter().map(normalise).collect()),
            Value::Map(map) => Value::Map(map.iter().map(|(k, v)| (k.clone(), normalise(v))).collect()),
            other => other.clone(),
        }
    }

    /// The rendered stream and the diagnostics of `text` in `chart`, through the whole pipeline.
    fn run(chart: &str, text: &str) -> (String, Vec<String>) {
        let mut session = crate::Session::builtin(chart).unwrap();
        let inputs = crate::Inputs { files: vec![ValuesFile::new("values.yaml", text)], ..Default::default() };
        let outcome = session.run(&inputs, crate::Checks::default());
        let diagnostics = outcome.diagnostics.iter().map(|d| format!("{}: {d}", d.severity.name())).collect();
        (outcome.rendered.map(|r| r.to_stream()).unwrap_or_default(), diagnostics)
    }

    #[test]
    fn the_three_charts_accept_digit_strings_where_a_number_is_printed() {
        for (chart, key, printed) in [
            ("k8s-service", "replicaCount", "  replicas: 3\n"),
            ("k8s-daemon-set", "minReadySeconds", "  minReadySeconds: 3\n"),
            ("k8s-job", "backoffLimit", "  backoffLimit: 3\n"),
        ] {
            let (stream, diagnostics) = run(chart, &format!("applicationName: web\n{IMAGE}{key}: \"3\"\n"));
            assert_eq!(diagnostics, Vec::<String>::new(), "{chart}");
            assert!(stream.contains(printed), "{chart}: {stream}");
        }
    }

    #[test]
    fn the_three_charts_refuse_false_strings_where_truth_is_tested() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let text = format!("applicationName: web\n{IMAGE}serviceAccount:\n  name: web\n  create: \"no\"\n");
            let (_, diagnostics) = run(chart, &text);
            let expected = "error: values.yaml:7:3: serviceAccount.create: \"no\" is a string, which Helm's if \
                            treats as true: this turns serviceAccount.create on (write false without quotes)";
            assert_eq!(diagnostics, [expected], "{chart}");
        }
    }

    #[test]
    fn the_three_charts_warn_about_numbers_printed_in_exponent_form() {
        for (chart, key) in [
            ("k8s-service", "terminationGracePeriodSeconds"),
            ("k8s-daemon-set", "minReadySeconds"),
            ("k8s-job", "ttlSecondsAfterFinished"),
        ] {
            let (stream, diagnostics) = run(chart, &format!("applicationName: web\n{IMAGE}{key}: 2592000\n"));
            assert!(stream.contains(&format!("{key}: 2.592e+06\n")), "{chart}: the output is Helm's");
            let column = key.len() + 3;
            let expected = format!(
                "warning: values.yaml:5:{column}: {key}: Helm prints the number 2592000 as 2.592e+06, in Go's float \
                 format (quote it: \"2592000\")"
            );
            assert_eq!(diagnostics, [expected], "{chart}");
        }
    }

    #[test]
    fn a_yaml_1_1_word_where_a_string_is_expected_is_a_warning_in_every_chart() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let (stream, diagnostics) = run(chart, &format!("applicationName: web\n{IMAGE}envVars:\n  CODE: NO\n"));
            assert!(stream.contains("value: \"false\""), "{chart}: the output is Helm's");
            let expected = "warning: values.yaml:6:9: envVars.CODE: YAML reads NO as the boolean false, so the chart \
                            writes \"false\" (quote it: \"NO\")";
            assert_eq!(diagnostics, [expected], "{chart}");
        }
    }
}
