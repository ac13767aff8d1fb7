//! The playground state and the one `reduce` that changes it.
//!
//! Everything a user can do is an [`Action`]; [`State::reduce`] applies it and re-renders when an input changed,
//! so "every edit re-renders" holds by construction. The state is plain Rust with no DOM: the storage and URL
//! reads it needs arrive inside actions (`SelectChart { saved }`) or through [`startup`], which keeps it testable
//! natively (`cargo test -p chartplay-web`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use chartplay_core::share::SharedState;
use chartplay_core::{Diagnostic, Error, Rendered, Timings};
use yew::Reducible;

use crate::examples;
use crate::services::help::Help;
use crate::services::renderer::{ChartDocs, Renderer, Rendering};

/// The chart a first-time visitor sees.
pub const DEFAULT_CHART: &str = "k8s-service";

/// What a user edits for one chart: values and settings. Empty settings mean Helm's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    /// The values text, exactly as typed.
    pub values: String,
    /// Release name; empty for `release-name`.
    pub release_name: String,
    /// Namespace; empty for `default`.
    pub namespace: String,
    /// Kube version; empty for Helm's default.
    pub kube_version: String,
}

impl Draft {
    /// The chart's example values with default settings.
    pub fn example(chart: &str) -> Draft {
        Draft { values: examples::values_for(chart).to_string(), ..Draft::default() }
    }

    /// The draft carried by a share link.
    pub fn from_shared(shared: &SharedState) -> Draft {
        Draft {
            values: shared.values.clone(),
            release_name: shared.release_name.clone(),
            namespace: shared.namespace.clone(),
            kube_version: shared.kube_version.clone(),
        }
    }

    /// This draft as a share-link state for `chart`.
    pub fn to_shared(&self, chart: &str) -> SharedState {
        SharedState {
            chart: chart.to_string(),
            release_name: self.release_name.clone(),
            namespace: self.namespace.clone(),
            kube_version: self.kube_version.clone(),
            values: self.values.clone(),
        }
    }
}

/// What the right-hand pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// The rendered manifests.
    #[default]
    Manifests,
    /// The chart's values.yaml.
    Defaults,
    /// The values browser and the chart's README.
    Readme,
}

/// A manifest card brought into view from the problem list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    /// The card's index in the output.
    pub index: usize,
    /// Counts the requests, so that asking for the same card again scrolls to it again.
    pub serial: u64,
}

/// A message above the editor, optionally offering to bring back a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Whether it reports a failure.
    pub is_error: bool,
    /// What to tell the user.
    pub text: String,
    /// A draft the user can restore with one click (their own draft, set aside when a shared link opened).
    pub restore: Option<Draft>,
}

impl Notice {
    /// An informational notice.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { is_error: false, text: text.into(), restore: None }
    }

    /// An error notice.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { is_error: true, text: text.into(), restore: None }
    }
}

/// Everything the user can do.
#[derive(Debug, Clone)]
pub enum Action {
    /// The values text changed in the editor.
    EditValues(String),
    /// Another chart was picked; `saved` is its autosaved draft, if any.
    SelectChart {
        /// The chart's name.
        name: String,
        /// Its draft from storage.
        saved: Option<Draft>,
    },
    /// The release name changed.
    SetReleaseName(String),
    /// The namespace changed.
    SetNamespace(String),
    /// The kube version changed.
    SetKubeVersion(String),
    /// Values and settings replaced from outside the editor (restore a draft, reset to the example).
    ReplaceDraft(Draft),
    /// Show another panel on the right.
    ShowPanel(Panel),
    /// Show the manifest with this index in the output: its card expanded, scrolled to and highlighted.
    ShowDocument(usize),
    /// Show a notice.
    Notify(Notice),
    /// Hide the notice.
    DismissNotice,
    /// A Kubernetes schema file arrived (its text), or could not be fetched (why).
    KubeSchemaLoaded {
        /// The schema version (`v1.36`).
        version: String,
        /// The file's text, or why there is none.
        text: Result<String, String>,
    },
}

/// The whole playground state.
#[derive(Clone)]
pub struct State {
    /// The charts in the picker, from `builtin_names()`.
    pub charts: Rc<Vec<String>>,
    /// The chart being edited.
    pub chart: String,
    /// Its values and settings.
    pub draft: Draft,
    /// Drafts of the other charts edited in this session, so switching back loses nothing.
    pub other_drafts: BTreeMap<String, Draft>,
    /// The right-hand panel.
    pub panel: Panel,
    /// The last good render.
    pub output: Rc<Rendered>,
    /// The card of `output` shown from the problem list, until the inputs change.
    pub focus: Option<Focus>,
    /// Whether `output` is older than the current inputs (they failed to load or render).
    pub stale: bool,
    /// What the pipeline found in the current inputs: why they failed to render, or what the checks found in
    /// them (the output is fresh despite those).
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Milliseconds the last render took, per step.
    pub timings: Timings,
    /// The Kubernetes schema version to fetch so the output can be checked (the app fetches it, then sends
    /// [`Action::KubeSchemaLoaded`]).
    pub kube_schema_needed: Option<&'static str>,
    /// The Kubernetes schema version the output was checked against, if it was.
    pub kube_checked: Option<&'static str>,
    /// The chart's default values and README.
    pub chart_docs: Rc<ChartDocs>,
    /// The chart's values schema, for the editor's completion and hover.
    pub help: Help,
    /// A message for the user.
    pub notice: Option<Notice>,
    /// Bumped whenever the values text is replaced from outside the editor, which then reloads it.
    pub values_revision: u64,
    /// How many edits the user made since load.
    pub edits: u64,
    renderer: Rc<RefCell<Renderer>>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("chart", &self.chart)
            .field("draft", &self.draft)
            .field("stale", &self.stale)
            .finish()
    }
}

/// Where the playground starts: the result of [`startup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// The chart to show.
    pub chart: String,
    /// Its values and settings.
    pub draft: Draft,
    /// Something to tell the user (a damaged link, a draft set aside).
    pub notice: Option<Notice>,
    /// Whether the state came from a share link.
    pub from_link: bool,
}

/// Decides the first state from the share link in the URL (if any), the last chart used and the saved drafts.
///
/// A link wins over a saved draft; the saved draft stays in storage and the notice offers it back. A damaged
/// link falls back to the saved draft and says what is wrong with the link.
pub fn startup(
    charts: &[String],
    link: Option<Result<SharedState, Error>>,
    last_chart: Option<String>,
    saved_draft: impl Fn(&str) -> Option<Draft>,
) -> Start {
    let known = |name: &str| charts.iter().any(|c| c == name);
    let fallback_chart = || {
        last_chart
            .clone()
            .filter(|c| known(c))
            .or_else(|| known(DEFAULT_CHART).then(|| DEFAULT_CHART.to_string()))
            .or_else(|| charts.first().cloned())
            .unwrap_or_else(|| DEFAULT_CHART.to_string())
    };
    let saved_or_example = |chart: &str| saved_draft(chart).unwrap_or_else(|| Draft::example(chart));
    match link {
        Some(Ok(shared)) => {
            let mut notice = None;
            let chart = if shared.chart.is_empty() {
                fallback_chart()
            } else if known(&shared.chart) {
                shared.chart.clone()
            } else {
                notice = Some(Notice::error(format!(
                    "the shared link is for chart {:?}, which this playground does not have; its values are shown with {}",
                    shared.chart,
                    fallback_chart()
                )));
                fallback_chart()
            };
            let mut draft = Draft::from_shared(&shared);
            if draft.values.is_empty() {
                draft.values = examples::values_for(&chart).to_string();
            }
            if let Some(saved) = saved_draft(&chart).filter(|saved| *saved != draft) {
                notice.get_or_insert_with(|| {
                    Notice::info(format!("Opened a shared link. Your own draft of {chart} is kept."))
                });
                if let Some(notice) = notice.as_mut() {
                    notice.restore = Some(saved);
                }
            }
            Start { chart, draft, notice, from_link: true }
        }
        Some(Err(error)) => {
            let chart = fallback_chart();
            let notice = Notice::error(format!(
                "{error}. Your saved draft is shown instead; the link is still in the address bar."
            ));
            Start { draft: saved_or_example(&chart), chart, notice: Some(notice), from_link: false }
        }
        None => {
            let chart = fallback_chart();
            Start { draft: saved_or_example(&chart), chart, notice: None, from_link: false }
        }
    }
}

impl State {
    /// The state for `start`, rendered once.
    pub fn new(charts: Vec<String>, start: Start) -> State {
        let mut state = State {
            charts: Rc::new(charts),
            chart: start.chart,
            draft: start.draft,
            other_drafts: BTreeMap::new(),
            panel: Panel::default(),
            output: Rc::default(),
            focus: None,
            stale: false,
            diagnostics: Rc::default(),
            timings: Timings::default(),
            kube_schema_needed: None,
            kube_checked: None,
            chart_docs: Rc::default(),
            help: Help::default(),
            notice: start.notice,
            values_revision: 0,
            edits: 0,
            renderer: Rc::default(),
        };
        state.load_chart();
        state.render();
        state
    }

    /// Applies `action`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::EditValues(values) => {
                if values == self.draft.values {
                    return;
                }
                self.draft.values = values;
                self.edits += 1;
                self.render();
            }
            Action::SelectChart { name, saved } => {
                if name == self.chart || !self.charts.contains(&name) {
                    return;
                }
                let previous = std::mem::replace(&mut self.chart, name.clone());
                let draft = self.other_drafts.remove(&name).or(saved).unwrap_or_else(|| Draft::example(&name));
                let previous_draft = std::mem::replace(&mut self.draft, draft);
                self.other_drafts.insert(previous, previous_draft);
                self.values_revision += 1;
                self.output = Rc::default();
                self.load_chart();
                self.render();
            }
            Action::SetReleaseName(name) => self.set(|draft| &mut draft.release_name, name),
            Action::SetNamespace(namespace) => self.set(|draft| &mut draft.namespace, namespace),
            Action::SetKubeVersion(version) => self.set(|draft| &mut draft.kube_version, version),
            Action::ReplaceDraft(draft) => {
                self.draft = draft;
                self.values_revision += 1;
                self.edits += 1;
                self.notice = None;
                self.render();
            }
            Action::ShowPanel(panel) => self.panel = panel,
            Action::ShowDocument(index) => {
                let serial = self.focus.map_or(1, |focus| focus.serial + 1);
                self.panel = Panel::Manifests;
                self.focus = Some(Focus { index, serial });
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::KubeSchemaLoaded { version, text } => {
                self.renderer.borrow_mut().add_kube_schema(&version, text);
                self.render();
            }
        }
    }

    /// The chart's texts and schema, for a newly chosen chart.
    fn load_chart(&mut self) {
        let mut renderer = self.renderer.borrow_mut();
        self.chart_docs = Rc::new(renderer.docs(&self.chart));
        self.help = Help::new(renderer.schema(&self.chart), &self.chart_docs.values);
    }

    fn set(&mut self, field: impl Fn(&mut Draft) -> &mut String, value: String) {
        if *field(&mut self.draft) != value {
            *field(&mut self.draft) = value;
            self.edits += 1;
            self.render();
        }
    }

    /// Renders the current inputs: success replaces the output; failure keeps it, marked stale.
    fn render(&mut self) {
        let Rendering { rendered, diagnostics, timings, kube_schema_needed, kube_checked } =
            self.renderer.borrow_mut().render(&self.chart, &self.draft);
        // The editor completes Kubernetes fields from the schema the output is checked against.
        self.help = self.help.with_kube(self.renderer.borrow().kube_validator(&self.draft));
        self.focus = None;
        self.timings = timings;
        self.kube_schema_needed = kube_schema_needed;
        self.kube_checked = kube_checked;
        if *self.diagnostics != diagnostics {
            self.diagnostics = Rc::new(diagnostics);
        }
        self.stale = rendered.is_none();
        if let Some(rendered) = rendered {
            self.output = Rc::new(rendered);
        }
    }

    /// The current state as a share-link state.
    pub fn shared(&self) -> SharedState {
        self.draft.to_shared(&self.chart)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use chartplay_core::ErrorKind;

    use super::*;

    fn charts() -> Vec<String> {
        vec!["k8s-daemon-set".into(), "k8s-job".into(), "k8s-service".into()]
    }

    fn shared(chart: &str, values: &str) -> SharedState {
        SharedState { chart: chart.into(), values: values.into(), ..SharedState::default() }
    }

    #[test]
    fn first_visit_shows_the_default_chart_example() {
        let start = startup(&charts(), None, None, |_| None);
        assert_eq!(start.chart, "k8s-service");
        assert_eq!(start.draft, Draft::example("k8s-service"));
        assert!(start.draft.values.contains("applicationName"));
        assert_eq!(start.notice, None);
    }

    #[test]
    fn reload_restores_last_chart_and_its_draft() {
        let saved = Draft { values: "applicationName: mine\n".into(), ..Draft::default() };
        let start = startup(&charts(), None, Some("k8s-job".into()), |c| (c == "k8s-job").then(|| saved.clone()));
        assert_eq!(start.chart, "k8s-job");
        assert_eq!(start.draft, saved);
    }

    #[test]
    fn shared_link_wins_and_keeps_the_saved_draft_recoverable() {
        let saved = Draft { values: "applicationName: mine\n".into(), ..Draft::default() };
        let start = startup(&charts(), Some(Ok(shared("k8s-service", "applicationName: theirs\n"))), None, |_| {
            Some(saved.clone())
        });
        assert_eq!(start.draft.values, "applicationName: theirs\n");
        assert!(start.from_link);
        assert_eq!(start.notice.and_then(|n| n.restore), Some(saved));
    }

    #[test]
    fn shared_link_equal_to_the_draft_needs_no_notice() {
        let saved = Draft { values: "a: 1\n".into(), ..Draft::default() };
        let start = startup(&charts(), Some(Ok(shared("k8s-service", "a: 1\n"))), None, |_| Some(saved.clone()));
        assert_eq!(start.notice, None);
    }

    #[test]
    fn damaged_link_falls_back_to_the_draft_with_a_message() {
        let error = chartplay_core::share::decode("s=AAAA$").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::ShareLink);
        let start = startup(&charts(), Some(Err(error)), None, |_| None);
        assert_eq!(start.chart, "k8s-service");
        let notice = start.notice.unwrap();
        assert!(notice.is_error);
        assert!(notice.text.contains("share link"), "{}", notice.text);
    }

    #[test]
    fn link_for_unknown_chart_says_so() {
        let start = startup(&charts(), Some(Ok(shared("k8s-cron", "a: 1"))), None, |_| None);
        assert_eq!(start.chart, "k8s-service");
        assert!(start.notice.unwrap().text.contains("k8s-cron"));
    }

    #[test]
    fn plain_link_without_values_gets_the_example() {
        let start = startup(&charts(), Some(Ok(shared("k8s-job", ""))), None, |_| None);
        assert_eq!(start.draft.values, examples::values_for("k8s-job"));
    }

    fn builtin() -> Vec<String> {
        chartplay_core::builtin_names().into_iter().map(String::from).collect()
    }

    fn state_for(chart: &str) -> State {
        State::new(builtin(), startup(&builtin(), Some(Ok(shared(chart, ""))), None, |_| None))
    }

    #[test]
    fn every_builtin_chart_renders_its_example() {
        for chart in builtin() {
            let state = state_for(&chart);
            assert!(!state.stale, "{chart}: {:?}", state.diagnostics);
            assert!(!state.output.manifests.is_empty(), "{chart} rendered nothing");
        }
    }

    #[test]
    fn invalid_values_keep_the_last_output_marked_stale_with_the_line() {
        if !builtin().iter().any(|c| c == "k8s-service") {
            return; // the chart is not built in yet
        }
        let mut state = state_for("k8s-service");
        let good = state.output.clone();
        state.apply(Action::EditValues("applicationName: web\nservice:\n  ports: [oops\n".into()));
        assert!(state.stale);
        assert!(Rc::ptr_eq(&state.output, &good));
        assert!(
            state.diagnostics.iter().any(|d| d.location.as_ref().is_some_and(|l| l.line >= 3)),
            "{:?}",
            state.diagnostics
        );
        state.apply(Action::EditValues(examples::values_for("k8s-service").into()));
        assert!(!state.stale);
        assert!(state.diagnostics.is_empty());
    }

    #[test]
    fn schema_problems_do_not_make_the_output_stale() {
        let mut state = state_for("k8s-service");
        assert!(state.diagnostics.is_empty(), "the example passes the schema: {:?}", state.diagnostics);
        let text = "applicationName: typo\ncontainerImage:\n  repository: nginx\n  tag: x\ncontanerImage:\n  tag: x\n";
        state.apply(Action::EditValues(text.into()));
        assert!(!state.stale);
        assert!(state.output.manifests.iter().any(|doc| doc.name == "release-name-typo"));
        assert_eq!(state.diagnostics.len(), 1, "{:?}", state.diagnostics);
        assert_eq!(state.diagnostics[0].location.as_ref().map(|l| (l.line, l.column)), Some((5, 1)));
        state.apply(Action::EditValues(examples::values_for("k8s-service").into()));
        assert!(state.diagnostics.is_empty());
    }

    #[test]
    fn a_needed_kube_schema_is_asked_for_and_checks_the_output_once_loaded() {
        let mut state = state_for("k8s-service");
        assert_eq!(state.kube_schema_needed, Some("v1.36"));
        state.apply(Action::SetKubeVersion("1.30.4".into()));
        assert_eq!(state.kube_schema_needed, Some("v1.30"));
        let file = format!("{}/../core/kube-schemas/v1.30.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(file).map_err(|e| e.to_string());
        state.apply(Action::KubeSchemaLoaded { version: "v1.30".into(), text });
        assert_eq!(state.kube_schema_needed, None);
        assert_eq!(state.kube_checked, Some("v1.30"));
        assert!(state.diagnostics.is_empty(), "{:?}", state.diagnostics);
        state.apply(Action::EditValues(format!(
            "{}sideCarContainers:\n  proxy:\n    args: [x]\n",
            examples::values_for("k8s-service")
        )));
        assert!(state.diagnostics.iter().any(|d| d.field.as_ref().is_some_and(|f| f.kind == "Deployment")));
        assert!(!state.stale);
    }

    #[test]
    fn showing_a_document_switches_to_the_manifests_until_the_inputs_change() {
        let mut state = state_for("k8s-service");
        state.apply(Action::ShowPanel(Panel::Readme));
        state.apply(Action::ShowDocument(1));
        assert_eq!(state.panel, Panel::Manifests);
        assert_eq!(state.focus, Some(Focus { index: 1, serial: 1 }));
        state.apply(Action::ShowDocument(1));
        assert_eq!(state.focus, Some(Focus { index: 1, serial: 2 }), "asking again scrolls again");
        state.apply(Action::SetNamespace("other".into()));
        assert_eq!(state.focus, None);
    }

    #[test]
    fn switching_charts_keeps_each_draft() {
        let charts = builtin();
        if charts.len() < 2 {
            return; // needs two charts
        }
        let mut state = state_for(&charts[0]);
        state.apply(Action::EditValues("applicationName: edited\n".into()));
        state.apply(Action::SelectChart { name: charts[1].clone(), saved: None });
        assert_eq!(state.draft, Draft::example(&charts[1]));
        let revision = state.values_revision;
        state.apply(Action::SelectChart { name: charts[0].clone(), saved: None });
        assert_eq!(state.draft.values, "applicationName: edited\n");
        assert!(state.values_revision > revision, "the editor is told to reload");
    }

    #[test]
    fn settings_re_render() {
        if !builtin().iter().any(|c| c == "k8s-service") {
            return;
        }
        let mut state = state_for("k8s-service");
        state.apply(Action::SetReleaseName("shop".into()));
        assert!(
            state.output.manifests.iter().any(|doc| doc.name.starts_with("shop-")),
            "{:?}",
            state.output.manifests.first()
        );
    }

    #[test]
    fn draft_round_trips_through_shared_state() {
        let draft = Draft {
            values: "x: 1".into(),
            release_name: "r".into(),
            namespace: "n".into(),
            kube_version: "1.30.0".into(),
        };
        assert_eq!(Draft::from_shared(&draft.to_shared("k8s-job")), draft);
    }
}
