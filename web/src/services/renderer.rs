//! Rendering for the playground: compiled charts kept across renders, results turned into what the UI shows.
//!
//! Compiling a chart's templates is the expensive part, so each chart is compiled once, on first use, and kept in a
//! core [`chartplay_core::Renderer`], which also reuses the parsed documents of its previous render.
//! A render's error becomes a list of [`Problem`]s (the error, then each cause), each knowing whether it points
//! into the values the user is editing, so the editor can put a marker at that line.
//!
//! Every render also checks the values against the chart's `values.schema.json`
//! ([`chartplay_core::validate::check_values`], schema compiled once): its problems are warnings. The output
//! still renders and stays fresh; only a YAML or render error makes it stale.

use chartplay_core::validate::{check_values, ValuesProblem};
use chartplay_core::{load_values, Chart, Error, RenderOptions, UserValues, ValuesFile};
use std::collections::HashMap;

use crate::state::Draft;

/// The name under which the editor's text is read, so errors in it are recognised by their location.
pub const VALUES_FILE: &str = "values.yaml";

/// One rendered manifest, as a card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// `kind`, or empty.
    pub kind: String,
    /// `metadata.name`, or empty.
    pub name: String,
    /// The template it came from.
    pub source: String,
    /// Its YAML.
    pub text: String,
}

/// One line of an error report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What went wrong.
    pub message: String,
    /// Where, as `file:line:column`, when known.
    pub place: Option<String>,
    /// The 1-based line and column in the values being edited, when the problem is there.
    pub values_position: Option<(usize, usize)>,
    /// A warning (the values break the schema) rather than an error (nothing rendered).
    pub warning: bool,
}

impl Problem {
    /// A schema problem of the user's values, as a warning.
    pub fn from_values(problem: &ValuesProblem) -> Problem {
        let location = problem.location.as_ref();
        Problem {
            message: problem.to_string(),
            place: location.filter(|l| !l.file.is_empty()).map(ToString::to_string),
            values_position: location
                .filter(|l| &*l.file == VALUES_FILE && l.line > 0)
                .map(|l| (l.line, l.column.max(1))),
            warning: true,
        }
    }
}

/// A chart's own texts, for the "Default values" and "README" panels.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartDocs {
    /// values.yaml with its comments.
    pub values: String,
    /// README.md, if the chart has one.
    pub readme: Option<String>,
}

/// What a render produced and how long it took.
#[derive(Debug)]
pub struct Outcome {
    /// The manifests, or why there are none.
    pub result: Result<Vec<Doc>, Vec<Problem>>,
    /// What the checks found (values against the chart's schema): warnings, whether or not it rendered.
    pub warnings: Vec<Problem>,
    /// Milliseconds spent, checks included.
    pub millis: f64,
    /// Milliseconds of those spent checking the values against the schema.
    pub check_millis: f64,
}

/// One core renderer per chart, by name (or why the chart cannot be loaded).
#[derive(Default)]
pub struct Renderer {
    charts: HashMap<String, Result<chartplay_core::Renderer, Error>>,
}

impl Renderer {
    fn renderer(&mut self, name: &str) -> Result<&mut chartplay_core::Renderer, Error> {
        self.charts
            .entry(name.to_string())
            .or_insert_with(|| Chart::builtin(name).map(chartplay_core::Renderer::new))
            .as_mut()
            .map_err(|error| error.clone())
    }

    /// Renders `chart` with the draft's values and settings.
    pub fn render(&mut self, chart: &str, draft: &Draft) -> Outcome {
        let started = now();
        let mut warnings = Vec::new();
        let mut check_millis = 0.0;
        let result = self
            .renderer(chart)
            .and_then(|renderer| {
                let file = ValuesFile { name: VALUES_FILE.to_string(), text: draft.values.clone() };
                let user = load_values(&[file], &[], &[])?;
                let checking = now();
                warnings = check(renderer.chart(), &user);
                check_millis = now() - checking;
                Self::try_render(renderer, &user, draft)
            })
            .map_err(|error| problems(&error));
        Outcome { result, warnings, millis: now() - started, check_millis }
    }

    fn try_render(
        renderer: &mut chartplay_core::Renderer,
        user: &UserValues,
        draft: &Draft,
    ) -> Result<Vec<Doc>, Error> {
        let or_default = |text: &str, default: &str| {
            let text = text.trim();
            if text.is_empty() {
                default.to_string()
            } else {
                text.to_string()
            }
        };
        let defaults = RenderOptions::default();
        let options = RenderOptions {
            release_name: or_default(&draft.release_name, &defaults.release_name),
            namespace: or_default(&draft.namespace, &defaults.namespace),
            kube_version: Some(draft.kube_version.trim().to_string()).filter(|v| !v.is_empty()),
            ..defaults
        };
        let rendered = renderer.render(user, &options)?;
        Ok(rendered
            .manifests
            .into_iter()
            .map(|m| Doc { kind: m.kind, name: m.name, source: m.source, text: m.text })
            .collect())
    }

    /// The chart's compiled values schema, for the editor's completion and hover (`None` without one).
    pub fn schema(&mut self, chart: &str) -> Option<std::sync::Arc<chartplay_core::schema::Schema>> {
        let renderer = self.renderer(chart).ok()?;
        chartplay_core::validate::compiled(renderer.chart()).ok().flatten()
    }

    /// The chart's default values and README (empty when the chart cannot be loaded; rendering says why).
    pub fn docs(&mut self, chart: &str) -> ChartDocs {
        match self.renderer(chart) {
            Ok(renderer) => {
                let chart = renderer.chart();
                ChartDocs { values: chart.values_text().to_string(), readme: chart.readme().map(str::to_string) }
            }
            Err(_) => ChartDocs::default(),
        }
    }
}

/// The values' problems against the chart's schema, as warnings (a broken schema is one warning itself).
fn check(chart: &Chart, user: &UserValues) -> Vec<Problem> {
    match check_values(chart, user) {
        Ok(found) => found.iter().map(Problem::from_values).collect(),
        Err(error) => problems(&error).into_iter().map(|p| Problem { warning: true, ..p }).collect(),
    }
}

/// The error and its causes, one [`Problem`] each.
pub fn problems(error: &Error) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = current {
        let problem = match err.downcast_ref::<Error>() {
            Some(ours) => {
                let location = ours.location();
                Problem {
                    message: ours.message().to_string(),
                    place: location.filter(|l| !l.file.is_empty()).map(ToString::to_string),
                    values_position: location
                        .filter(|l| &*l.file == VALUES_FILE && l.line > 0)
                        .map(|l| (l.line, l.column.max(1))),
                    warning: false,
                }
            }
            None => Problem { message: err.to_string(), place: None, values_position: None, warning: false },
        };
        problems.push(problem);
        current = err.source();
    }
    problems
}

/// The error in plain words, with where it is when known.
pub fn describe(error: &Error) -> String {
    error.to_string()
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
    use chartplay_core::{ErrorKind, Location};

    use super::*;

    #[test]
    fn problems_follow_the_cause_chain_and_find_values_lines() {
        let cause = Error::new(ErrorKind::Values, "replicaCount is set here").with_location(Location {
            file: VALUES_FILE.into(),
            line: 4,
            column: 3,
            range: None,
        });
        let error = Error::new(ErrorKind::Template, "expected a number")
            .with_location(Location {
                file: "k8s-service/templates/deployment.yaml".into(),
                line: 10,
                column: 0,
                range: None,
            })
            .with_source(cause);
        let problems = problems(&error);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].place.as_deref(), Some("k8s-service/templates/deployment.yaml:10"));
        assert_eq!(problems[0].values_position, None);
        assert_eq!(problems[1].values_position, Some((4, 3)));
    }

    #[test]
    fn schema_problems_are_warnings_at_their_line_and_the_output_renders() {
        let draft = Draft {
            values: "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: x\ncontanerImage:\n  tag: x\n"
                .into(),
            ..Draft::default()
        };
        let outcome = Renderer::default().render("k8s-service", &draft);
        assert!(outcome.result.is_ok(), "{:?}", outcome.result);
        let typo = outcome.warnings.iter().find(|w| w.message.contains("contanerImage")).expect("a warning");
        assert!(typo.warning);
        assert!(
            typo.message.contains(r#"unknown key "contanerImage" (did you mean "containerImage"?)"#),
            "{}",
            typo.message
        );
        assert_eq!(typo.values_position, Some((5, 1)));
    }

    #[test]
    fn unknown_chart_is_a_problem_not_a_panic() {
        let outcome = Renderer::default().render("no-such-chart", &Draft::default());
        let problems = outcome.result.unwrap_err();
        assert!(problems[0].message.contains("no-such-chart"));
    }
}
