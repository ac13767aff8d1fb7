//! `chartplay`: render Gruntwork's Kubernetes Services charts like `helm template`, from the command line.
//!
//! A thin shell over `chartplay-core`: it reads files and flags, calls the core, and prints the stream or the
//! errors. Exit codes: 0 rendered, 1 the render failed, 2 the command line is wrong.
//!
//! `main.rs` has the commands; `flags.rs` the flags all rendering commands share and the reading of the files they
//! name; `chart.rs` finds the chart; `report.rs` prints diagnostics; `output.rs` prints the stream or writes
//! `--output-dir`.

mod chart;
mod explain;
mod flags;
mod output;
mod report;

use std::process::ExitCode;

use chartplay_core::{Diagnostic, Error, ValuesFile};
use lexopt::ValueExt;

use crate::flags::RenderFlags;

pub(crate) const USAGE: &str = "\
usage: chartplay template [NAME] <chart> [render flags]... [--output-dir DIR [--release-name]]
       chartplay render <chart> [render flags]... [--release-name NAME]
       chartplay trace <chart> [render flags]... [--release-name NAME] (--field KIND/NAME:PATH | --value PATH)
       chartplay diff <chart> [render flags]... [--release-name NAME] --against FILE... [-u]
       chartplay charts
       chartplay values <chart>

render flags, as helm template's:
  -f, --values FILE|-           a values file; later files win (- reads standard input)
      --set K=V                 a value, typed as Helm types it (1 is a number, true a boolean)
      --set-string K=V          a string value
      --set-json K=JSON         a JSON value (a={\"x\":1}, a=[1,2]); or a whole JSON object to merge
      --set-file K=PATH         the text of the file at PATH (- reads standard input)
      --set-literal K=V         a string exactly as written, commas and backslashes included
  -n, --namespace NS            the release namespace (default: default)
      --kube-version V          the Kubernetes version templates see (default: v1.36.0)
  -a, --api-versions V[,V]...   extra API versions templates see
  -s, --show-only templates/FILE    only the manifests of this template
      --skip-schema-validation  no values checks: render what Helm renders
      --validate                check the rendered objects against the Kubernetes API of --kube-version
      --strict                  warnings are errors

Flags may be repeated and come in any order; the values apply as in Helm: the files in order, then every
--set-json, --set, --set-string, --set-file and --set-literal flag, each kind in command-line order.

<chart> is a built-in chart name (see `chartplay charts`) or a chart folder. `template` takes helm template's
arguments: NAME is the release name (default: release-name); --output-dir writes each manifest to
DIR/<chart>/templates/FILE and prints `wrote` lines, as Helm does, under DIR/NAME with --release-name (with
--show-only, only those templates' files). `render` prints the same stream; its release is --release-name NAME.

`trace` explains the output: --field Deployment/release-name-web:spec.replicas prints the value behind that field
and where it is set (`replicaCount (values.yaml:9:15)`, `(chart default)`, `(chart)` for the chart's own text);
--value replicaCount prints each field it produced, or that it is not used with these values and why.
`diff` renders the new side from the render flags and the old side from the --against files (same release
settings) and prints `+ Kind/name`, `- Kind/name` and `~ Kind/name` with each changed field (`path: old → new`),
or a unified diff per manifest with -u; it exits 0 when the renders are the same, 1 when they differ, 2 on errors.

The values are checked against the chart's values.schema.json first; problems stop the render (exit 1, with the
templates' own error when they fail on those values too) unless --skip-schema-validation is given. Warnings go to
stderr; --strict makes them errors. --validate exits 1 on problems of the rendered objects.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n(`chartplay --help` lists the commands and their flags)");
            ExitCode::from(2)
        }
        Err(Failure::Render(error, sources)) => {
            eprint!("{}", report::describe(&Diagnostic::from_error(&error), &sources));
            ExitCode::from(1)
        }
        Err(Failure::Output(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Exit(code)) => ExitCode::from(code),
    }
}

/// Why the command failed.
pub enum Failure {
    /// A wrong command line, or a file it names that cannot be read.
    Usage(String),
    /// A render error with the sources it may point into.
    Render(Error, Vec<ValuesFile>),
    /// The output cannot be written (`--output-dir`).
    Output(String),
    /// The values checks or `--validate` found problems (already printed).
    Invalid,
    /// The command ends with this status, its reason already printed (`diff`: 1 when the renders differ, 2 on
    /// errors).
    Exit(u8),
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
            let chart = chart::load_chart(&chart_arg).map_err(|e| Failure::Render(e, Vec::new()))?;
            print!("{}", chart.values_text());
            Ok(())
        }
        "render" => render(parser),
        "template" => template(parser),
        "trace" => explain::trace(parser),
        "diff" => explain::diff(parser),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// One argument of a command: an option as written (`-f`, `--set`), whose value the parser reads next, or a
/// positional argument.
pub(crate) enum Argument {
    Option(String),
    Positional(String),
}

/// The next argument, or `None` at the end.
pub(crate) fn next_argument(parser: &mut lexopt::Parser) -> Result<Option<Argument>, Failure> {
    use lexopt::prelude::*;
    Ok(match parser.next()? {
        None => None,
        Some(Short(c)) => Some(Argument::Option(format!("-{c}"))),
        Some(Long(name)) => Some(Argument::Option(format!("--{name}"))),
        Some(Value(value)) => Some(Argument::Positional(value.string()?)),
    })
}

/// `chartplay render <chart> [render flags] [--release-name NAME]`.
fn render(mut parser: lexopt::Parser) -> Result<(), Failure> {
    let mut flags = RenderFlags::default();
    let mut chart_arg = None;
    while let Some(argument) = next_argument(&mut parser)? {
        match argument {
            Argument::Option(option) if flags.take(&option, &mut parser)? => {}
            Argument::Option(option) => match option.as_str() {
                "--release-name" => flags.options.release_name = parser.value()?.string()?,
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(());
                }
                _ => return Err(Failure::Usage(format!("unexpected option {option} for render"))),
            },
            Argument::Positional(chart) if chart_arg.is_none() => chart_arg = Some(chart),
            Argument::Positional(extra) => return Err(Failure::Usage(format!("unexpected argument {extra:?}"))),
        }
    }
    let chart_arg = chart_arg.ok_or_else(|| Failure::Usage("render: which chart?".into()))?;
    run_session(&flags, &chart_arg, output::print_stream)
}

/// `chartplay template [NAME] <chart> [render flags] [--output-dir DIR [--release-name]]`, with `helm template`'s
/// arguments.
fn template(mut parser: lexopt::Parser) -> Result<(), Failure> {
    let mut flags = RenderFlags::default();
    let mut positionals = Vec::new();
    let mut output_dir = None;
    let mut release_name_dir = false;
    while let Some(argument) = next_argument(&mut parser)? {
        match argument {
            Argument::Option(option) if flags.take(&option, &mut parser)? => {}
            Argument::Option(option) => match option.as_str() {
                "--output-dir" => output_dir = Some(parser.value()?.string()?),
                // Helm's `--release-name` is a switch: the release name as a folder under --output-dir.
                "--release-name" => release_name_dir = true,
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(());
                }
                _ => return Err(Failure::Usage(format!("unexpected option {option} for template"))),
            },
            Argument::Positional(value) => positionals.push(value),
        }
    }
    // Helm's `NameAndChart`: one argument is the chart, two are the release name and the chart.
    let chart_arg = match positionals.as_mut_slice() {
        [] => return Err(Failure::Usage("template: which chart?".into())),
        [chart] => std::mem::take(chart),
        [name, chart] => {
            flags.options.release_name = std::mem::take(name);
            std::mem::take(chart)
        }
        [_, _, extra, ..] => {
            return Err(Failure::Usage(format!("unexpected argument {extra:?} (template takes [NAME] CHART)")))
        }
    };
    // Helm writes to standard output when --output-dir is empty.
    match output_dir.filter(|dir| !dir.is_empty()) {
        None => run_session(&flags, &chart_arg, output::print_stream),
        Some(dir) => {
            let release = release_name_dir.then(|| flags.options.release_name.clone());
            run_session(&flags, &chart_arg, |rendered| output::write_dir(rendered, &dir, release.as_deref()))
        }
    }
}

/// Loads the chart, runs the pipeline on the flags' inputs, prints the diagnostics and hands the manifests to
/// `emit` unless the values or the render failed.
fn run_session(
    flags: &RenderFlags,
    chart_arg: &str,
    emit: impl FnOnce(&chartplay_core::Rendered) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let inputs = flags.inputs()?;
    let chart = chart::load_chart(chart_arg).map_err(|e| Failure::Render(e, Vec::new()))?;
    let mut session = flags.session(chart)?;
    let outcome = session.run(&inputs, flags.checks());
    report::report(&outcome, &inputs, flags.strict, emit)
}
