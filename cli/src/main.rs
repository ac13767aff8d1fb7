//! `chartplay`: render Gruntwork's Kubernetes Services charts like `helm template`, from the command line.
//!
//! A thin shell over `chartplay-core`: it reads files and flags, calls the core, and prints the stream or the
//! errors. Exit codes: 0 rendered, 1 the render failed, 2 the command line is wrong.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use chartplay_core::{
    kube, Cause, Chart, ChartFile, Checks, Diagnostic, Error, Inputs, KubeVersion, Location, Outcome, RenderOptions,
    Session, SetFlag, SetKind, Severity, ValuesFile, DEFAULT_KUBE_VERSION,
};

const USAGE: &str = "\
usage: chartplay render <chart> [-f FILE|-]... [--set K=V]... [--set-string K=V]...
                        [--release-name NAME] [-n|--namespace NS] [--kube-version V]
                        [--api-versions V]... [--show-only templates/FILE]... [--validate]
                        [--skip-schema-validation] [--strict]
       chartplay charts
       chartplay values <chart>

<chart> is a built-in chart name (see `chartplay charts`) or a chart folder. --validate checks the rendered
objects against the Kubernetes API of --kube-version (default v1.36.0) and exits 1 on problems. The values are
checked against the chart's values.schema.json first; problems stop the render (exit 1, with the templates' own
error when they fail on those values too) unless --skip-schema-validation is given. Warnings go to stderr;
--strict makes them errors.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Render(error, sources)) => {
            eprint!("{}", describe(&Diagnostic::from_error(&error), &sources));
            ExitCode::from(1)
        }
        Err(Failure::Invalid) => ExitCode::from(1),
    }
}

/// Why the command failed: a wrong command line, or a render error with the sources it may point into.
enum Failure {
    Usage(String),
    Render(Error, Vec<ValuesFile>),
    /// The schema check or `--validate` found problems (already printed).
    Invalid,
}

impl From<lexopt::Error> for Failure {
    fn from(err: lexopt::Error) -> Self {
        Failure::Usage(err.to_string())
    }
}

fn run() -> Result<(), Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next()? {
        Some(Value(command)) => command.string()?,
        Some(Long("help") | Short('h')) => {
            println!("{USAGE}");
            return Ok(());
        }
        Some(Long("version") | Short('V')) => {
            println!("chartplay {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        Some(other) => return Err(Failure::Usage(other.unexpected().to_string())),
        None => return Err(Failure::Usage("no command given".into())),
    };
    match command.as_str() {
        "charts" => {
            if let Some(arg) = parser.next()? {
                return Err(Failure::Usage(arg.unexpected().to_string()));
            }
            for name in chartplay_core::builtin_names() {
                println!("{name}");
            }
            Ok(())
        }
        "values" => {
            let mut chart_arg = None;
            while let Some(arg) = parser.next()? {
                match arg {
                    Value(v) if chart_arg.is_none() => chart_arg = Some(v.string()?),
                    other => return Err(Failure::Usage(other.unexpected().to_string())),
                }
            }
            let chart_arg = chart_arg.ok_or_else(|| Failure::Usage("values: which chart?".into()))?;
            let chart = load_chart(&chart_arg).map_err(|e| Failure::Render(e, Vec::new()))?;
            print!("{}", chart.values_text());
            Ok(())
        }
        "render" | "template" => render(parser),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

fn render(mut parser: lexopt::Parser) -> Result<(), Failure> {
    use lexopt::prelude::*;
    let mut chart_arg = None;
    let mut files = Vec::new();
    let mut flags = Vec::new();
    let mut options = RenderOptions::default();
    let mut validate = false;
    let mut checks = Checks { values: true, objects: false };
    let mut strict = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('f') | Long("values") => files.push(parser.value()?.string()?),
            Long("set") => flags.push(SetFlag::new(SetKind::Set, parser.value()?.string()?)),
            Long("set-string") => flags.push(SetFlag::new(SetKind::String, parser.value()?.string()?)),
            Long("release-name") => options.release_name = parser.value()?.string()?,
            Short('n') | Long("namespace") => options.namespace = parser.value()?.string()?,
            Long("kube-version") => options.kube_version = Some(parser.value()?.string()?),
            Long("api-versions") | Short('a') => options.api_versions.push(parser.value()?.string()?),
            Long("show-only") | Short('s') => options.show_only.push(parser.value()?.string()?),
            Long("validate") => validate = true,
            Long("skip-schema-validation") => checks.values = false,
            Long("strict") => strict = true,
            Long("help") | Short('h') => {
                println!("{USAGE}");
                return Ok(());
            }
            Value(v) if chart_arg.is_none() => chart_arg = Some(v.string()?),
            other => return Err(Failure::Usage(other.unexpected().to_string())),
        }
    }
    let chart_arg = chart_arg.ok_or_else(|| Failure::Usage("render: which chart?".into()))?;
    let mut inputs = Inputs { files: Vec::new(), flags, options };
    for file in &files {
        let text = if file == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
            text
        } else {
            std::fs::read_to_string(file).map_err(|e| Failure::Usage(format!("cannot read {file}: {e}")))?
        };
        let name = if file == "-" { "<stdin>".to_string() } else { file.clone() };
        inputs.files.push(ValuesFile::new(name, text));
    }
    let chart = load_chart(&chart_arg).map_err(|e| Failure::Render(e, Vec::new()))?;
    let mut session = Session::new(chart);
    if validate {
        checks.objects = true;
        let requested = inputs.options.kube_version.as_deref().unwrap_or(DEFAULT_KUBE_VERSION);
        let validator = kube::bundled(kube::schema_version(requested)).map_err(|e| Failure::Render(e, Vec::new()))?;
        session.set_kube_validator(Some(std::sync::Arc::new(validator)));
    }
    let outcome = session.run(&inputs, checks);
    report(&outcome, &inputs, strict)
}

/// Prints the diagnostics to stderr and, unless the values or the render failed, the stream to stdout.
///
/// A problem of the values (YAML, flags, the values schema) or of the render means nothing is printed on stdout
/// (exit 1). The templates still ran: when they fail as well, their error is printed after the values' problems,
/// since Gruntwork's chart has no schema and that error is the one Helm prints for these values (`applicationName
/// is required`). Problems of the rendered objects (`--validate`) come after the stream (exit 1). With `--strict`,
/// warnings count as errors.
fn report(outcome: &Outcome, inputs: &Inputs, strict: bool) -> Result<(), Failure> {
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
        let then = match outcome.rendered {
            None => "and the templates fail on them",
            Some(_) => "--skip-schema-validation renders what Helm renders",
        };
        stderr.push_str(&format!("{count} in the values (see the chart's schema and docs/values-policy.md); {then}\n"));
    }
    let failed = values.iter().any(|d| fails(d));
    let stream = outcome.rendered.as_ref().filter(|_| !failed);
    if let Some(rendered) = stream {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(rendered.to_stream().as_bytes());
        let _ = stdout.flush();
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

/// A built-in chart by name, or a chart folder on disk.
fn load_chart(arg: &str) -> Result<Chart, Error> {
    let path = Path::new(arg);
    if !path.is_dir() {
        return Chart::builtin(arg);
    }
    let mut files = Vec::new();
    collect(path, path, &mut files);
    Chart::load(files)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<ChartFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let (Ok(rel), Ok(contents)) = (path.strip_prefix(root), std::fs::read_to_string(&path)) {
            files.push(ChartFile { path: rel.to_string_lossy().replace('\\', "/"), contents });
        }
    }
}

/// A diagnostic as a compiler prints one: `error: FILE:LINE:COL: path: message`, the line with the span underlined
/// when the file is a values file we read, then its help and notes.
fn describe(diagnostic: &Diagnostic, sources: &[ValuesFile]) -> String {
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
