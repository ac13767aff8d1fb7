//! The template engine: a minijinja environment set up to behave like Helm's where output depends on it.
//!
//! - `{{ x }}` prints like Go's `fmt.Sprint` ([`format`]), with `nil` printing as nothing;
//! - no HTML escaping, trailing newlines kept, undefined values chain quietly (`Values.a.b` on a missing `a`
//!   is undefined, as a missing key is in Helm);
//! - execution is bounded: fuel per render and a recursion limit, so no template or `tpl` value can hang;
//! - template names are `<chart>/templates/<file>`; an import of a bare file name (`_helpers.tpl`) resolves
//!   beside the importing template, a name with a `/` is absolute (`common/templates/_lib.tpl`).

pub mod convert;
pub mod format;
pub(crate) mod fragments;
pub mod functions;
pub mod gotemplate;
pub(crate) mod trace;
pub mod tracked;

use std::borrow::Cow;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::error::{Error, ErrorKind, Location, Result};

/// Instructions one render may execute. The largest corpus case uses well under 1% of it.
pub const FUEL: u64 = 20_000_000;

/// Deepest nesting of macros, includes and loops.
pub const RECURSION_LIMIT: usize = 200;

/// Builds an environment holding `templates` (`(name, source)` pairs), with every Helm-like function registered.
pub fn environment(templates: Vec<(String, String)>) -> Result<Environment<'static>> {
    // An empty environment with only the built-ins the charts use (see `functions::register`): the others
    // would cost ~40 KB of the playground's download.
    let mut env = Environment::empty();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_keep_trailing_newline(true);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_formatter(|out, _state, value| {
        // Strings, the common case, go straight out; everything else is printed the way Go prints it. A traced
        // render marks what it prints with where it comes from.
        let written = if trace::active() {
            let printed = value.as_str().map_or_else(|| format::go_sprint(value).into(), std::borrow::Cow::Borrowed);
            let mut marked = String::new();
            trace::print(&mut marked, value, &printed);
            out.write_str(&marked)
        } else {
            match value.as_str() {
                Some(text) => out.write_str(text),
                None => out.write_str(&format::go_sprint(value)),
            }
        };
        written.map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "failed to write output"))
    });
    env.set_path_join_callback(join_template_path);
    functions::register(&mut env);
    for (name, source) in templates {
        env.add_template_owned(name.clone(), source).map_err(|err| template_error(&err, Some(&name)))?;
    }
    Ok(env)
}

fn join_template_path<'s>(name: &'s str, parent: &'s str) -> Cow<'s, str> {
    if name.contains('/') {
        return Cow::Borrowed(name);
    }
    match parent.rsplit_once('/') {
        Some((dir, _)) => Cow::Owned(format!("{dir}/{name}")),
        None => Cow::Borrowed(name),
    }
}

/// Turns a minijinja error into ours, with the template and line where it happened.
pub fn template_error(err: &minijinja::Error, fallback_name: Option<&str>) -> Error {
    // The innermost error says what went wrong; the outer ones only say which template included it.
    let mut innermost = err;
    while let Some(inner) = std::error::Error::source(innermost).and_then(|s| s.downcast_ref::<minijinja::Error>()) {
        innermost = inner;
    }
    let message = match innermost.kind() {
        minijinja::ErrorKind::InvalidOperation => innermost.detail().unwrap_or("invalid operation").to_string(),
        minijinja::ErrorKind::OutOfFuel => {
            "template execution exceeded its budget (an endless loop or a self-referencing tpl?)".to_string()
        }
        _ => match innermost.detail() {
            Some(detail) => format!("{}: {detail}", innermost.kind()),
            None => innermost.kind().to_string(),
        },
    };
    let name = innermost.name().or(err.name()).or(fallback_name);
    let mut error = Error::new(ErrorKind::Template, message);
    // A function that knows which value it is about (`required`, `fail` with a path) says so in its source.
    let about = std::error::Error::source(innermost).and_then(|s| s.downcast_ref::<Error>());
    if let Some(path) = about.and_then(Error::value_path) {
        error = error.with_value_path(path);
    }
    if let Some(name) = name {
        let line = innermost.line().or(err.line()).unwrap_or(0);
        error = error.with_location(Location { file: name.into(), line, column: 0, range: None });
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, values: minijinja::Value) -> std::result::Result<String, Error> {
        let env = environment(vec![("t/templates/t.yaml".into(), template.into())])?;
        let template = env.get_template("t/templates/t.yaml").map_err(|e| template_error(&e, None))?;
        template.render(minijinja::context! { Values => values }).map_err(|e| template_error(&e, None))
    }

    #[test]
    fn endless_loop_runs_out_of_fuel() {
        let template = "{% for i in Values.n %}{% for j in Values.n %}{% endfor %}{% endfor %}";
        let err = render(template, minijinja::context! { n => (0..10_000).collect::<Vec<u32>>() });
        let message = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("budget"), "{message}");
    }

    #[test]
    fn self_referencing_tpl_ends_in_an_error() {
        let values = minijinja::context! { loop => "{{ tpl .Values.loop . }}" };
        let err = render("{{ tpl(Values.loop) }}", values);
        let message = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("tpl nested deeper"), "{message}");
    }

    #[test]
    fn errors_name_template_and_line() {
        let err = render("a: 1\n{{ fail('stop here') }}", minijinja::Value::UNDEFINED).err();
        assert_eq!(err.map(|e| e.to_string()).as_deref(), Some("t/templates/t.yaml:2: stop here"));
    }
}
