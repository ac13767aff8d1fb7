//! `chartplay`: render Gruntwork's Kubernetes Services charts like `helm template`, from the command line.
//!
//! A thin shell over `chartplay-core`: it reads files and flags, calls the core, and prints the stream or the
//! errors. Exit codes: 0 rendered, 1 the render failed, 2 the command line is wrong.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use chartplay_core::{Chart, ChartFile, Error, RenderOptions, ValuesFile};

const USAGE: &str = "\
usage: chartplay render <chart> [-f FILE|-]... [--set K=V]... [--set-string K=V]...
                        [--release-name NAME] [-n|--namespace NS] [--kube-version V]
                        [--api-versions V]... [--show-only templates/FILE]... [--validate]
                        [--skip-schema-validation]
       chartplay charts
       chartplay values <chart>

<chart> is a built-in chart name (see `chartplay charts`) or a chart folder. --validate checks the rendered
objects against the Kubernetes API of --kube-version (default v1.36.0) and exits 1 on problems. The values are
checked against the chart's values.schema.json first; problems stop the render (exit 1, with the templates' own
error when they fail on those values too) unless --skip-schema-validation is given.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Render(error, sources)) => {
            eprint!("{}", describe(&error, &sources));
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
    let mut set = Vec::new();
    let mut set_string = Vec::new();
    let mut options = RenderOptions::default();
    let mut validate = false;
    let mut skip_schema_validation = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('f') | Long("values") => files.push(parser.value()?.string()?),
            Long("set") => set.push(parser.value()?.string()?),
            Long("set-string") => set_string.push(parser.value()?.string()?),
            Long("release-name") => options.release_name = parser.value()?.string()?,
            Short('n') | Long("namespace") => options.namespace = parser.value()?.string()?,
            Long("kube-version") => options.kube_version = Some(parser.value()?.string()?),
            Long("api-versions") | Short('a') => options.api_versions.push(parser.value()?.string()?),
            Long("show-only") | Short('s') => options.show_only.push(parser.value()?.string()?),
            Long("validate") => validate = true,
            Long("skip-schema-validation") => skip_schema_validation = true,
            Long("help") | Short('h') => {
                println!("{USAGE}");
                return Ok(());
            }
            Value(v) if chart_arg.is_none() => chart_arg = Some(v.string()?),
            other => return Err(Failure::Usage(other.unexpected().to_string())),
        }
    }
    let chart_arg = chart_arg.ok_or_else(|| Failure::Usage("render: which chart?".into()))?;
    let mut sources = Vec::new();
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
        sources.push(ValuesFile { name, text });
    }
    let failed = |e: Error| Failure::Render(e, sources.clone());
    let chart = load_chart(&chart_arg).map_err(failed)?;
    let user = chartplay_core::load_values(&sources, &set, &set_string).map_err(failed)?;
    if !skip_schema_validation {
        check_schema(&chart, &user, &options, &sources)?;
    }
    let rendered = chartplay_core::render(&chart, &user, &options).map_err(failed)?;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(rendered.to_stream().as_bytes());
    let _ = stdout.flush();
    if validate {
        validate_rendered(&rendered, options.kube_version.as_deref())?;
    }
    Ok(())
}

/// Checks the values against the chart's schema as Helm does before rendering, printing each problem like a
/// compiler diagnostic: `error: values.yaml:12:5: containerPorts.http.port: expected integer, got string "eighty"`.
///
/// When there are problems, the templates are still run: if they fail as well, their error is printed after the
/// problems. Gruntwork's chart has no schema, so that error is the one Helm prints for these values (`applicationName
/// is required`, `secrets config has unknown type: file`), and it must not be lost behind the schema's wording.
fn check_schema(
    chart: &Chart,
    user: &chartplay_core::UserValues,
    options: &RenderOptions,
    sources: &[ValuesFile],
) -> Result<(), Failure> {
    let problems =
        chartplay_core::validate::check_values(chart, user).map_err(|e| Failure::Render(e, sources.to_vec()))?;
    if problems.is_empty() {
        return Ok(());
    }
    for problem in &problems {
        eprint!("{}", describe(&problem.to_error(), sources));
    }
    let count = format!("{} problem{}", problems.len(), if problems.len() == 1 { "" } else { "s" });
    match chartplay_core::render(chart, user, options) {
        Err(error) => {
            eprint!("{}", describe(&error, sources));
            eprintln!("{count} found in the values by the chart's values.schema.json, and the templates fail on them");
        }
        Ok(_) => eprintln!(
            "{count} found in the values by the chart's values.schema.json (--skip-schema-validation renders anyway)"
        ),
    }
    Err(Failure::Invalid)
}

/// `--validate`: checks the objects against the schemas of the nearest kube version at or below the requested
/// one, printing each problem to stderr.
fn validate_rendered(rendered: &chartplay_core::Rendered, kube_version: Option<&str>) -> Result<(), Failure> {
    use chartplay_core::{capabilities::DEFAULT_KUBE_VERSION, kube};
    let requested = kube_version.unwrap_or(DEFAULT_KUBE_VERSION);
    let validator = kube::bundled(kube::schema_version(requested)).map_err(|e| Failure::Render(e, Vec::new()))?;
    let used = validator.kube_version();
    let same_minor = |a: &str, b: &str| {
        let minor = |v: &str| chartplay_core::capabilities::KubeVersion::parse(v).ok().map(|k| (k.major, k.minor));
        minor(a) == minor(b)
    };
    if !same_minor(requested, used) {
        eprintln!("note: validating against the Kubernetes {used} schemas, the nearest available to {requested}");
    }
    let problems = validator.validate(rendered);
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        eprintln!(
            "{} problem{} found by Kubernetes validation",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        Err(Failure::Invalid)
    }
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

/// An error as a compiler would print it: `error: FILE:LINE:COL: message`, the line with a caret under the
/// column when the file is a values file we read, then each cause.
fn describe(error: &Error, sources: &[ValuesFile]) -> String {
    let mut out = String::new();
    let mut current: Option<&Error> = Some(error);
    let mut first = true;
    while let Some(err) = current {
        out.push_str(if first { "error: " } else { "  note: " });
        first = false;
        out.push_str(&err.to_string());
        out.push('\n');
        if let Some(location) = err.location() {
            if let Some(source) = sources.iter().find(|s| *s.name == *location.file) {
                if let Some(line) = source.text.lines().nth(location.line.saturating_sub(1)) {
                    if location.line > 0 {
                        let number = location.line.to_string();
                        let pad = " ".repeat(number.len());
                        out.push_str(&format!("{pad} |\n{number} | {line}\n"));
                        if location.column > 0 {
                            out.push_str(&format!("{pad} | {}^\n", " ".repeat(location.column - 1)));
                        }
                    }
                }
            }
        }
        current = std::error::Error::source(err).and_then(|s| s.downcast_ref::<Error>());
    }
    out
}
