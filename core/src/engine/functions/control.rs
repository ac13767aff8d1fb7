//! Control functions: `required`, `fail`, `default`, `empty`, `tpl`, `firstKeyNotOfKind`.

use std::cell::Cell;
use std::collections::BTreeMap;

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind, State};

/// Deepest nesting of `tpl` calls (a value that renders itself ends here with an error).
pub const TPL_DEPTH_LIMIT: usize = 16;

thread_local! {
    static TPL_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Go template emptiness, as sprig's `empty`: nil, false, 0, "" and empty lists/maps are empty.
pub fn empty(value: Value) -> bool {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => true,
        ValueKind::Seq | ValueKind::Map | ValueKind::Iterable => value.len().unwrap_or(0) == 0,
        _ => !value.is_true(),
    }
}

/// The first of `keys` whose value in `map` (absent is nil) is of none of `kinds`, or none: value checks for many
/// keys in one call, where a template loop would run a dozen instructions per key on every render. Kinds are
/// sprig's `kindOf` names `map`, `slice`, `string`, `bool`, `float64`, `int64` and `invalid` (nil), plus
/// `emptystring` for "".
///
/// ```jinja
/// {%- set bad = firstKeyNotOfKind(Values, ["configMaps", "secrets"], ["map", "invalid"]) -%}
/// {%- if bad %}{{ fail(printf("%s must be a map, got %s", bad, typeOf(Values[bad]))) }}{% endif -%}
/// ```
pub fn first_key_not_of_kind(map: Value, keys: Value, kinds: Value) -> Value {
    const NAMES: [&str; 8] = ["invalid", "map", "slice", "string", "bool", "int64", "float64", "emptystring"];
    // The kinds as a bit per name in `NAMES`, read once rather than once per key.
    let allowed = kinds
        .try_iter()
        .into_iter()
        .flatten()
        .filter_map(|kind| NAMES.iter().position(|name| kind.as_str() == Some(*name)))
        .fold(0u8, |bits, at| bits | 1 << at);
    let kind_of = |value: &Value| match value.kind() {
        ValueKind::Undefined | ValueKind::None => 0,
        ValueKind::Map => 1,
        ValueKind::Seq | ValueKind::Iterable => 2,
        ValueKind::String => 3,
        ValueKind::Bool => 4,
        ValueKind::Number if value.is_integer() => 5,
        _ => 6,
    };
    let fits = |value: &Value| {
        let empty_string = value.as_str() == Some("") && allowed & 1 << 7 != 0;
        allowed & 1 << kind_of(value) != 0 || empty_string
    };
    // The lists are constants of the template: read them in place rather than as new strings.
    let keys = keys.try_iter().into_iter().flatten();
    keys.filter(|key| key.as_str().is_some())
        .find(|key| !fits(&map.get_item(key).unwrap_or_default()))
        .unwrap_or_default()
}

/// Fails the render with `message` when the value is nil or the empty string. The optional `path` names the value
/// (`containerImage.tag`), so the error can point where the user set it (Helm's `required` has no such argument; the
/// message stays Helm's).
///
/// ```jinja
/// {{ Values.applicationName | required("applicationName is required", "applicationName") }}
/// ```
pub fn required(value: Value, message: &str, path: Option<&str>) -> Result<Value, Error> {
    if value.is_none() || value.is_undefined() || value.as_str() == Some("") {
        return Err(failure(message.to_string(), path));
    }
    Ok(value)
}

/// A failed render with `message`, about the value at `path` when one is given.
fn failure(message: String, path: Option<&str>) -> Error {
    let error = Error::new(ErrorKind::InvalidOperation, message);
    match path {
        Some(path) => {
            let about = crate::Error::new(crate::ErrorKind::Values, format!("about {path}")).with_value_path(path);
            error.with_source(about)
        }
        None => error,
    }
}

/// Sprig's `default`: the fallback when the value is empty (nil, false, 0, "", empty list or map).
///
/// ```jinja
/// type: {{ Values.service.type | default("ClusterIP") }}
/// ```
pub fn default(value: Value, fallback: Option<Value>) -> Value {
    if empty(value.clone()) {
        fallback.unwrap_or_default()
    } else {
        value
    }
}

/// Fails the render with `message`; the optional `path` names the value it is about, as for [`required`].
///
/// ```jinja
/// {{ fail("configMaps config has unknown type: " ~ config.as, "configMaps." ~ name ~ ".as") }}
/// ```
pub fn fail(message: Value, path: Option<&str>) -> Result<Value, Error> {
    Err(failure(crate::engine::format::go_sprint(&message), path))
}

/// Helm's `tpl`: renders `text`, written in Go-template syntax as Helm users write it (the subset of
/// [`crate::engine::gotemplate`]), with the chart's context (`Values`, `Release`, `Chart`, `Capabilities`).
/// Nesting is bounded by [`TPL_DEPTH_LIMIT`]. A third argument names the value the text comes from: an error in
/// the text is then about that value (at its line in the user's file), not about a line of the text.
///
/// ```jinja
/// {{ tpl(Values.behavior | toYaml, none, "behavior") | indent(4) }}
/// ```
///
/// and, in a value rendered by it:
///
/// ```yaml
/// behavior:
///   scaleDown:
///     stabilizationWindowSeconds: {{ .Values.window | default 300 }}
/// ```
pub fn tpl(state: &State, text: &str, _context: Option<Value>, path: Option<&str>) -> Result<String, Error> {
    // Helm's second argument is the context; values are always rendered with the chart's.
    let depth = TPL_DEPTH.with(Cell::get);
    if depth >= TPL_DEPTH_LIMIT {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("tpl nested deeper than {TPL_DEPTH_LIMIT} levels (does a value render itself?)"),
        ));
    }
    let mut context = BTreeMap::new();
    for name in ["Values", "Release", "Chart", "Capabilities", "Template"] {
        if let Some(value) = state.lookup(name) {
            context.insert(name, value);
        }
    }
    let source = crate::engine::gotemplate::translate(text, &super::is_filter)
        .map_err(|message| failure(format!("tpl: {message}"), path))?;
    TPL_DEPTH.with(|d| d.set(depth + 1));
    let result = state.env().render_str(&source, context);
    TPL_DEPTH.with(|d| d.set(depth));
    // The text's own lines mean nothing to the user: the error is about the value it came from, when the
    // template says which (a nested tpl's error is passed on as it is).
    match (result, path) {
        (Err(error), Some(path)) if error.name() == Some("<string>") => {
            let inner = crate::engine::template_error(&error, None);
            Err(failure(format!("tpl: {}", inner.message()), Some(path)))
        }
        (result, _) => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_key_not_of_kind_finds_the_first_misfit() {
        let map =
            Value::from_serialize(serde_json::json!({"m": {}, "l": [1], "s": "x", "e": "", "f": false, "n": null}));
        let find = |keys: &[&str], kinds: &[&str]| {
            let list = |items: &[&str]| Value::from_iter(items.iter().copied());
            first_key_not_of_kind(map.clone(), list(keys), list(kinds)).to_string()
        };
        assert_eq!(find(&["m", "n", "absent"], &["map", "invalid"]), "");
        assert_eq!(find(&["m", "l", "s"], &["map", "slice"]), "s");
        assert_eq!(find(&["e", "f"], &["emptystring"]), "f");
        assert_eq!(find(&["l", "e"], &["slice", "emptystring"]), "");
    }

    #[test]
    fn default_replaces_empty_values_only() {
        assert_eq!(default(Value::from(""), Some(Value::from("x"))), Value::from("x"));
        assert_eq!(default(Value::from(0), Some(Value::from(1))), Value::from(1));
        assert_eq!(default(Value::from(false), Some(Value::from(true))), Value::from(true));
        assert_eq!(default(Value::from("a"), Some(Value::from("x"))), Value::from("a"));
    }

    #[test]
    fn required_rejects_nil_and_empty_string() {
        assert!(required(Value::from(()), "x is required", None).is_err());
        assert!(required(Value::from(""), "x is required", None).is_err());
        assert!(required(Value::from(false), "x is required", None).is_ok());
    }
}
