//! Rendering a case the way `chartplay render` does, in-process, through the core's one pipeline.

use chartplay_core::{Checks, Inputs, RenderOptions, Session, SetFlag, SetKind, ValuesFile};

use crate::corpus::Case;

/// Renders `case` as `chartplay render CHART -f values.yaml --set … --set-string … --release-name … --namespace …
/// [--kube-version …]` does: the stream it prints, or the text of its diagnostics when it fails.
///
/// As the CLI: any error among the diagnostics (the values, the values schema, the templates) fails the render;
/// the text is each diagnostic on a line, then its notes.
pub fn render_case(case: &Case) -> Result<String, String> {
    let path = case.dir.join("values.yaml");
    let text = std::fs::read_to_string(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let flags = (case.set.iter().map(|expr| SetFlag::new(SetKind::Set, expr)))
        .chain(case.set_string.iter().map(|expr| SetFlag::new(SetKind::String, expr)))
        .collect();
    let inputs = Inputs {
        files: vec![ValuesFile::new("values.yaml", text)],
        flags,
        options: RenderOptions {
            release_name: case.release_name.clone(),
            namespace: case.namespace.clone(),
            kube_version: case.kube_version.clone(),
            ..RenderOptions::default()
        },
    };
    let mut session = Session::builtin(&case.chart).map_err(|error| error.to_string())?;
    let outcome = session.run(&inputs, Checks { values: true, objects: false });
    match outcome.rendered {
        Some(rendered) if !outcome.has_errors() => Ok(rendered.to_stream()),
        _ => {
            let mut text = String::new();
            for diagnostic in &outcome.diagnostics {
                text.push_str(&diagnostic.to_string());
                text.push('\n');
                for note in &diagnostic.notes {
                    text.push_str(&note.message);
                    text.push('\n');
                }
            }
            Err(text)
        }
    }
}
