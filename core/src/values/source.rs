//! Where the user's values come from: values files in merge order, then `--set`-style flags; and which of them
//! set a given value.
//!
//! Values files merge and flags apply in order, so of all the sources that write a value path, the last one wins
//! (maps merge key by key, everything else is replaced). [`Sources::origin`] answers "where does this value come
//! from?" with that rule: a values file and the line and column of the key, a flag, or nothing (the chart's
//! default, or nobody). Positions are read only when asked for: the per-keystroke render never needs them.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

use crate::error::Location;
use crate::values::path::{Segment, SpanIndex, ValuePath};
use crate::values::{Map, Value};
use crate::yaml;
use crate::yaml::read::Note;

/// A values file given by the user: its name (for diagnostics) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuesFile {
    /// Name shown in diagnostics (`values.yaml`, `<stdin>`).
    pub name: String,
    /// The YAML text.
    pub text: String,
}

impl ValuesFile {
    /// A values file called `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> ValuesFile {
        ValuesFile { name: name.into(), text: text.into() }
    }
}

/// How a flag's value is read, as Helm's flags of the same names do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetKind {
    /// `--set`: values typed like Helm's `typedVal` (`true`, `null`, integers).
    Set,
    /// `--set-string`: every value a string.
    String,
    /// `--set-json`: every value is JSON (`a={"x":1}`, `a=[1,2]`), numbers becoming float64s as in values files;
    /// an expression that is a JSON object as a whole merges like a values file.
    Json,
    /// `--set-file`: every value is a path, and the value set is that file's text. The core reads no files: the
    /// shell reads the paths [`SetFlag::file_paths`] lists and gives their text here, by path as written.
    File(BTreeMap<String, String>),
    /// `--set-literal`: one key set to the rest of the expression, a string exactly as written (commas and
    /// backslashes included).
    Literal,
}

impl SetKind {
    /// The flag's name on Helm's command line (`--set-json`).
    pub fn flag(&self) -> &'static str {
        match self {
            SetKind::Set => "--set",
            SetKind::String => "--set-string",
            SetKind::Json => "--set-json",
            SetKind::File(_) => "--set-file",
            SetKind::Literal => "--set-literal",
        }
    }

    /// When Helm applies flags of this kind: after the values files, every `--set-json`, then every `--set`, every
    /// `--set-string`, every `--set-file`, every `--set-literal` (Helm v4 `pkg/cli/values/options.go`,
    /// `MergeValues`), each kind in command-line order.
    fn helm_rank(&self) -> u8 {
        match self {
            SetKind::Json => 0,
            SetKind::Set => 1,
            SetKind::String => 2,
            SetKind::File(_) => 3,
            SetKind::Literal => 4,
        }
    }
}

/// One `--set`-style flag: its kind, its expression (`a.b=1,c=2`) and where it is written, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetFlag {
    /// How its values are typed.
    pub kind: SetKind,
    /// The expression after the flag, as written (for `--set-file`, with the paths).
    pub expr: String,
    /// Where the flag is: the CLI names the flag itself (`--set replicaCount=x`); the playground its line in the
    /// flags panel.
    pub location: Location,
}

impl SetFlag {
    /// A flag of `kind` with expression `expr`, named the way the command line writes it (`--set a=b`).
    pub fn new(kind: SetKind, expr: impl Into<String>) -> SetFlag {
        let expr = expr.into();
        let location = Location { file: format!("{} {expr}", kind.flag()).into(), ..Location::default() };
        SetFlag { kind, expr, location }
    }

    /// The paths a `--set-file` expression names (`a=cfg.txt,b={x.txt,y.txt}`: `cfg.txt`, `x.txt`, `y.txt`):
    /// the files the shell reads for [`SetKind::File`].
    pub fn file_paths(expr: &str) -> Vec<String> {
        crate::strvals::file_paths(expr)
    }

    /// Puts flags given in command-line order into the order Helm applies them: by kind (`--set-json`, `--set`,
    /// `--set-string`, `--set-file`), each kind in command-line order. `--set-string a=1 --set a=2` leaves
    /// `a: "1"` in Helm.
    fn sort_like_helm(flags: &mut [SetFlag]) {
        flags.sort_by_key(|flag| flag.kind.helm_rank());
    }

    /// Applies the flag to `target`.
    pub fn apply(&self, target: &mut Map) -> crate::Result<()> {
        crate::strvals::apply(&self.expr, target, &self.kind)
    }

    /// The flags of a flags panel named `panel` (the playground's `--set` tab): one flag per line, written as on
    /// a command line (`--set a=1`, `--set-string tag=007`, `--set-json 'ports=[80]'`, `--set-literal 'a=x,y'`)
    /// or as a bare expression, which is a `--set`. Blank lines and `#` comments are skipped; an expression
    /// wrapped whole in one pair of quotes, as pasted from a shell, loses them. A line of a pasted multi-line
    /// command loses the ` \` at its end; a `\` right after the expression, with no space before it, is part of
    /// the expression (`--set-literal a=C:\`). Each flag is located at its expression's line and column, so its
    /// problems point there. Every line that is not a flag is an error.
    pub fn from_lines(text: &str, panel: &str) -> Result<Vec<SetFlag>, Vec<crate::Error>> {
        let (mut flags, mut errors) = (Vec::new(), Vec::new());
        for (index, line) in text.lines().enumerate() {
            let at = |offset: usize| Location {
                file: panel.into(),
                line: index + 1,
                column: line[..offset].chars().count() + 1,
                range: None,
            };
            let body = line.trim();
            let body = match body.strip_suffix('\\') {
                Some(rest) if rest.is_empty() || rest.ends_with([' ', '\t']) => rest.trim_end(),
                _ => body,
            };
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let start = line.len() - line.trim_start().len();
            let (kind, rest) = match body.strip_prefix("--") {
                None => (SetKind::Set, body),
                Some(_) => {
                    let name_end = body.find([' ', '\t', '=']).unwrap_or(body.len());
                    let kind = match &body[..name_end] {
                        "--set" => SetKind::Set,
                        "--set-string" => SetKind::String,
                        "--set-json" => SetKind::Json,
                        "--set-literal" => SetKind::Literal,
                        name => {
                            let why = if name == "--set-file" {
                                "--set-file reads a file, which the playground cannot: add the file's text as a values file, or set it with --set-string".to_string()
                            } else {
                                format!("unknown flag {name}: one --set, --set-string, --set-json or --set-literal per line")
                            };
                            errors.push(crate::Error::new(crate::ErrorKind::SetSyntax, why).with_location(at(start)));
                            continue;
                        }
                    };
                    (kind, body[name_end..].trim_start_matches('=').trim_start())
                }
            };
            let offset = start + (body.len() - rest.len());
            let expr = unquote(rest);
            if expr.is_empty() {
                let message = format!("{} needs an expression such as key=value", kind.flag());
                errors.push(crate::Error::new(crate::ErrorKind::SetSyntax, message).with_location(at(offset)));
                continue;
            }
            let quoted = usize::from(expr.len() != rest.len());
            flags.push(SetFlag { kind, expr: expr.to_string(), location: at(offset + quoted) });
        }
        if errors.is_empty() {
            Ok(flags)
        } else {
            Err(errors)
        }
    }
}

/// `text` without one pair of quotes wrapping it whole, as a shell would take them off (`'a=b c'` is `a=b c`);
/// text with the same quote inside keeps its quotes, since the shell would read it otherwise.
fn unquote(text: &str) -> &str {
    for quote in ['\'', '"'] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            if !inner.contains(quote) {
                return inner;
            }
        }
    }
    text
}

/// Where one value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Written in a values file: where its key (or list item) is.
    File(Location),
    /// Set by a flag: where the flag is.
    Flag(Location),
    /// Not set by the user: the chart's default, if it has one.
    Default,
}

/// The user's values files and flags, in the order they apply.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<ValuesFile>,
    flags: Vec<SetFlag>,
    /// Whether reading the files noticed something their [`Note`]s tell (see [`Sources::notes`]).
    notable: bool,
    /// For each source, latest first: the paths it writes and where. Read once, when first needed.
    written: Arc<OnceLock<Vec<Written>>>,
}

/// What one source writes.
#[derive(Debug)]
enum Written {
    /// A values file's name, positions and notes (a file that does not parse writes nothing we can point at).
    File(Arc<str>, SpanIndex, Vec<Note>),
    /// A flag's paths, all at the flag's location.
    Flag(HashSet<ValuePath>, Location),
}

impl Sources {
    /// The sources `files` (merge order) then `flags` (in command-line order; they apply in Helm's order, see
    /// [`SetFlag::sort_like_helm`]).
    pub fn new(files: Vec<ValuesFile>, mut flags: Vec<SetFlag>) -> Sources {
        SetFlag::sort_like_helm(&mut flags);
        Sources { files, flags, notable: false, written: Arc::default() }
    }

    /// Records that reading the files noticed something worth a note.
    pub(crate) fn mark_notable(&mut self) {
        self.notable = true;
    }

    /// What the values files hold that their writer may not expect (YAML 1.1 scalars, duplicate keys, ignored
    /// text), each with the file's name, in file order. Empty without reading anything again when the first
    /// read noticed nothing, which is the common case on every keystroke.
    pub fn notes(&self) -> Vec<(Arc<str>, &Note)> {
        if !self.notable {
            return Vec::new();
        }
        let mut notes: Vec<(Arc<str>, &Note)> = Vec::new();
        for written in self.written().iter().rev() {
            if let Written::File(name, _, file_notes) = written {
                notes.extend(file_notes.iter().map(|note| (name.clone(), note)));
            }
        }
        notes
    }

    /// The values files.
    pub fn files(&self) -> &[ValuesFile] {
        &self.files
    }

    /// The flags.
    pub fn flags(&self) -> &[SetFlag] {
        &self.flags
    }

    fn written(&self) -> &[Written] {
        self.written.get_or_init(|| {
            let flags = self.flags.iter().rev().map(|flag| {
                let mut alone = Map::new();
                // A flag that fails stops the whole load before anyone asks where values come from.
                let _ = flag.apply(&mut alone);
                let mut paths = HashSet::new();
                collect_paths(&Value::Map(alone), &mut ValuePath::default(), &mut paths);
                Written::Flag(paths, flag.location.clone())
            });
            let files = self.files.iter().rev().map(|file| {
                let document = yaml::read::read(&file.text, &file.name).unwrap_or_default();
                Written::File(file.name.as_str().into(), document.spans, document.notes)
            });
            flags.chain(files).collect()
        })
    }

    /// Where the value at `path` comes from: the last source that writes it, or [`Origin::Default`].
    pub fn origin(&self, path: &ValuePath) -> Origin {
        for written in self.written() {
            match written {
                Written::Flag(paths, location) if paths.contains(path) => return Origin::Flag(location.clone()),
                Written::File(_, spans, _) => {
                    if let Some(location) = spans.get(path) {
                        return Origin::File(location.clone());
                    }
                }
                Written::Flag(..) => {}
            }
        }
        Origin::Default
    }

    /// Like [`Sources::origin`], but for a scalar written in a values file, the location of the scalar itself
    /// (`replicaCount: 3` → the `3`): where a reader looks for the value.
    pub fn value_origin(&self, path: &ValuePath) -> Origin {
        let origin = self.origin(path);
        let Origin::File(key) = &origin else { return origin };
        let Some((file, range)) = self.value_span(path) else { return origin };
        let Some(values) = self.files.iter().find(|f| *f.name == *file) else { return origin };
        let before = &values.text[..range.start.min(values.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Origin::File(Location { file: key.file.clone(), line, column, range: Some(range) })
    }

    /// The values file that sets the scalar at `path` and the bytes of that scalar there (what a fix replaces);
    /// `None` when a flag sets it, or nobody, or it is not a single-line scalar.
    pub fn value_span(&self, path: &ValuePath) -> Option<(Arc<str>, std::ops::Range<usize>)> {
        for written in self.written() {
            match written {
                Written::Flag(paths, _) if paths.contains(path) => return None,
                Written::File(name, spans, _) if spans.get(path).is_some() => {
                    return spans.value_range(path).map(|range| (name.clone(), range));
                }
                _ => {}
            }
        }
        None
    }

    /// The text of `range` in the values file called `file`.
    pub fn text(&self, file: &str, range: &std::ops::Range<usize>) -> Option<&str> {
        self.files.iter().find(|f| f.name == file)?.text.get(range.clone())
    }

    /// Whether the first line with content of the values file called `file` is indented.
    pub fn first_line_indented(&self, file: &str) -> bool {
        let Some(values) = self.files.iter().find(|f| f.name == file) else { return false };
        let first = values.text.lines().find(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
        first.is_some_and(|line| line.starts_with([' ', '\t']))
    }

    /// Where to point for a diagnostic about `path`: where it is set, or else where its nearest written parent
    /// is (a missing key is reported at the map that lacks it). `None` when no source writes it or a parent
    /// (other than the whole document).
    pub fn locate(&self, path: &ValuePath) -> Option<Location> {
        let mut current = Some(path.clone());
        while let Some(p) = current {
            if p.0.is_empty() {
                return None;
            }
            match self.origin(&p) {
                Origin::File(location) | Origin::Flag(location) => return Some(location),
                Origin::Default => current = p.parent(),
            }
        }
        None
    }

    /// The start of the last values file: where a problem about the whole document points.
    pub fn document(&self) -> Option<Location> {
        let file = self.files.last()?;
        Some(Location { file: file.name.as_str().into(), line: 1, column: 1, range: Some(0..0) })
    }
}

/// Every path of `value` below `prefix` (maps' keys and lists' items, at every depth).
fn collect_paths(value: &Value, prefix: &mut ValuePath, out: &mut HashSet<ValuePath>) {
    let children: Vec<(Segment, &Value)> = match value {
        Value::Map(map) => map.iter().map(|(k, v)| (Segment::Key(k.clone()), v)).collect(),
        Value::Seq(items) => items.iter().enumerate().map(|(i, v)| (Segment::Index(i), v)).collect(),
        _ => return,
    };
    for (segment, child) in children {
        prefix.0.push(segment);
        out.insert(prefix.clone());
        collect_paths(child, prefix, out);
        prefix.0.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> ValuePath {
        ValuePath::parse(text).unwrap_or_default()
    }

    fn at(origin: Origin) -> String {
        match origin {
            Origin::File(l) => format!("{}:{}:{}", l.file, l.line, l.column),
            Origin::Flag(l) => l.file.to_string(),
            Origin::Default => "default".into(),
        }
    }

    #[test]
    fn the_last_source_that_writes_a_value_wins() {
        let sources = Sources::new(
            vec![
                ValuesFile::new("values.yaml", "replicaCount: 2\nservice:\n  port: 80\n  type: ClusterIP\n"),
                ValuesFile::new("values-prod.yaml", "service:\n  port: 443\n"),
            ],
            vec![SetFlag::new(SetKind::Set, "replicaCount=x")],
        );
        assert_eq!(at(sources.origin(&path("replicaCount"))), "--set replicaCount=x");
        assert_eq!(at(sources.origin(&path("service.port"))), "values-prod.yaml:2:3");
        assert_eq!(at(sources.origin(&path("service.type"))), "values.yaml:4:3");
        assert_eq!(at(sources.origin(&path("service"))), "values-prod.yaml:1:1");
        assert_eq!(at(sources.origin(&path("ingress"))), "default");
    }

    #[test]
    fn flags_apply_in_helm_order_by_kind() {
        let file = SetKind::File(BTreeMap::from([("cfg.txt".to_string(), "text".to_string())]));
        let flags = vec![
            SetFlag::new(SetKind::Literal, "a=5"),
            SetFlag::new(file, "a=cfg.txt"),
            SetFlag::new(SetKind::String, "a=1"),
            SetFlag::new(SetKind::Set, "a=2"),
            SetFlag::new(SetKind::Json, "a=3"),
            SetFlag::new(SetKind::Set, "b=4"),
        ];
        let sources = Sources::new(Vec::new(), flags);
        let order: Vec<String> = sources.flags().iter().map(|flag| flag.location.file.to_string()).collect();
        assert_eq!(
            order,
            [
                "--set-json a=3",
                "--set a=2",
                "--set b=4",
                "--set-string a=1",
                "--set-file a=cfg.txt",
                "--set-literal a=5"
            ]
        );
    }

    #[test]
    fn a_flags_panel_reads_one_flag_per_line_located_at_its_expression() {
        let text = "replicaCount=3\n\n# a comment\n--set-string containerImage.tag=007\n  --set-json='ports=[80]' \\\n--set 'a=b c'\n--set-literal 'x=1,y'\n";
        let flags = SetFlag::from_lines(text, "--set").unwrap();
        let read: Vec<(&str, &str, String)> =
            flags.iter().map(|f| (f.kind.flag(), f.expr.as_str(), f.location.to_string())).collect();
        assert_eq!(
            read,
            [
                ("--set", "replicaCount=3", "--set:1:1".to_string()),
                ("--set-string", "containerImage.tag=007", "--set:4:14".to_string()),
                ("--set-json", "ports=[80]", "--set:5:15".to_string()),
                ("--set", "a=b c", "--set:6:8".to_string()),
                ("--set-literal", "x=1,y", "--set:7:16".to_string()),
            ]
        );
        let errors = SetFlag::from_lines("a=1\n--set-file x=cfg.txt\n--values v.yaml\n--set\n", "--set").unwrap_err();
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].starts_with("--set:2:1: --set-file reads a file"), "{said:?}");
        assert!(said[1].starts_with("--set:3:1: unknown flag --values"), "{said:?}");
        assert!(said[2].starts_with("--set:4:6: --set needs an expression"), "{said:?}");
        assert_eq!(SetFlag::from_lines("--set \"a=it's\"\n", "p").unwrap()[0].expr, "a=it's");
        assert_eq!(SetFlag::from_lines("--set 'a='b''\n", "p").unwrap()[0].expr, "'a='b''");
        // A `\` right after the expression is part of it; after a space, it continues a pasted command.
        let ends = SetFlag::from_lines("--set-literal path=C:\\\n--set a=1 \\\n\\\n", "p").unwrap();
        let read: Vec<&str> = ends.iter().map(|flag| flag.expr.as_str()).collect();
        assert_eq!(read, ["path=C:\\", "a=1"]);
    }

    #[test]
    fn json_and_file_flags_are_origins_at_the_flag() {
        let file = SetKind::File(BTreeMap::from([("cfg.txt".to_string(), "text".to_string())]));
        let sources = Sources::new(
            vec![ValuesFile::new("values.yaml", "envVars:\n  A: x\n")],
            vec![
                SetFlag::new(SetKind::Json, r#"service={"ports":{"app":{"port":80}}}"#),
                SetFlag::new(file, "envVars.CONFIG=cfg.txt"),
            ],
        );
        assert_eq!(at(sources.origin(&path("envVars.CONFIG"))), "--set-file envVars.CONFIG=cfg.txt");
        assert_eq!(
            at(sources.origin(&path("service.ports.app.port"))),
            r#"--set-json service={"ports":{"app":{"port":80}}}"#
        );
        assert_eq!(at(sources.origin(&path("envVars.A"))), "values.yaml:2:3");
    }

    #[test]
    fn a_missing_value_is_located_at_its_nearest_written_parent() {
        let sources = Sources::new(vec![ValuesFile::new("v.yaml", "a: 1\ncontainerImage:\n  repository: x\n")], vec![]);
        let location = sources.locate(&path("containerImage.tag")).unwrap_or_default();
        assert_eq!((location.line, location.column), (2, 1));
        assert_eq!(sources.locate(&path("nothing.here")), None);
        assert_eq!(sources.document().map(|l| l.line), Some(1));
    }
}
