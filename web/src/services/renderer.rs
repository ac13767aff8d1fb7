//! The playground's side of the pipeline: one core [`Session`] per chart, created on first use and kept (its
//! templates, caches and values schema are compiled once), and the Kubernetes validators fetched so far.
//!
//! Every render runs [`Session::run`], the same pipeline as the CLI: values checked against the chart's schema,
//! templates, and the objects against the Kubernetes schema of the selected kube version once that schema is here.
//! The page does not embed those schemas; it fetches the one file it needs from its own origin after the first
//! render ([`Rendering::kube_schema_needed`], [`Renderer::add_kube_schema`]).

use std::collections::HashMap;
use std::sync::Arc;

use chartplay_core::kube::{self, Validator};
use chartplay_core::{
    Cause, Checks, Diagnostic, Error, Inputs, RenderOptions, Rendered, Session, SetFlag, Severity, DEFAULT_KUBE_VERSION,
};

use chartplay_core::trace::Trace;
use chartplay_core::ValuePath;

use crate::draft::{Draft, FLAGS_TAB};
use crate::services::explain::Explanation;

/// A chart's own texts, for the "Default values" and "README" panels.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartDocs {
    /// values.yaml with its comments.
    pub values: String,
    /// The README as sanitised HTML (made at build time, without the values table), if the chart has one.
    pub readme: Option<String>,
}

/// What one render produced, for the state.
#[derive(Debug)]
pub struct Rendering {
    /// The manifests, or `None` when the values did not load or the templates failed.
    pub rendered: Option<Rendered>,
    /// Everything the pipeline found.
    pub diagnostics: Vec<Diagnostic>,
    /// Milliseconds per step.
    pub timings: chartplay_core::Timings,
    /// The Kubernetes schema version whose file must be fetched before the objects can be checked.
    pub kube_schema_needed: Option<&'static str>,
    /// The Kubernetes schema version the objects were checked against, if they were.
    pub kube_checked: Option<&'static str>,
}

/// An explained output: its trace, and the trace per line.
#[derive(Debug)]
pub struct Explained {
    /// Where each line comes from.
    pub explanation: Explanation,
    /// The trace it was made from (what the chart read).
    pub trace: Trace,
}

impl PartialEq for Explained {
    /// The same explanation (the trace only says more of the same render).
    fn eq(&self, other: &Self) -> bool {
        self.explanation == other.explanation
    }
}

/// One session per chart, by name (or why the chart cannot be loaded), and the validators by schema version.
#[derive(Default)]
pub struct Renderer {
    sessions: HashMap<String, Result<Session, Error>>,
    /// Kubernetes validators by schema version (`v1.36`), or why that version's schema cannot be used.
    validators: HashMap<&'static str, Result<Arc<Validator>, String>>,
}

impl Renderer {
    fn session(&mut self, name: &str) -> Result<&mut Session, Error> {
        self.sessions
            .entry(name.to_string())
            .or_insert_with(|| {
                Session::builtin(name).map(|mut session| {
                    session.set_clock(now);
                    session
                })
            })
            .as_mut()
            .map_err(|error| error.clone())
    }

    /// Renders `chart` with the draft's values and settings.
    pub fn render(&mut self, chart: &str, draft: &Draft) -> Rendering {
        let inputs = match inputs(draft) {
            Ok(inputs) => inputs,
            Err(diagnostics) => {
                return Rendering {
                    rendered: None,
                    diagnostics,
                    timings: Default::default(),
                    kube_schema_needed: None,
                    kube_checked: None,
                }
            }
        };
        let version = schema_version(draft);
        let validator = self.validators.get(version).cloned();
        let session = match self.session(chart) {
            Ok(session) => session,
            Err(error) => {
                return Rendering {
                    rendered: None,
                    diagnostics: vec![Diagnostic::from_error(&error)],
                    timings: Default::default(),
                    kube_schema_needed: None,
                    kube_checked: None,
                }
            }
        };
        session.set_kube_validator(validator.as_ref().and_then(|v| v.as_ref().ok().cloned()));
        let outcome = session.run(&inputs, Checks::default());
        let mut diagnostics = outcome.diagnostics;
        if let Some(Err(why)) = &validator {
            let message = format!("the objects were not checked against Kubernetes {version}: {why}");
            diagnostics.push(Diagnostic::new(Severity::Warning, Cause::Kubernetes, message));
        }
        Rendering {
            kube_checked: outcome.kube_checked.is_some().then_some(version),
            kube_schema_needed: validator.is_none().then_some(version),
            rendered: outcome.rendered,
            diagnostics,
            timings: outcome.timings,
        }
    }

    /// The output of `draft` (its render `rendered`) explained: where each line comes from. An error says why it
    /// cannot be (the values do not render).
    pub fn explain(&mut self, chart: &str, draft: &Draft, rendered: &Rendered) -> Result<Explained, String> {
        let session = self.session(chart).map_err(|error| error.to_string())?;
        let inputs = inputs(draft).map_err(|_| "the flags do not read".to_string())?;
        let trace = session.trace(&inputs).map_err(|diagnostic| diagnostic.to_string())?;
        Ok(Explained { explanation: Explanation::new(&trace, rendered), trace })
    }

    /// Why the value at `path` produces nothing with `draft`'s values, when the chart says.
    pub fn why_unused(&mut self, chart: &str, draft: &Draft, path: &ValuePath) -> Option<String> {
        self.session(chart).ok()?.why_unused(&inputs(draft).ok()?, path)
    }

    /// Makes the Kubernetes schema of `version` (fetched text, or why it could not be fetched) available to
    /// the next renders.
    pub fn add_kube_schema(&mut self, version: &str, text: Result<String, String>) {
        let Some(version) = kube::SCHEMA_VERSIONS.iter().find(|v| **v == version) else { return };
        let validator = text.and_then(|text| Validator::from_json(&text).map_err(|error| error.to_string()));
        self.validators.insert(version, validator.map(Arc::new));
    }

    /// The Kubernetes validator for the draft's kube version, once its schema is here (and compiles).
    pub fn kube_validator(&self, draft: &Draft) -> Option<Arc<Validator>> {
        self.validators.get(schema_version(draft))?.as_ref().ok().cloned()
    }

    /// The chart's compiled values schema, for the editor's completion and hover (`None` without one).
    pub fn schema(&mut self, chart: &str) -> Option<Arc<chartplay_core::schema::Schema>> {
        self.session(chart).ok()?.schema()
    }

    /// The chart's default values and README (empty when the chart cannot be loaded; rendering says why).
    pub fn docs(&mut self, chart: &str) -> ChartDocs {
        match self.session(chart) {
            Ok(session) => {
                let chart = session.chart();
                ChartDocs { values: chart.values_text().to_string(), readme: chart.readme_html().map(str::to_string) }
            }
            Err(_) => ChartDocs::default(),
        }
    }
}

/// The Kubernetes schema version for the draft's kube version (Helm's default when it names none).
fn schema_version(draft: &Draft) -> &'static str {
    let options = RenderOptions::from_settings("", "", &draft.kube_version);
    kube::schema_version(options.kube_version.as_deref().unwrap_or(DEFAULT_KUBE_VERSION))
}

/// The pipeline's inputs for a draft, as `-f` for each file, the flags panel's flags and the settings (empty
/// ones are Helm's defaults) on a command line; or why the flags panel does not read.
pub fn inputs(draft: &Draft) -> Result<Inputs, Vec<Diagnostic>> {
    let flags = SetFlag::from_lines(&draft.flags, FLAGS_TAB)
        .map_err(|errors| errors.iter().map(Diagnostic::from_error).collect::<Vec<_>>())?;
    Ok(Inputs {
        files: draft.files.clone(),
        flags,
        options: RenderOptions::from_settings(&draft.release_name, &draft.namespace, &draft.kube_version),
    })
}

#[cfg(target_arch = "wasm32")]
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn now() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kube_schema(version: &str) -> String {
        let file = format!("{}/../core/kube-schemas/{}", env!("CARGO_MANIFEST_DIR"), kube::schema_file(version));
        std::fs::read_to_string(file).unwrap()
    }

    #[test]
    fn schema_problems_are_errors_at_their_line_and_the_output_renders() {
        let draft = Draft::with_values(
            "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: x\ncontanerImage:\n  tag: x\n",
        );
        let rendering = Renderer::default().render("k8s-service", &draft);
        assert!(rendering.rendered.is_some(), "{:?}", rendering.diagnostics);
        let typo = rendering.diagnostics.iter().find(|d| d.message.contains("contanerImage")).expect("a diagnostic");
        assert_eq!(
            typo.to_string(),
            r#"values.yaml:5:1: contanerImage: unknown key "contanerImage" (did you mean "containerImage"?)"#
        );
    }

    #[test]
    fn objects_are_checked_once_the_kube_schema_is_added() {
        let draft = Draft::with_values(
            "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: x\n\
             sideCarContainers:\n  proxy:\n    args: [run]\nlivenessProbe:\n  periodSeconds: soon\n",
        );
        let mut renderer = Renderer::default();
        let rendering = renderer.render("k8s-service", &draft);
        assert_eq!(rendering.kube_schema_needed, Some("v1.36"));
        assert!(rendering.diagnostics.is_empty(), "{:?}", rendering.diagnostics);
        renderer.add_kube_schema("v1.36", Ok(kube_schema("v1.36")));
        let rendering = renderer.render("k8s-service", &draft);
        assert_eq!(rendering.kube_schema_needed, None);
        assert_eq!(rendering.kube_checked, Some("v1.36"));
        let found: Vec<String> = rendering.diagnostics.iter().map(ToString::to_string).collect();
        assert!(
            found.contains(
                &"Deployment/release-name-web: spec.template.spec.containers[1].image: required value".into()
            ),
            "{found:?}"
        );
        assert!(found.iter().any(|d| d.contains("periodSeconds") && d.contains("soon")), "{found:?}");
        let rendered = rendering.rendered.unwrap();
        let field = rendering.diagnostics[0].field.as_ref().unwrap();
        assert_eq!(rendered.manifests[field.document].kind, "Deployment");
    }

    #[test]
    fn the_example_values_pass_the_kube_schema() {
        let mut renderer = Renderer::default();
        renderer.add_kube_schema("v1.36", Ok(kube_schema("v1.36")));
        for chart in chartplay_core::builtin_names() {
            let rendering = renderer.render(chart, &Draft::example(chart));
            assert!(rendering.diagnostics.is_empty(), "{chart}: {:?}", rendering.diagnostics);
        }
    }

    #[test]
    fn a_kube_schema_that_cannot_load_says_so() {
        let mut renderer = Renderer::default();
        renderer.add_kube_schema("v1.36", Err("HTTP 404".into()));
        let rendering = renderer.render("k8s-service", &Draft::example("k8s-service"));
        assert_eq!(rendering.kube_schema_needed, None);
        assert!(rendering.diagnostics[0].message.contains("HTTP 404"), "{:?}", rendering.diagnostics);
    }

    #[test]
    fn unknown_chart_is_a_diagnostic_not_a_panic() {
        let rendering = Renderer::default().render("no-such-chart", &Draft::default());
        assert!(rendering.rendered.is_none());
        assert!(rendering.diagnostics[0].message.contains("no-such-chart"));
    }
}
