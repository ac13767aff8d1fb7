//! Diagnostics as a compiler prints them: `error: FILE:LINE:COLUMN: path: message`, the line of the values file
//! with the span underlined, then help, fixes and notes; and the policy of which diagnostics stop the output.

use chartplay_core::{
    Cause, Diagnostic, Inputs, KubeVersion, Location, Outcome, Rendered, Severity, ValuesFile, DEFAULT_KUBE_VERSION,
};

use crate::Failure;

/// Prints the diagnostics to stderr and, unless the values or the render failed, hands the manifests to `emit`
/// (which prints the stream, or writes files).
///
/// A problem of the values (YAML, flags, the values schema) or of the render means nothing is printed on stdout
/// (exit 1). The templates still ran: when they fail as well, their error is printed after the values' problems,
/// since Gruntwork's chart has no schema and that error is the one Helm prints for these values (`applicationName
/// is required`). Problems of the rendered objects (`--validate`) come after the stream (exit 1). With `--strict`,
/// warnings count as errors.
pub fn report(
    outcome: &Outcome,
    inputs: &Inputs,
    strict: bool,
    emit: impl FnOnce(&Rendered) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let fails = |d: &Diagnostic| d.is_error() || (strict && d.severity == Severity::Warning);
    let (objects, values): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        outcome.diagnostics.iter().partition(|d| d.cause == Cause::Kubernetes);
    let mut stderr = String::new();
    for diagnostic in &values {
        stderr.push_str(&describe(diagnostic, &inputs.files));
    }
    // Problems of the values themselves (the templates' own error is not one of them).
    let value_problems = values.iter().filter(|d| d.cause != Cause::Template && fails(d)).count();
    if value_problems > 0 {
        let count = format!("{value_problems} problem{}", if value_problems == 1 { "" } else { "s" });
        let templates_failed = values.iter().any(|d| d.cause == Cause::Template);
        let then = match outcome.rendered {
            Some(_) => "--skip-schema-validation renders what Helm renders",
            None if templates_failed => "and the templates fail on them",
            // The values could not be read (YAML, a flag): no template ran.
            None => "nothing was rendered",
        };
        stderr.push_str(&format!("{count} in the values (see the chart's schema and docs/values-policy.md); {then}\n"));
    }
    let failed = values.iter().any(|d| fails(d));
    let stream = outcome.rendered.as_ref().filter(|_| !failed);
    if let Some(rendered) = stream {
        if let Err(failure) = emit(rendered) {
            eprint!("{stderr}");
            return Err(failure);
        }
        if let Some(version) = &outcome.kube_checked {
            let requested = inputs.options.kube_version.as_deref().unwrap_or(DEFAULT_KUBE_VERSION);
            if !same_minor(requested, version) {
                stderr.push_str(&format!(
                    "note: validating against the Kubernetes {version} schemas, the nearest available to {requested}\n"
                ));
            }
        }
        for diagnostic in &objects {
            stderr.push_str(&describe(diagnostic, &inputs.files));
        }
        let object_errors = objects.iter().filter(|d| fails(d)).count();
        if object_errors > 0 {
            let plural = if object_errors == 1 { "" } else { "s" };
            stderr.push_str(&format!("{object_errors} problem{plural} found by Kubernetes validation\n"));
        }
    }
    eprint!("{stderr}");
    if failed || stream.is_none() || objects.iter().any(|d| fails(d)) {
        Err(Failure::Invalid)
    } else {
        Ok(())
    }
}

/// Whether two kube versions have the same major and minor numbers.
fn same_minor(a: &str, b: &str) -> bool {
    let minor = |v: &str| KubeVersion::parse(v).ok().map(|k| (k.major, k.minor));
    minor(a) == minor(b)
}

/// A diagnostic as a compiler prints one: `error: FILE:LINE:COL: path: message`, the line with the span underlined
/// when the file is a values file we read, then its help and notes.
pub fn describe(diagnostic: &Diagnostic, sources: &[ValuesFile]) -> String {
    let mut out = format!("{}: ", diagnostic.severity.name());
    let mut headline = diagnostic.clone();
    headline.help = None;
    out.push_str(&headline.to_string());
    out.push('\n');
    if let Some(location) = &diagnostic.location {
        out.push_str(&snippet(location, sources));
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("  = help: {help}\n"));
    }
    // A fix the help already names is not repeated.
    for fix in diagnostic.fixes.iter().filter(|fix| diagnostic.help.as_deref() != Some(fix.title.as_str())) {
        out.push_str(&format!("  = fix: {}\n", fix.title));
    }
    for note in &diagnostic.notes {
        match &note.location {
            Some(location) => out.push_str(&format!("  = note: {location}: {}\n", note.message)),
            None => out.push_str(&format!("  = note: {}\n", note.message)),
        }
    }
    out
}

/// The line of a values file at `location`, with a caret under the column (carets under the whole span when it
/// is on that line); nothing when the location is not in a values file we read.
fn snippet(location: &Location, sources: &[ValuesFile]) -> String {
    let Some(source) = sources.iter().find(|s| *s.name == *location.file) else { return String::new() };
    let Some(line) = source.text.lines().nth(location.line.saturating_sub(1)).filter(|_| location.line > 0) else {
        return String::new();
    };
    let number = location.line.to_string();
    let pad = " ".repeat(number.len());
    // A long line shows a window around the column, so a 200 kB value prints as one screen line.
    let chars: Vec<char> = line.chars().collect();
    let column = location.column.max(1) - 1;
    let start = column.saturating_sub(SNIPPET_WIDTH / 2).min(chars.len().saturating_sub(SNIPPET_WIDTH));
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let (before, after) = (if start > 0 { "…" } else { "" }, if end < chars.len() { "…" } else { "" });
    let shown: String = chars[start..end].iter().collect();
    let mut out = format!("{pad} |\n{number} | {before}{shown}{after}\n");
    if location.column > 0 {
        let width = location
            .range
            .as_ref()
            .and_then(|range| source.text.get(range.clone()))
            .filter(|text| !text.is_empty() && !text.contains('\n'))
            .map_or(1, |text| text.chars().count())
            .min(end.saturating_sub(column).max(1));
        let indent = column - start + before.chars().count();
        out.push_str(&format!("{pad} | {}{}\n", " ".repeat(indent), "^".repeat(width)));
    }
    out
}

/// How many characters of a values line a snippet shows at most.
const SNIPPET_WIDTH: usize = 120;
