//! Rendering a case the way `chartplay render` does, in-process.

use chartplay_core::validate::check_values;
use chartplay_core::{load_values, render, Chart, RenderOptions, ValuesFile};

use crate::corpus::Case;

/// Renders `case` as `chartplay render CHART -f values.yaml --set … --set-string … --release-name … --namespace …
/// [--kube-version …]` does: the stream it prints, or the text of the error it fails with.
///
/// As the CLI: the values are checked against the chart's schema first, and problems fail the render; their
/// messages are followed by the templates' own error when the templates fail on those values too. An error is its
/// message and then each cause, one line each.
///
/// This is the one place that knows the pipeline; it will call the core's single entry point once there is one.
pub fn render_case(case: &Case) -> Result<String, String> {
    let path = case.dir.join("values.yaml");
    let text = std::fs::read_to_string(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let files = [ValuesFile { name: "values.yaml".into(), text }];
    let chart = Chart::builtin(&case.chart).map_err(|error| describe(&error))?;
    let user = load_values(&files, &case.set, &case.set_string).map_err(|error| describe(&error))?;
    let options = RenderOptions {
        release_name: case.release_name.clone(),
        namespace: case.namespace.clone(),
        kube_version: case.kube_version.clone(),
        ..RenderOptions::default()
    };
    let problems = check_values(&chart, &user).map_err(|error| describe(&error))?;
    if !problems.is_empty() {
        let mut text: String = problems.iter().map(|problem| describe(&problem.to_error())).collect();
        if let Err(error) = render(&chart, &user, &options) {
            text.push_str(&describe(&error));
        }
        return Err(text);
    }
    render(&chart, &user, &options).map(|rendered| rendered.to_stream()).map_err(|error| describe(&error))
}

/// An error and its causes, a line each.
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = String::new();
    let mut current = Some(error);
    while let Some(error) = current {
        text.push_str(&error.to_string());
        text.push('\n');
        current = error.source();
    }
    text
}
