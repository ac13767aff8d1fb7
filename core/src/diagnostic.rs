//! Diagnostics: everything the pipeline has to say about one set of inputs, as one type.
//!
//! The values' YAML, the flags, the values schema, the templates and the Kubernetes API all report as a
//! [`Diagnostic`]: how serious it is ([`Severity`]), which stage found it ([`Cause`]), what is wrong (a message in
//! plain words), which value it is about (a value path), where it is (a [`Location`] in a values file, a flag or a
//! template, or a [`Field`] of a rendered object), help in words and fixes as text edits ([`Fix`]). It is data:
//! the CLI prints it as compiler-style text, the playground as a marker at the line and an entry in a list, and a
//! fix is applied by the editor as one undoable change.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Location};
use crate::values::path::ValuePath;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The inputs are wrong: the command fails (exit 1), the playground marks it in red.
    Error,
    /// The output is what Helm gives, but probably not what was meant.
    Warning,
    /// Worth knowing, nothing is wrong (which Kubernetes schema checked the objects, and why).
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Which stage of the pipeline found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cause {
    /// A values file is not valid YAML, or exceeds a limit (size, nesting, aliases).
    Yaml,
    /// A `--set`-style flag cannot be parsed or applied.
    Flag,
    /// The values break the chart's values schema.
    Schema,
    /// The chart's templates failed on these values.
    Template,
    /// The chart itself cannot be used (Chart.yaml, a broken schema).
    Chart,
    /// A render setting is wrong (the kube version).
    Setting,
    /// A rendered object breaks the Kubernetes API.
    Kubernetes,
}

/// One field of a rendered object: what a Kubernetes diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The object's index in the output.
    pub document: usize,
    /// Its `kind`.
    pub kind: String,
    /// Its `metadata.name` (empty when it has none).
    pub name: String,
    /// The template it came from (`k8s-service/templates/deployment.yaml`).
    pub source: String,
    /// The field, from the object's root (`spec.template.spec.containers[0].image`); empty for the object.
    pub path: ValuePath,
}

impl fmt::Display for Field {
    /// `Deployment/release-name-web`, the way `kubectl` names an object (`Deployment` without a name).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.kind.is_empty() { "object" } else { &self.kind };
        if self.name.is_empty() {
            f.write_str(kind)
        } else {
            write!(f, "{kind}/{}", self.name)
        }
    }
}

/// A replacement of a byte range of one source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// The values file (its name, as in [`Location::file`]).
    pub file: Arc<str>,
    /// The bytes replaced.
    pub range: Range<usize>,
    /// What replaces them.
    pub text: String,
}

/// A way to fix a diagnostic: a title for the button and the edits it makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a button says it (`use "containerImage"`, `quote it: "NO"`).
    pub title: String,
    /// The edits, applied together.
    pub edits: Vec<TextEdit>,
}

/// A secondary place that helps to understand a diagnostic: the template line that failed, where a value is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What is there.
    pub message: String,
    /// Where.
    pub location: Option<Location>,
}

/// One finding of the pipeline. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// Which stage found it.
    pub cause: Cause,
    /// What is wrong, lowercase, without location or value path (`expected integer, got string "eighty"`).
    pub message: String,
    /// The value it is about (`containerPorts.http.port`).
    pub path: Option<ValuePath>,
    /// Where: in a values file or flag (the user's terms) when it is about a value, else in a template.
    pub location: Option<Location>,
    /// For a problem of a rendered object: which object and field.
    pub field: Option<Field>,
    /// What to do, in words (`did you mean "containerImage"?`).
    pub help: Option<String>,
    /// Fixes that can be applied as edits.
    pub fixes: Vec<Fix>,
    /// Related places.
    pub notes: Vec<Note>,
}

impl Diagnostic {
    /// A diagnostic of `severity` from `cause` saying `message`.
    pub fn new(severity: Severity, cause: Cause, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            cause,
            message: message.into(),
            path: None,
            location: None,
            field: None,
            help: None,
            fixes: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Sets where it is.
    pub fn at(mut self, location: Option<Location>) -> Diagnostic {
        self.location = location;
        self
    }

    /// Sets the value it is about (an empty path, the whole document, counts as none).
    pub fn about(mut self, path: ValuePath) -> Diagnostic {
        self.path = (!path.0.is_empty()).then_some(path);
        self
    }

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The diagnostic of an [`Error`]: its kind gives the cause, its location and value path carry over, and each
    /// error of its `source()` chain becomes a note.
    pub fn from_error(error: &Error) -> Diagnostic {
        let cause = match error.kind() {
            ErrorKind::Yaml | ErrorKind::Limit => Cause::Yaml,
            ErrorKind::SetSyntax => Cause::Flag,
            ErrorKind::Values => Cause::Schema,
            ErrorKind::Template => Cause::Template,
            ErrorKind::Setting => Cause::Setting,
            _ => Cause::Chart,
        };
        let mut diagnostic = Diagnostic::new(Severity::Error, cause, error.message()).at(error.location().cloned());
        diagnostic.path = error.value_path().and_then(ValuePath::parse).filter(|p| !p.0.is_empty());
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            let note = match cause.downcast_ref::<Error>() {
                Some(ours) => Note { message: ours.message().to_string(), location: ours.location().cloned() },
                None => Note { message: cause.to_string(), location: None },
            };
            diagnostic.notes.push(note);
            source = cause.source();
        }
        diagnostic
    }

    /// Whether it makes the inputs fail.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What it says, without where: `contanerImage: unknown key "contanerImage" (did you mean
    /// "containerImage"?)`; the path is the value's, or the object field's. Where its fixes are shown as buttons,
    /// [`Diagnostic::what_but_help`] leaves out the help they repeat.
    pub fn what(&self) -> String {
        let mut out = self.what_but_help();
        if let Some(help) = &self.help {
            out.push_str(&format!(" ({help})"));
        }
        out
    }

    /// [`Diagnostic::what`] without the help.
    pub fn what_but_help(&self) -> String {
        let mut out = String::new();
        let path = self.field.as_ref().map(|field| &field.path).or(self.path.as_ref()).filter(|p| !p.0.is_empty());
        // A message that starts with the path already names it (`hostPaths must be a map`).
        if let Some(path) = path.map(ToString::to_string).filter(|p| !self.message.starts_with(p.as_str())) {
            out.push_str(&format!("{path}: "));
        }
        out.push_str(&self.message);
        out
    }

    /// Where it is, in words: the object (`Deployment/web`) or the location (`values.yaml:5:1`), if known.
    pub fn place(&self) -> Option<String> {
        match (&self.field, &self.location) {
            (Some(field), _) => Some(field.to_string()),
            (None, Some(location)) if !location.file.is_empty() => Some(location.to_string()),
            _ => None,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line, in plain words: `values.yaml:5:1: contanerImage: unknown key "contanerImage" (did you mean
    /// "containerImage"?)`, `Deployment/web: spec.replicas: expected integer, got string "x"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = self.place() {
            write!(f, "{place}: ")?;
        }
        f.write_str(&self.what())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_and_its_causes_become_one_diagnostic_with_notes() {
        let cause = Error::new(ErrorKind::Values, "replicaCount is set here").with_location(Location {
            file: "values.yaml".into(),
            line: 4,
            column: 3,
            range: None,
        });
        let error = Error::new(ErrorKind::Template, "expected a number")
            .with_location(Location {
                file: "k8s-service/templates/deployment.yaml".into(),
                line: 10,
                ..Default::default()
            })
            .with_value_path("replicaCount")
            .with_source(cause);
        let diagnostic = Diagnostic::from_error(&error);
        assert_eq!(diagnostic.cause, Cause::Template);
        assert_eq!(diagnostic.to_string(), "k8s-service/templates/deployment.yaml:10: replicaCount: expected a number");
        assert_eq!(diagnostic.notes.len(), 1);
        assert_eq!(diagnostic.notes[0].location.as_ref().map(|l| l.line), Some(4));
    }

    #[test]
    fn object_diagnostics_name_the_object_and_field() {
        let mut diagnostic = Diagnostic::new(Severity::Error, Cause::Kubernetes, "required value");
        diagnostic.field = Some(Field {
            document: 1,
            kind: "Deployment".into(),
            name: "web".into(),
            source: "k8s-service/templates/deployment.yaml".into(),
            path: ValuePath::parse("spec.template.spec.containers[1].image").unwrap_or_default(),
        });
        assert_eq!(diagnostic.to_string(), "Deployment/web: spec.template.spec.containers[1].image: required value");
    }
}
