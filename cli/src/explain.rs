//! `chartplay trace` and `chartplay diff`: the output explained, and two renders compared.
//!
//! - `trace <chart> [render flags] --field KIND/NAME:PATH` prints the source of that output field
//!   (`replicaCount (values.yaml:9:15)`, `(chart default)`, `(--set replicaCount=3)`, or `(chart)` for constant
//!   text); `--value VALUE.PATH` prints every field the value produced, `KIND/NAME:PATH` a line, or that it is not
//!   used with these values and why. Exit 0 on an answer, 1 when the field, object or output is not there.
//! - `diff <chart> [render flags for the new side] --against FILE...` renders the new side and, with the same
//!   release settings, the old side from the `--against` values files; it prints `+ Kind/name`, `- Kind/name`,
//!   and `~ Kind/name` with each changed field as `path: old → new` (`-u`: a unified diff per manifest). Exit 0
//!   when the renders are the same, 1 when they differ, 2 on any error, as diff(1).

use chartplay_core::diff;
use chartplay_core::trace::{field_name, Trace};
use chartplay_core::{Inputs, Origin, Outcome, Rendered, Session, ValuePath};
use lexopt::ValueExt;

use crate::flags::RenderFlags;
use crate::{chart, next_argument, report, Argument, Failure, USAGE};

/// What `trace` is asked.
enum Question {
    Field(String),
    Value(String),
}

/// `chartplay trace <chart> [render flags] [--release-name NAME] (--field KIND/NAME:PATH | --value PATH)`.
pub fn trace(mut parser: lexopt::Parser) -> Result<(), Failure> {
    let mut flags = RenderFlags::default();
    let mut chart_arg = None;
    let mut question = None;
    while let Some(argument) = next_argument(&mut parser)? {
        match argument {
            Argument::Option(option) if flags.take(&option, &mut parser)? => {}
            Argument::Option(option) => match option.as_str() {
                "--release-name" => flags.options.release_name = parser.value()?.string()?,
                "--field" => question = Some(Question::Field(parser.value()?.string()?)),
                "--value" => question = Some(Question::Value(parser.value()?.string()?)),
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(());
                }
                _ => return Err(Failure::Usage(format!("unexpected option {option} for trace"))),
            },
            Argument::Positional(chart) if chart_arg.is_none() => chart_arg = Some(chart),
            Argument::Positional(extra) => return Err(Failure::Usage(format!("unexpected argument {extra:?}"))),
        }
    }
    let chart_arg = chart_arg.ok_or_else(|| Failure::Usage("trace: which chart?".into()))?;
    let question = question
        .ok_or_else(|| Failure::Usage("trace: ask about an output field (--field) or a value (--value)".into()))?;
    let inputs = flags.inputs()?;
    let mut session = Session::new(chart::load_chart(&chart_arg).map_err(|e| Failure::Render(e, Vec::new()))?);
    let trace = session.trace(&inputs).map_err(|diagnostic| {
        eprint!("{}", report::describe(&diagnostic, &inputs.files));
        Failure::Invalid
    })?;
    match question {
        Question::Field(field) => answer_field(&trace, &field),
        Question::Value(value) => answer_value(&trace, &session, &inputs, &value),
    }
}

/// The source of `KIND/NAME:PATH`, a line per value.
fn answer_field(trace: &Trace, question: &str) -> Result<(), Failure> {
    let not_there = |message: String| {
        eprintln!("error: {message}");
        Failure::Invalid
    };
    let (object, path) = question.split_once(':').unwrap_or((question, ""));
    let (kind, name) = object.split_once('/').unwrap_or((object, ""));
    let index = trace.find(kind, name).ok_or_else(|| {
        let objects: Vec<String> = trace.manifests().iter().map(|m| field_name(m, &ValuePath::default())).collect();
        not_there(format!("no object {object} in the output (there are: {})", objects.join(", ")))
    })?;
    let field = ValuePath::parse(path).ok_or_else(|| not_there(format!("{path:?} is not a field path")))?;
    let spans = trace.field(index, &field).ok_or_else(|| not_there(format!("{object} has no field {path}")))?;
    if spans.is_empty() {
        println!("(chart)");
    }
    let mut seen = Vec::new();
    for span in spans {
        let line = format!("{} ({})", span.value, origin(&span.origin));
        if !seen.contains(&line) {
            println!("{line}");
            seen.push(line);
        }
    }
    Ok(())
}

/// Every field the value at `question` produced, or why none.
fn answer_value(trace: &Trace, session: &Session, inputs: &Inputs, question: &str) -> Result<(), Failure> {
    let path = ValuePath::parse(question).filter(|p| !p.0.is_empty()).ok_or_else(|| {
        eprintln!("error: {question:?} is not a value path");
        Failure::Invalid
    })?;
    let produced = trace.produced(&path);
    if produced.is_empty() {
        let reason = match (session.why_unused(inputs, &path), trace.was_read(&path)) {
            (Some(reason), _) => format!(": {reason}"),
            (None, true) => " (the chart reads it, but writes no field of its own with it)".to_string(),
            (None, false) => String::new(),
        };
        println!("{path}: not used with these values{reason}");
        return Ok(());
    }
    for field in produced {
        println!("{}", field_name(&trace.manifests()[field.manifest], &field.field));
    }
    Ok(())
}

/// Where a value comes from, as `trace` prints it.
fn origin(origin: &Origin) -> String {
    match origin {
        Origin::File(location) | Origin::Flag(location) => location.to_string(),
        Origin::Default => "chart default".to_string(),
    }
}

/// `chartplay diff <chart> [render flags] [--release-name NAME] --against FILE... [-u]`; exit 1 means "differ".
pub fn diff(mut parser: lexopt::Parser) -> Result<(), Failure> {
    let mut flags = RenderFlags::default();
    let mut chart_arg = None;
    let mut against = Vec::new();
    let mut unified = false;
    while let Some(argument) = next_argument(&mut parser).map_err(as_diff_error)? {
        match argument {
            Argument::Option(option) if flags.take(&option, &mut parser).map_err(as_diff_error)? => {}
            Argument::Option(option) => match option.as_str() {
                "--release-name" => flags.options.release_name = parser.value()?.string()?,
                "--against" => against.push(parser.value()?.string()?),
                "-u" | "--unified" => unified = true,
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(());
                }
                _ => return Err(Failure::Usage(format!("unexpected option {option} for diff"))),
            },
            Argument::Positional(chart) if chart_arg.is_none() => chart_arg = Some(chart),
            Argument::Positional(extra) => return Err(Failure::Usage(format!("unexpected argument {extra:?}"))),
        }
    }
    let chart_arg = chart_arg.ok_or_else(|| Failure::Usage("diff: which chart?".into()))?;
    if against.is_empty() {
        return Err(Failure::Usage("diff: --against FILE names the old side's values".into()));
    }
    let new = flags.inputs().map_err(as_diff_error)?;
    let old_flags = RenderFlags { values_files: against, options: flags.options.clone(), ..RenderFlags::default() };
    let old = old_flags.inputs().map_err(as_diff_error)?;
    let chart = chart::load_chart(&chart_arg).map_err(|e| Failure::Render(e, Vec::new())).map_err(as_diff_error)?;
    let mut session = flags.session(chart).map_err(as_diff_error)?;
    let old_render = rendered(session.run(&old, flags.checks()), &old, flags.strict, "old")?;
    let new_render = rendered(session.run(&new, flags.checks()), &new, flags.strict, "new")?;
    let changes = diff::objects(&old_render, &new_render);
    if unified {
        print!("{}", diff::unified(&old_render, &new_render));
    } else {
        for change in &changes {
            println!("{change}");
        }
    }
    if changes.is_empty() {
        Ok(())
    } else {
        Err(Failure::Exit(1))
    }
}

/// The manifests of one side, or exit 2 after printing why there are none.
fn rendered(outcome: Outcome, inputs: &Inputs, strict: bool, side: &str) -> Result<Rendered, Failure> {
    let fails =
        |d: &&chartplay_core::Diagnostic| d.is_error() || (strict && d.severity == chartplay_core::Severity::Warning);
    for diagnostic in outcome.diagnostics.iter().filter(fails) {
        eprint!("{}", report::describe(diagnostic, &inputs.files));
    }
    match outcome.rendered {
        Some(rendered) if !outcome.diagnostics.iter().any(|d| fails(&d)) => Ok(rendered),
        _ => {
            eprintln!("error: the {side} side does not render");
            Err(Failure::Exit(2))
        }
    }
}

/// Any error of `diff` exits 2, as diff(1)'s do.
fn as_diff_error(failure: Failure) -> Failure {
    match failure {
        Failure::Usage(message) => Failure::Usage(message),
        Failure::Render(error, sources) => {
            eprint!("{}", report::describe(&chartplay_core::Diagnostic::from_error(&error), &sources));
            Failure::Exit(2)
        }
        other => other,
    }
}
