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
//!
//! The rendered objects are checked against the Kubernetes schema of the selected kube version
//! ([`chartplay_core::kube`]) once that schema is here: the page does not embed them; it fetches the one file it
//! needs from its own origin after the first render ([`Outcome::kube_schema_needed`], [`Renderer::add_kube_schema`]).
//! Their problems are warnings too, on the manifest's card and in the list.

use chartplay_core::kube::{self, Validator};
use chartplay_core::validate::{check_values, ValuesProblem};
use chartplay_core::{load_values, Chart, Error, RenderOptions, Rendered, UserValues, ValuesFile};
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
    /// What the Kubernetes schema check found in it.
    pub issues: Vec<Issue>,
}

/// A problem of one rendered object against the Kubernetes API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The field, from the object's root (`spec.template.spec.containers[1].image`); empty for the object.
    pub path: String,
    /// What is wrong (`required value`).
    pub message: String,
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
    /// The rendered manifest the problem is in (its index in the output), for problems against the Kubernetes API.
    pub document: Option<usize>,
    /// A warning (the values break the schema) rather than an error (nothing rendered).
    pub warning: bool,
}

impl Problem {
    /// A schema problem of the user's values, as a warning.
    pub fn from_values(problem: &ValuesProblem) -> Problem {
        Problem::at(problem.to_string(), problem.location.as_ref(), true)
    }

    /// A problem with `message`, placed at `location` (and in the editor when it is in the values file).
    fn at(message: String, location: Option<&chartplay_core::Location>, warning: bool) -> Problem {
        Problem {
            message,
            place: location.filter(|l| !l.file.is_empty()).map(ToString::to_string),
            values_position: location
                .filter(|l| &*l.file == VALUES_FILE && l.line > 0)
                .map(|l| (l.line, l.column.max(1))),
            document: None,
            warning,
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
    /// Milliseconds of those spent checking the objects against the Kubernetes schema.
    pub kube_millis: f64,
    /// The Kubernetes schema version whose file must be fetched before the objects can be checked.
    pub kube_schema_needed: Option<&'static str>,
    /// The Kubernetes schema version the objects were checked against, if they were.
    pub kube_checked: Option<&'static str>,
}

/// One core renderer per chart, by name (or why the chart cannot be loaded).
#[derive(Default)]
pub struct Renderer {
    charts: HashMap<String, Result<chartplay_core::Renderer, Error>>,
    /// Kubernetes validators by schema version (`v1.36`), or why that version's schema cannot be used.
    validators: HashMap<&'static str, Result<Validator, String>>,
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
        let options = options(draft);
        let rendered = self
            .renderer(chart)
            .and_then(|renderer| {
                let file = ValuesFile { name: VALUES_FILE.to_string(), text: draft.values.clone() };
                let user = load_values(&[file], &[], &[])?;
                let checking = now();
                warnings = check(renderer.chart(), &user);
                check_millis = now() - checking;
                renderer.render(&user, &options)
            })
            .map_err(|error| problems(&error));
        let mut outcome = Outcome {
            result: Err(Vec::new()),
            warnings,
            millis: 0.0,
            check_millis,
            kube_millis: 0.0,
            kube_schema_needed: None,
            kube_checked: None,
        };
        outcome.result = rendered.map(|rendered| self.validate(&rendered, &options, &mut outcome));
        outcome.millis = now() - started;
        outcome
    }

    /// The documents of `rendered`, with their problems against the kube version's schema when it is loaded.
    fn validate(&self, rendered: &Rendered, options: &RenderOptions, outcome: &mut Outcome) -> Vec<Doc> {
        let mut docs: Vec<Doc> = rendered
            .manifests
            .iter()
            .map(|m| Doc {
                kind: m.kind.clone(),
                name: m.name.clone(),
                source: m.source.clone(),
                text: m.text.clone(),
                issues: Vec::new(),
            })
            .collect();
        let version = kube_schema_version(options);
        match self.validators.get(version) {
            None => outcome.kube_schema_needed = Some(version),
            Some(Err(why)) => outcome.warnings.push(Problem {
                message: format!("the objects were not checked against Kubernetes {version}: {why}"),
                place: None,
                values_position: None,
                document: None,
                warning: true,
            }),
            Some(Ok(validator)) => {
                let started = now();
                let found = validator.validate(rendered);
                outcome.kube_millis = now() - started;
                outcome.kube_checked = Some(version);
                for problem in found {
                    let object = if problem.name.is_empty() {
                        problem.kind.clone()
                    } else {
                        format!("{}/{}", problem.kind, problem.name)
                    };
                    let path = problem.path.to_string();
                    outcome.warnings.push(Problem {
                        message: if path.is_empty() {
                            problem.message.clone()
                        } else {
                            format!("{path}: {}", problem.message)
                        },
                        place: Some(object),
                        values_position: None,
                        document: Some(problem.document),
                        warning: true,
                    });
                    if let Some(doc) = docs.get_mut(problem.document) {
                        doc.issues.push(Issue { path, message: problem.message });
                    }
                }
            }
        }
        docs
    }

    /// Makes the Kubernetes schema of `version` (fetched text, or why it could not be fetched) available to
    /// the next renders.
    pub fn add_kube_schema(&mut self, version: &str, text: Result<String, String>) {
        let Some(version) = kube::SCHEMA_VERSIONS.iter().find(|v| **v == version) else { return };
        let validator = text.and_then(|text| Validator::from_json(&text).map_err(|error| error.to_string()));
        self.validators.insert(version, validator);
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

/// The render options of a draft: empty settings are Helm's defaults.
fn options(draft: &Draft) -> RenderOptions {
    let or_default = |text: &str, default: &str| {
        let text = text.trim();
        if text.is_empty() {
            default.to_string()
        } else {
            text.to_string()
        }
    };
    let defaults = RenderOptions::default();
    RenderOptions {
        release_name: or_default(&draft.release_name, &defaults.release_name),
        namespace: or_default(&draft.namespace, &defaults.namespace),
        kube_version: Some(draft.kube_version.trim().to_string()).filter(|v| !v.is_empty()),
        ..defaults
    }
}

/// The Kubernetes schema version that checks a render with these options.
fn kube_schema_version(options: &RenderOptions) -> &'static str {
    kube::schema_version(options.kube_version.as_deref().unwrap_or(chartplay_core::capabilities::DEFAULT_KUBE_VERSION))
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
            Some(ours) => Problem::at(ours.message().to_string(), ours.location(), false),
            None => {
                Problem { message: err.to_string(), place: None, values_position: None, document: None, warning: false }
            }
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

    fn kube_schema(version: &str) -> String {
        let file = format!("{}/../core/kube-schemas/{}", env!("CARGO_MANIFEST_DIR"), kube::schema_file(version));
        std::fs::read_to_string(file).unwrap()
    }

    #[test]
    fn objects_are_checked_once_the_kube_schema_is_added() {
        let draft = Draft {
            values: "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: x\n\
                     sideCarContainers:\n  proxy:\n    args: [run]\nlivenessProbe:\n  periodSeconds: soon\n"
                .into(),
            ..Draft::default()
        };
        let mut renderer = Renderer::default();
        let outcome = renderer.render("k8s-service", &draft);
        assert_eq!(outcome.kube_schema_needed, Some("v1.36"));
        assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
        renderer.add_kube_schema("v1.36", Ok(kube_schema("v1.36")));
        let outcome = renderer.render("k8s-service", &draft);
        assert_eq!(outcome.kube_schema_needed, None);
        let docs = outcome.result.unwrap();
        let deployment = docs.iter().find(|d| d.kind == "Deployment").unwrap();
        let issues: Vec<String> = deployment.issues.iter().map(|i| format!("{}: {}", i.path, i.message)).collect();
        assert!(issues.contains(&"spec.template.spec.containers[1].image: required value".to_string()), "{issues:?}");
        assert!(issues.iter().any(|i| i.contains("periodSeconds") && i.contains("soon")), "{issues:?}");
        let listed = outcome.warnings.iter().find(|w| w.message.contains("containers[1].image")).unwrap();
        assert_eq!(listed.place.as_deref(), Some("Deployment/release-name-web"));
        assert_eq!(listed.document.and_then(|index| docs.get(index)).map(|d| d.kind.as_str()), Some("Deployment"));
    }

    #[test]
    fn the_example_values_pass_the_kube_schema() {
        let mut renderer = Renderer::default();
        renderer.add_kube_schema("v1.36", Ok(kube_schema("v1.36")));
        for chart in chartplay_core::builtin_names() {
            let outcome = renderer.render(chart, &Draft::example(chart));
            assert!(outcome.warnings.is_empty(), "{chart}: {:?}", outcome.warnings);
        }
    }

    #[test]
    fn a_kube_schema_that_cannot_load_says_so() {
        let mut renderer = Renderer::default();
        renderer.add_kube_schema("v1.36", Err("HTTP 404".into()));
        let outcome = renderer.render("k8s-service", &Draft::example("k8s-service"));
        assert_eq!(outcome.kube_schema_needed, None);
        assert!(outcome.warnings[0].message.contains("HTTP 404"), "{:?}", outcome.warnings);
    }

    #[test]
    fn unknown_chart_is_a_problem_not_a_panic() {
        let outcome = Renderer::default().render("no-such-chart", &Draft::default());
        let problems = outcome.result.unwrap_err();
        assert!(problems[0].message.contains("no-such-chart"));
    }
}
