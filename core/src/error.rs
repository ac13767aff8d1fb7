//! The one error type of the crate: what went wrong, where, and which value it is about.
//!
//! Leaf code says *what* failed ([`ErrorKind`] and a message); the layer that knows *where* attaches a
//! [`Location`] or a value path afterwards. Shells (CLI, web) decide how to show it.

use std::fmt;

/// Where in a source text something is: 1-based line and column plus the byte range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (a values file name, `<stdin>`, `--set`, or a template name such as `k8s-service/templates/service.yaml`).
    pub file: std::sync::Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Byte range in the source, when known.
    pub range: Option<std::ops::Range<usize>>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else if self.column == 0 {
            write!(f, "{}:{}", self.file, self.line)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// The kind of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A values file or rendered document is not valid YAML.
    Yaml,
    /// Input exceeds a limit (size, nesting depth, alias expansion, list index).
    Limit,
    /// A `--set`-style expression (`--set`, `--set-string`, `--set-json`, `--set-file`) cannot be parsed.
    SetSyntax,
    /// A value has the wrong type or shape for where it is used.
    Values,
    /// A chart (Chart.yaml, templates) cannot be loaded.
    Chart,
    /// A template failed: syntax error, `fail`, `required`, a bad function call.
    Template,
    /// The chart name is not a built-in chart.
    UnknownChart,
    /// A share link cannot be decoded.
    ShareLink,
    /// A render setting is invalid (a kube version that is not a version).
    Setting,
}

/// An error with its kind, message, and where it happened when that is known.
///
/// Boxed inside so that `Result<T, Error>` stays one pointer wide.
#[derive(Debug, Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
    value_path: Option<String>,
    source: Option<Box<Error>>,
}

impl Error {
    /// A new error of `kind` saying `message` (lowercase start, no trailing period).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner { kind, message: message.into(), location: None, value_path: None, source: None }),
        }
    }

    /// Attaches where the error happened.
    pub fn with_location(mut self, location: Location) -> Error {
        self.inner.location = Some(location);
        self
    }

    /// Attaches the value path (e.g. `service.ports[0].port`) the error is about.
    pub fn with_value_path(mut self, path: impl Into<String>) -> Error {
        self.inner.value_path = Some(path.into());
        self
    }

    /// Attaches the error that caused this one.
    pub fn with_source(mut self, source: Error) -> Error {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// What went wrong, without location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where it went wrong, if known.
    pub fn location(&self) -> Option<&Location> {
        self.inner.location.as_ref()
    }

    /// The value path the error is about, if any.
    pub fn value_path(&self) -> Option<&str> {
        self.inner.value_path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.inner.location {
            write!(f, "{location}: ")?;
        }
        f.write_str(&self.inner.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
