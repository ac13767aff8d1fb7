//! Rendering a case the way `chartplay render` does, in-process, through the core's one pipeline.

use chartplay_core::{Checks, Inputs, RenderOptions, Session, SetFlag, SetKind, ValuesFile};

use crate::corpus::Case;

/// What a render of a case gave: the stream, or the text of the diagnostics when it failed; and the warnings.
#[derive(Debug, Clone)]
pub struct Run {
    /// The stream `chartplay render` prints, or its errors (each on a line, then its notes).
    pub result: Result<String, String>,
    /// The warnings, a line each.
    pub warnings: Vec<String>,
}

/// The pipeline's inputs for `case` with its values `text`: `-f values.yaml`, its `--set` and `--set-string` flags
/// and its release settings.
pub fn inputs(case: &Case, text: String) -> Inputs {
    let flags = (case.set.iter().map(|expr| SetFlag::new(SetKind::Set, expr)))
        .chain(case.set_string.iter().map(|expr| SetFlag::new(SetKind::String, expr)))
        .collect();
    Inputs {
        files: vec![ValuesFile::new("values.yaml", text)],
        flags,
        options: RenderOptions {
            release_name: case.release_name.clone(),
            namespace: case.namespace.clone(),
            kube_version: case.kube_version.clone(),
            ..RenderOptions::default()
        },
    }
}

/// Renders `case` as `chartplay render CHART -f values.yaml --set … --set-string … --release-name … --namespace …
/// [--kube-version …]` does, and with `policy: false` as it does with `--skip-schema-validation` (what must equal
/// Helm's output).
///
/// As the CLI: any error among the diagnostics (the values, the values policy, the templates) fails the render.
pub fn render_case(case: &Case, policy: bool) -> Run {
    let path = case.dir.join("values.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => return Run { result: Err(format!("cannot read {}: {error}", path.display())), warnings: vec![] },
    };
    let inputs = inputs(case, text);
    let mut session = match Session::builtin(&case.chart) {
        Ok(session) => session,
        Err(error) => return Run { result: Err(error.to_string()), warnings: vec![] },
    };
    let outcome = session.run(&inputs, Checks { values: policy, objects: false });
    let warnings = outcome.diagnostics.iter().filter(|d| !d.is_error()).map(ToString::to_string).collect();
    let result = match outcome.rendered {
        Some(rendered) if !outcome.has_errors() => Ok(rendered.to_stream()),
        _ => {
            let mut text = String::new();
            for diagnostic in outcome.diagnostics.iter().filter(|d| d.is_error()) {
                text.push_str(&diagnostic.to_string());
                text.push('\n');
                for note in &diagnostic.notes {
                    text.push_str(&note.message);
                    text.push('\n');
                }
            }
            Err(text)
        }
    };
    Run { result, warnings }
}
