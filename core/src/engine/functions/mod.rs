//! Every Helm-like function the charts can call, registered under Helm's names.
//!
//! Filters receive the piped value first (`x | indent(4)` is Helm's `x | indent 4`). Families:
//! [`strings`], [`numbers`], [`encoding`], [`control`]. Of Jinja's own built-ins, only those the charts and `tpl`
//! use are registered (the environment starts empty; each built-in registered costs the download).

pub mod control;
pub mod encoding;
pub mod numbers;
pub mod strings;

use minijinja::Environment;

/// Whether `name` is called as a filter (`value | name(args)`), where Go templates pass the value last
/// (`name args value`): ours, and minijinja's that sprig has under the same name.
pub fn is_filter(name: &str) -> bool {
    matches!(
        name,
        "quote"
            | "squote"
            | "trunc"
            | "trimSuffix"
            | "trimPrefix"
            | "indent"
            | "nindent"
            | "toString"
            | "int"
            | "float"
            | "toYaml"
            | "toJson"
            | "b64enc"
            | "b64dec"
            | "required"
            | "default"
            | "empty"
            | "upper"
            | "lower"
            | "title"
            | "trim"
            | "replace"
            | "join"
            | "first"
            | "last"
    )
}

/// Registers all functions and filters on `env`.
pub fn register(env: &mut Environment<'static>) {
    // Jinja's built-ins that the charts' templates use, and those `tpl` offers under sprig's names.
    use minijinja::{filters, functions, tests};
    env.add_filter("items", filters::items);
    env.add_filter("length", filters::length);
    env.add_filter("map", filters::map);
    env.add_filter("list", filters::list);
    env.add_filter("string", filters::string);
    env.add_filter("replace", filters::replace);
    env.add_filter("trim", filters::trim);
    env.add_filter("join", filters::join);
    env.add_filter("first", filters::first);
    env.add_filter("last", filters::last);
    env.add_test("mapping", tests::is_mapping);
    env.add_test("sequence", tests::is_sequence);
    env.add_test("string", tests::is_string);
    env.add_test("number", tests::is_number);
    env.add_test("boolean", tests::is_boolean);
    env.add_test("none", tests::is_none);
    env.add_test("undefined", tests::is_undefined);
    env.add_test("defined", tests::is_defined);
    env.add_function("namespace", functions::namespace);
    // strings
    env.add_filter("quote", strings::quote);
    env.add_filter("squote", strings::squote);
    env.add_filter("upper", strings::upper);
    env.add_filter("lower", strings::lower);
    env.add_filter("title", strings::title);
    env.add_filter("trunc", strings::trunc);
    env.add_filter("trimSuffix", strings::trim_suffix);
    env.add_filter("trimPrefix", strings::trim_prefix);
    env.add_filter("indent", strings::indent);
    env.add_filter("nindent", strings::nindent);
    env.add_filter("toString", strings::to_string);
    env.add_function("printf", strings::printf);
    env.add_function("typeOf", |value: minijinja::Value| strings::type_of(&value));
    // numbers
    env.add_filter("int", numbers::int);
    env.add_filter("float", numbers::float);
    env.add_function("semverCompare", numbers::semver_compare);
    // encoding
    env.add_filter("toYaml", encoding::to_yaml);
    env.add_filter("toJson", encoding::to_json);
    env.add_filter("b64enc", encoding::b64enc);
    env.add_filter("b64dec", encoding::b64dec);
    // control
    env.add_filter("required", control::required);
    env.add_filter("default", control::default);
    env.add_filter("empty", control::empty);
    env.add_test("empty", control::empty);
    env.add_function("fail", control::fail);
    env.add_function("firstKeyNotOfKind", control::first_key_not_of_kind);
    env.add_function("tpl", control::tpl);
    env.add_function("includeKept", crate::engine::fragments::include_kept);
}
