//! The pipeline, in one place: read the values, check them, render, check the objects; one list of diagnostics.
//!
//! A [`Session`] owns what does not change between runs: the chart (shared, with its compiled templates and values
//! schema), the caches of its [`Renderer`], and the Kubernetes validator of a kube version. Each
//! [`Session::run`] takes the [`Inputs`] (values files in merge order, `--set`-style flags, render options) and
//! returns an [`Outcome`]: the rendered manifests when the templates ran, and every [`Diagnostic`], each placed in
//! the user's terms (the values file and line, the flag) wherever it is about a value.
//!
//! The CLI and the playground both run this; they differ only in what they do with the outcome (the CLI prints
//! the stream unless there are errors and exits 1 on them; the playground shows the output and marks the
//! diagnostics at their lines) and in which checks they ask for ([`Checks`]).

use std::collections::HashMap;
use std::sync::Arc;

use crate::chart::Chart;
use crate::diagnostic::{Cause, Diagnostic, Note, Severity};
use crate::engine::trace::{has_marks, Id};
use crate::error::Error;
use crate::kube::Validator;
use crate::output::{documents, Rendered};
use crate::policy::{switched_off, Checked};
use crate::render::{load_values, run_traced, RenderOptions, Renderer, UserValues};
use crate::schema::Schema;
use crate::trace::{ManifestTrace, Span, Trace};
use crate::values::merge;
use crate::values::path::ValuePath;
use crate::values::source::{Origin, SetFlag, ValuesFile};
use crate::values::Value;

/// What one run renders: values files in merge order, flags in order, and the render options.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Values files, later ones winning (`-f a.yaml -f b.yaml`).
    pub files: Vec<ValuesFile>,
    /// `--set`-style flags, applied after the files in order.
    pub flags: Vec<SetFlag>,
    /// Release name, namespace, kube version, API versions, `--show-only`.
    pub options: RenderOptions,
}

/// Which checks a run makes besides rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    /// The values against the chart's values schema (`--skip-schema-validation` turns it off).
    pub values: bool,
    /// The rendered objects against the Kubernetes API, when the session has a validator.
    pub objects: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks { values: true, objects: true }
    }
}

/// What a run produced.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The manifests, when the values loaded and the templates ran.
    pub rendered: Option<Rendered>,
    /// Everything found, in pipeline order: values, then the templates, then the objects.
    pub diagnostics: Vec<Diagnostic>,
    /// The Kubernetes version whose schema checked the objects, when they were checked.
    pub kube_checked: Option<String>,
    /// Milliseconds spent in each step, when the session has a clock ([`Session::set_clock`]).
    pub timings: Timings,
}

impl Outcome {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Milliseconds per step of a run (zero without a clock).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// The whole run.
    pub total: f64,
    /// Checking the values.
    pub values: f64,
    /// Checking the objects.
    pub objects: f64,
}

/// A chart ready to run the pipeline again and again. See the module docs.
#[derive(Debug)]
pub struct Session {
    renderer: Renderer,
    /// What the values checks found, kept between runs.
    checked: Checked,
    kube: Option<Arc<Validator>>,
    clock: Option<fn() -> f64>,
}

impl Session {
    /// A session for `chart`. Its values schema is compiled once per chart, when first needed (a schema that does
    /// not compile is reported by every run that checks values).
    pub fn new(chart: Chart) -> Session {
        Session { renderer: Renderer::new(chart), checked: Checked::default(), kube: None, clock: None }
    }

    /// The built-in chart `name` in a session.
    pub fn builtin(name: &str) -> crate::Result<Session> {
        Ok(Session::new(Chart::builtin(name)?))
    }

    /// The chart.
    pub fn chart(&self) -> &Chart {
        self.renderer.chart()
    }

    /// The chart's compiled values schema, for completion and hover (`None` without one, or a broken one).
    pub fn schema(&self) -> Option<Arc<Schema>> {
        self.chart().compiled_schema().ok().flatten()
    }

    /// Checks the objects of later runs against `validator` (or no longer, with `None`).
    pub fn set_kube_validator(&mut self, validator: Option<Arc<Validator>>) {
        self.kube = validator;
    }

    /// Measures the steps of later runs with `clock` (milliseconds from any fixed point): the core has no clock
    /// of its own, since the browser's is not `std`'s.
    pub fn set_clock(&mut self, clock: fn() -> f64) {
        self.clock = Some(clock);
    }

    /// Runs the pipeline on `inputs`. See the module docs.
    pub fn run(&mut self, inputs: &Inputs, checks: Checks) -> Outcome {
        let now = || self.clock.map_or(0.0, |clock| clock());
        let started = now();
        let mut outcome = Outcome::default();
        let user = match load_values(&inputs.files, &inputs.flags) {
            Ok(user) => user,
            Err(error) => {
                outcome.diagnostics.push(Diagnostic::from_error(&error));
                outcome.timings.total = now() - started;
                return outcome;
            }
        };
        let chart = self.renderer.chart().clone();
        let values = self.renderer.coalesce(&user.values);
        if checks.values {
            let checking = now();
            match chart.compiled_schema() {
                Ok(Some(schema)) => outcome.diagnostics.extend(self.checked.check(&chart, &schema, values, &user)),
                Ok(None) => {}
                Err(error) => {
                    let message = format!("{}/values.schema.json: {}", chart.name(), error.message());
                    outcome.diagnostics.push(Diagnostic::new(Severity::Error, Cause::Chart, message));
                }
            }
            outcome.timings.values = now() - checking;
        }
        match self.renderer.render_coalesced(&inputs.options) {
            Ok(rendered) => outcome.rendered = Some(rendered),
            Err(error) => outcome.diagnostics.push(in_user_terms(&error, &user)),
        }
        if let (Some(rendered), Some(validator), true) = (&outcome.rendered, &self.kube, checks.objects) {
            let checking = now();
            outcome.diagnostics.extend(validator.validate(rendered));
            outcome.kube_checked = Some(validator.kube_version().to_string());
            outcome.timings.objects = now() - checking;
        }
        outcome.timings.total = now() - started;
        outcome
    }
}

impl Session {
    /// Explains the render of `inputs`: where each field of each manifest comes from (see [`crate::trace`]). The
    /// error, when there is one, is the run's first error (values that do not load, templates that fail), or says
    /// that tracing could not reproduce the render exactly.
    pub fn trace(&mut self, inputs: &Inputs) -> Result<Trace, Box<Diagnostic>> {
        let user =
            load_values(&inputs.files, &inputs.flags).map_err(|error| Box::new(Diagnostic::from_error(&error)))?;
        let untraceable =
            |why: &str| Box::new(Diagnostic::new(Severity::Error, Cause::Template, format!("cannot trace: {why}")));
        if inputs.files.iter().any(|f| has_marks(&f.text)) || inputs.flags.iter().any(|f| has_marks(&f.expr)) {
            return Err(untraceable("the values hold characters of Unicode's private use area U+E000–U+E002"));
        }
        let rendered =
            self.renderer.render(&user, &inputs.options).map_err(|error| Box::new(in_user_terms(&error, &user)))?;
        let (outputs, log) = run_traced(self.renderer.chart(), &user, &inputs.options)
            .map_err(|error| Box::new(in_user_terms(&error, &user)))?;
        let mut traced: Vec<Option<ManifestTrace>> = vec![None; rendered.manifests.len()];
        let mut origins: HashMap<Id, Origin> = HashMap::new();
        for (name, clean, spans) in &outputs {
            for (_, _, document) in documents(clean) {
                let offset = document.as_ptr() as usize - clean.as_ptr() as usize;
                let end = offset + document.len();
                // The manifest this document is: same template, same text, not taken yet.
                let index = rendered
                    .manifests
                    .iter()
                    .enumerate()
                    .position(|(i, m)| traced[i].is_none() && m.source == *name && m.text == document)
                    .ok_or_else(|| untraceable(&format!("the traced render of {name} differs from the render")))?;
                let spans = spans
                    .iter()
                    .filter(|(range, _)| range.start >= offset && range.end <= end && !range.is_empty())
                    .filter_map(|(range, id)| {
                        let value = log.paths.get(*id as usize)?.clone();
                        let origin = origins.entry(*id).or_insert_with(|| user.sources.value_origin(&value)).clone();
                        Some(Span { range: range.start - offset..range.end - offset, value, origin })
                    })
                    .collect();
                let manifest = &rendered.manifests[index];
                traced[index] = Some(ManifestTrace::new(manifest.kind.clone(), manifest.name.clone(), spans, document));
            }
        }
        let manifests = traced
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| untraceable("a manifest was not found again"))?;
        let read = log.read.iter().filter_map(|id| log.paths.get(*id as usize).cloned()).collect();
        Ok(Trace::new(manifests, read))
    }

    /// Why the value at `path` produces nothing with `inputs`' values, when the chart says: the flag that turns its
    /// part off (`ingress.enabled is false`).
    pub fn why_unused(&self, inputs: &Inputs, path: &ValuePath) -> Option<String> {
        let user = load_values(&inputs.files, &inputs.flags).ok()?;
        let values = Value::Map(merge::coalesce(&user.values, self.renderer.chart().default_values()));
        switched_off(self.schema()?.as_ref(), &values, path)
    }
}

/// A render error as a diagnostic. When it is about a value (a template function named its path), it points at
/// where the user set that value, or at the nearest parent they wrote, and the template's line becomes a note:
/// users edit values, not the chart's templates.
fn in_user_terms(error: &Error, user: &UserValues) -> Diagnostic {
    let mut diagnostic = Diagnostic::from_error(error);
    let Some(path) = &diagnostic.path else { return diagnostic };
    if let Some(location) = user.sources.locate(path) {
        if let Some(template) = diagnostic.location.replace(location) {
            let note = Note { message: "where the chart's template stopped".to_string(), location: Some(template) };
            diagnostic.notes.insert(0, note);
        }
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::source::SetKind;

    const VALUES: &str = "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\n";

    fn inputs(text: &str, flags: &[&str]) -> Inputs {
        Inputs {
            files: vec![ValuesFile::new("values.yaml", text)],
            flags: flags.iter().map(|f| SetFlag::new(SetKind::Set, *f)).collect(),
            options: RenderOptions::default(),
        }
    }

    #[test]
    fn good_values_render_without_diagnostics() {
        let mut session = Session::builtin("k8s-service").unwrap();
        let outcome = session.run(&inputs(VALUES, &[]), Checks::default());
        assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        assert!(outcome.rendered.is_some_and(|r| r.manifests.iter().any(|m| m.kind == "Deployment")));
    }

    #[test]
    fn a_misspelled_key_is_an_error_at_its_line_with_a_fix_and_the_output_still_renders() {
        let mut session = Session::builtin("k8s-job").unwrap();
        let text = format!("{VALUES}contanerPorts: {{}}\n");
        let outcome = session.run(&inputs(&text, &[]), Checks::default());
        assert!(outcome.rendered.is_some());
        let [diagnostic] = outcome.diagnostics.as_slice() else { panic!("{:?}", outcome.diagnostics) };
        assert_eq!(
            diagnostic.to_string(),
            r#"values.yaml:5:1: contanerPorts: unknown key "contanerPorts" (did you mean "containerPorts"?)"#
        );
        let edit = &diagnostic.fixes[0].edits[0];
        assert_eq!((&text[edit.range.clone()], edit.text.as_str()), ("contanerPorts", "containerPorts"));
    }

    #[test]
    fn a_flag_error_points_at_the_flag_not_at_a_file() {
        let mut session = Session::builtin("k8s-service").unwrap();
        let outcome = session.run(&inputs(VALUES, &["replicaCount=x"]), Checks::default());
        let diagnostic = outcome.diagnostics.iter().find(|d| d.cause == Cause::Schema).unwrap();
        assert_eq!(diagnostic.to_string(), r#"--set replicaCount=x: replicaCount: expected integer, got string "x""#);
    }

    #[test]
    fn a_template_error_about_a_value_points_at_the_value() {
        let mut session = Session::builtin("k8s-service").unwrap();
        let outcome = session.run(&inputs(VALUES, &["containerImage.tag="]), Checks { values: false, objects: false });
        assert!(outcome.rendered.is_none());
        let [diagnostic] = outcome.diagnostics.as_slice() else { panic!("{:?}", outcome.diagnostics) };
        assert_eq!(diagnostic.cause, Cause::Template);
        assert_eq!(
            diagnostic.to_string(),
            "--set containerImage.tag=: containerImage.tag: .Values.containerImage.tag is required"
        );
        assert!(diagnostic.notes.iter().any(|n| n.location.as_ref().is_some_and(|l| l.file.contains("templates/"))));
    }

    #[test]
    fn an_error_in_a_value_rendered_by_tpl_points_at_that_value() {
        let mut session = Session::builtin("k8s-service").unwrap();
        let text = format!("{VALUES}horizontalPodAutoscaler:\n  enabled: true\n  behavior:\n    a: \"{{{{ range .Values.x }}}}{{{{ end }}}}\"\n");
        let outcome = session.run(&inputs(&text, &[]), Checks { values: false, objects: false });
        let [diagnostic] = outcome.diagnostics.as_slice() else { panic!("{:?}", outcome.diagnostics) };
        assert_eq!(
            diagnostic.to_string(),
            "values.yaml:7:3: horizontalPodAutoscaler.behavior: tpl: {{ range }} is not supported in values rendered by tpl"
        );
    }

    #[test]
    fn unreadable_values_stop_before_rendering() {
        let mut session = Session::builtin("k8s-service").unwrap();
        let outcome = session.run(&inputs("a: [1\n", &[]), Checks::default());
        assert!(outcome.rendered.is_none());
        assert_eq!(outcome.diagnostics[0].cause, Cause::Yaml);
        assert_eq!(outcome.diagnostics[0].location.as_ref().map(|l| l.line), Some(1));
    }
}
