//! The Go-template text that Helm's `tpl` receives, turned into the engine's syntax.
//!
//! Values rendered through `tpl` (Gruntwork's chart does it for `horizontalPodAutoscaler.behavior`) are written
//! by users for Helm, in Go-template syntax: `{{ .Values.x }}`, `{{ .Release.Name | upper }}`,
//! `{{ default "1" .Values.n }}`, `{{ if .Values.on }}…{{ else }}…{{ end }}`. [`translate`] rewrites that subset
//! into the engine's syntax and keeps the text around the actions literal (a `{%` in it stays text, as in Go).
//! Anything outside the subset (`range`, `with`, variables, `define`) is an error that says so, never a silent
//! difference.

/// Translates Go-template `text` into the engine's syntax. `is_filter` tells which function names are filters
/// (called with the piped value first, where Go passes it last).
pub fn translate(text: &str, is_filter: &dyn Fn(&str) -> bool) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    let mut blocks = 0usize;
    while let Some(start) = rest.find("{{") {
        literal(&mut out, &rest[..start]);
        let after = &rest[start + 2..];
        let end = closing(after).ok_or_else(|| "unclosed action (a {{ without }})".to_string())?;
        let mut action = &after[..end];
        rest = &after[end + 2..];
        let trim_left = action.starts_with("- ") || action == "-";
        if trim_left {
            action = &action[1..];
        }
        let trim_right = action.ends_with(" -");
        if trim_right {
            action = &action[..action.len() - 1];
        }
        let (open, close) = (if trim_left { "-" } else { "" }, if trim_right { "-" } else { "" });
        let action = action.trim();
        if action.starts_with("/*") && action.ends_with("*/") {
            out.push_str(&format!("{{#{open} comment {close}#}}"));
            continue;
        }
        let (keyword, argument) = action.split_once(' ').map_or((action, ""), |(k, a)| (k, a.trim()));
        let statement = match keyword {
            "if" => {
                blocks += 1;
                format!("if {}", pipeline(argument, is_filter)?)
            }
            "else" if argument.is_empty() => "else".to_string(),
            "else" => match argument.strip_prefix("if ") {
                Some(condition) => format!("elif {}", pipeline(condition, is_filter)?),
                None => return Err(format!("unsupported action {{{{ {action} }}}}")),
            },
            "end" if blocks > 0 => {
                blocks -= 1;
                "endif".to_string()
            }
            "end" => return Err("{{ end }} without an {{ if }}".to_string()),
            "range" | "with" | "define" | "template" | "block" | "break" | "continue" => {
                return Err(format!("{{{{ {keyword} }}}} is not supported in values rendered by tpl"))
            }
            _ => {
                out.push_str(&format!("{{{{{open} {} {close}}}}}", pipeline(action, is_filter)?));
                continue;
            }
        };
        out.push_str(&format!("{{%{open} {statement} {close}%}}"));
    }
    literal(&mut out, rest);
    if blocks > 0 {
        return Err("{{ if }} without {{ end }}".to_string());
    }
    Ok(out)
}

/// Literal text, written so the engine prints it as it is: only `{` can start one of its tags, so each `{` is
/// printed by an expression.
fn literal(out: &mut String, text: &str) {
    out.push_str(&text.replace('{', "{{ \"{\" }}"));
}

/// The offset of the `}}` that closes an action (outside string literals).
fn closing(action: &str) -> Option<usize> {
    let bytes = action.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'"' | b'`' => i = end_of_string(action, i)?,
            b'}' if bytes[i + 1] == b'}' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The offset just after the string literal starting at `start`.
fn end_of_string(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Splits at `separator` outside string literals and parentheses.
fn split_outside(text: &str, separator: u8) -> Option<Vec<&str>> {
    let bytes = text.as_bytes();
    let (mut parts, mut depth, mut from, mut i) = (Vec::new(), 0usize, 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'`' => {
                i = end_of_string(text, i)?;
                continue;
            }
            b'(' => depth += 1,
            b')' => depth = depth.checked_sub(1)?,
            b if b == separator && depth == 0 => {
                parts.push(&text[from..i]);
                from = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (depth == 0).then(|| {
        parts.push(&text[from..]);
        parts
    })
}

/// A pipeline: `command | command …`, the value of each passed on as the last argument of the next.
fn pipeline(text: &str, is_filter: &dyn Fn(&str) -> bool) -> Result<String, String> {
    let unbalanced = || format!("cannot read {text:?} (unbalanced quotes or parentheses)");
    let mut piped: Option<String> = None;
    for command in split_outside(text, b'|').ok_or_else(unbalanced)? {
        let words: Vec<&str> =
            split_outside(command.trim(), b' ').ok_or_else(unbalanced)?.into_iter().filter(|w| !w.is_empty()).collect();
        let Some((&head, args)) = words.split_first() else { return Err(format!("empty command in {text:?}")) };
        let mut args = args.iter().map(|a| operand(a, is_filter)).collect::<Result<Vec<_>, _>>()?;
        let is_name = head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && head.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && !matches!(head, "true" | "false" | "nil");
        let value = if !is_name {
            if piped.is_some() || !args.is_empty() {
                return Err(format!("{head} is not a function"));
            }
            operand(head, is_filter)?
        } else {
            if let Some(value) = piped.take() {
                args.push(value);
            }
            call(head, args, is_filter)?
        };
        piped = Some(value);
    }
    piped.ok_or_else(|| format!("empty pipeline {text:?}"))
}

/// A call of `name` with Go's argument order.
fn call(name: &str, mut args: Vec<String>, is_filter: &dyn Fn(&str) -> bool) -> Result<String, String> {
    let two = |op: &str, args: &[String]| match args {
        [a, b] => Ok(format!("({a} {op} {b})")),
        _ => Err(format!("{name} takes two arguments")),
    };
    Ok(match name {
        "eq" => two("==", &args)?,
        "ne" => two("!=", &args)?,
        "lt" => two("<", &args)?,
        "le" => two("<=", &args)?,
        "gt" => two(">", &args)?,
        "ge" => two(">=", &args)?,
        "and" | "or" if args.len() >= 2 => format!("({})", args.join(&format!(" {name} "))),
        "not" if args.len() == 1 => format!("(not {})", args[0]),
        "len" if args.len() == 1 => format!("({} | length)", args[0]),
        // Go passes the main value last; a filter takes it first.
        _ if is_filter(name) => match args.pop() {
            Some(value) if args.is_empty() => format!("({value} | {name})"),
            Some(value) => format!("({value} | {name}({}))", args.join(", ")),
            None => return Err(format!("{name} needs an argument")),
        },
        _ => format!("{name}({})", args.join(", ")),
    })
}

/// One argument: a field chain, a literal or a parenthesised pipeline.
fn operand(word: &str, is_filter: &dyn Fn(&str) -> bool) -> Result<String, String> {
    if let Some(inner) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
        return Ok(format!("({})", pipeline(inner, is_filter)?));
    }
    if let Some(raw) = word.strip_prefix('`').and_then(|w| w.strip_suffix('`')) {
        return Ok(format!("{raw:?}"));
    }
    if word.starts_with('"') || word.parse::<f64>().is_ok() || matches!(word, "true" | "false") {
        return Ok(word.to_string());
    }
    // `nil`; and the dot or `$` alone, which Helm users pass as `tpl`'s context (ours is always the chart's).
    if matches!(word, "nil" | "." | "$") {
        return Ok("none".to_string());
    }
    let field = word.strip_prefix("$.").or_else(|| word.strip_prefix('.'));
    match field {
        Some(path)
            if !path.is_empty()
                && path.split('.').all(|part| {
                    part.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                        && part.chars().all(|c| c.is_alphanumeric() || c == '_')
                }) =>
        {
            Ok(path.to_string())
        }
        _ => Err(format!("{word} is not supported in values rendered by tpl (fields like .Values.x are)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go(text: &str) -> Result<String, String> {
        translate(text, &|name| matches!(name, "quote" | "default" | "upper" | "indent" | "toYaml"))
    }

    #[test]
    fn actions_become_expressions_and_statements() {
        assert_eq!(go("a: {{ .Values.x }}").as_deref(), Ok("a: {{ Values.x }}"));
        assert_eq!(go("{{- .Release.Name | quote -}}").as_deref(), Ok("{{- (Release.Name | quote) -}}"));
        assert_eq!(go(r#"{{ default "1" .Values.n }}"#).as_deref(), Ok(r#"{{ (Values.n | default("1")) }}"#));
        assert_eq!(go(r#"{{ printf "%s-x" $.Values.a }}"#).as_deref(), Ok(r#"{{ printf("%s-x", Values.a) }}"#));
        assert_eq!(
            go("{{ if eq .Values.a 1 }}y{{ else if not .Values.b }}n{{ else }}z{{ end }}").as_deref(),
            Ok("{% if (Values.a == 1) %}y{% elif (not Values.b) %}n{% else %}z{% endif %}")
        );
        assert_eq!(go("{{ (.Values.a | upper) | quote }}").as_deref(), Ok("{{ (((Values.a | upper)) | quote) }}"));
    }

    #[test]
    fn text_around_actions_stays_literal() {
        assert_eq!(go("plain: text").as_deref(), Ok("plain: text"));
        assert_eq!(go("{% raw %} {{ .Values.a }}").as_deref(), Ok(r#"{{ "{" }}% raw %} {{ Values.a }}"#));
    }

    #[test]
    fn any_arrangement_of_fragments_translates_or_fails_without_panicking() {
        let fragments =
            ["{{", "}}", "- ", " -", "\"", "`", "(", ")", "|", " ", ".Values.a", "$", "if", "end", "é", "{%"];
        let mut count = 0;
        for a in fragments {
            for b in fragments {
                for c in fragments {
                    for d in fragments {
                        let _ = go(&format!("{a}{b}{c}{d}"));
                        count += 1;
                    }
                }
            }
        }
        assert_eq!(count, fragments.len().pow(4));
    }

    #[test]
    fn outside_the_subset_is_an_error() {
        assert!(go("{{ range .Values.a }}x{{ end }}").is_err_and(|e| e.contains("range")));
        assert!(go("{{ $x := 1 }}").is_err());
        assert!(go("{{ .Values.a ").is_err_and(|e| e.contains("unclosed")));
        assert!(go("{{ if .Values.a }}x").is_err_and(|e| e.contains("without {{ end }}")));
    }
}
