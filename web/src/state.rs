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

use crate::draft::{self, keep, newest_own, Draft, History, Kept, Owner, Replaced, Tab};
use crate::services::help::Help;
use chartplay_core::ValuePath;

use crate::services::explain::Focused;
use crate::services::renderer::{ChartDocs, Explained, Renderer, Rendering};

/// The chart a first-time visitor sees.
pub const DEFAULT_CHART: &str = "k8s-service";

/// One chart's work: its draft, whose it is, and the drafts kept from it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Work {
    /// The draft.
    pub draft: Draft,
    /// Whose the draft is.
    pub owner: Owner,
    /// The drafts something replaced, newest first.
    pub history: History,
}

impl Work {
    /// The chart's example, the user's own.
    pub fn example(chart: &str) -> Work {
        Work { draft: Draft::example(chart), ..Work::default() }
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
    /// What the notice offers to bring back with one click.
    pub offer: Option<Offer>,
}

/// What a notice offers to bring back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// The newest draft of the user's own in the history ("Restore my draft").
    OwnDraft,
    /// The draft kept last ("Undo").
    Undo,
}

impl Notice {
    /// An informational notice.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { is_error: false, text: text.into(), offer: None }
    }

    /// An error notice.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { is_error: true, text: text.into(), offer: None }
    }

    /// This notice with `offer`.
    pub fn offering(self, offer: Offer) -> Notice {
        Notice { offer: Some(offer), ..self }
    }
}

/// A place in the inputs to bring into the editor: its tab, line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoTo {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Counts the requests, so that going to the same place again does so again.
    pub serial: u64,
}

/// Everything the user can do.
#[derive(Debug, Clone)]
pub enum Action {
    /// The text of the tab in the editor changed.
    EditValues(String),
    /// Another tab goes into the editor.
    SelectTab(Tab),
    /// A new, empty values file after the others, in the editor.
    AddFile,
    /// The file at `index` is renamed (refused when [`Draft::name_problem`] says why).
    RenameFile {
        /// The file's index.
        index: usize,
        /// Its new name.
        name: String,
    },
    /// The file at `index` moves `by` places in the merge order.
    MoveFile {
        /// The file's index.
        index: usize,
        /// -1 for earlier, 1 for later.
        by: isize,
    },
    /// The file at `index` is removed (the draft with it is kept in the history).
    RemoveFile(usize),
    /// Another chart was picked; `saved` is its autosaved work, if any.
    SelectChart {
        /// The chart's name.
        name: String,
        /// Its work from storage.
        saved: Option<Work>,
    },
    /// The release name changed.
    SetReleaseName(String),
    /// The namespace changed.
    SetNamespace(String),
    /// The kube version changed.
    SetKubeVersion(String),
    /// The draft is replaced from outside the editor (Example, the chart's defaults); the old one is kept.
    ReplaceDraft {
        /// The new draft.
        draft: Draft,
        /// What replaces it.
        by: Replaced,
    },
    /// The history's draft at this index comes back; the current one is kept.
    Restore(usize),
    /// The newest draft of the user's own comes back.
    RestoreOwn,
    /// Bring this place into the editor: the tab of `file` (a values file or the flags panel), line and column.
    GoTo {
        /// The tab's name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Show another panel on the right.
    ShowPanel(Panel),
    /// Show the manifest with this index in the output: its card expanded, scrolled to and highlighted.
    ShowDocument(usize),
    /// Explain the current output (where each line comes from), if it is not yet.
    Explain,
    /// The editor's cursor rests at this position (UTF-16 units) of the tab in it.
    CursorAt(u32),
    /// Show the output compared with the output the page was opened with, or not.
    ShowChanges(bool),
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
    /// Its values files, flags and settings.
    pub draft: Draft,
    /// Whose the draft is.
    pub owner: Owner,
    /// The drafts something replaced, newest first.
    pub history: History,
    /// The tab in the editor.
    pub tab: Tab,
    /// An identity per file of the draft (the flags panel is 0), so the editor keeps each tab's undo history
    /// through renames and moves.
    pub file_ids: Vec<u64>,
    /// The work on the other charts edited in this session, so switching back loses nothing.
    pub other_work: BTreeMap<String, Work>,
    /// The right-hand panel.
    pub panel: Panel,
    /// The last good render.
    pub output: Rc<Rendered>,
    /// The card of `output` shown from the problem list, until the inputs change.
    pub focus: Option<Focus>,
    /// Whether `output` is older than the current inputs (they failed to load or render).
    pub stale: bool,
    /// The output before the last change of it, to mark the lines an edit changed.
    pub previous: Rc<Rendered>,
    /// The output the page was opened with (the link's, the draft's or the example's), for the Changes view.
    pub baseline: Rc<Rendered>,
    /// Whether the output is shown compared with `baseline`.
    pub show_changes: bool,
    /// Counts the outputs, so that a line changed again is marked again.
    pub generation: u64,
    /// The current output explained, once asked for ([`Action::Explain`]); `None` while it is not yet.
    pub explained: Option<Rc<Explained>>,
    /// The value the editor's cursor is on, and what it produced.
    pub focused: Option<Rc<Focused>>,
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
    /// Bumped whenever the text in the editor is replaced from outside it (another tab, chart or draft), which
    /// then reloads it.
    pub values_revision: u64,
    /// The place to bring into the editor, once asked for.
    pub goto: Option<GoTo>,
    /// How many edits the user made since load.
    pub edits: u64,
    next_file_id: u64,
    renderer: Rc<RefCell<Renderer>>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("chart", &self.chart)
            .field("draft", &self.draft)
            .field("tab", &self.tab)
            .field("stale", &self.stale)
            .finish()
    }
}

/// Where the playground starts: the result of [`startup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// The chart to show.
    pub chart: String,
    /// Its work.
    pub work: Work,
    /// Something to tell the user (a damaged link, a draft kept).
    pub notice: Option<Notice>,
    /// Whether the state came from a share link.
    pub from_link: bool,
}

/// Decides the first state from the share link in the URL (if any), the last chart used and the saved work,
/// at time `now` (milliseconds since the epoch).
///
/// A link wins over the saved draft, which goes into the chart's history first, and the notice offers the user's
/// own draft back. A damaged link falls back to the saved draft and says what is wrong with the link.
pub fn startup(
    charts: &[String],
    link: Option<Result<SharedState, Error>>,
    last_chart: Option<String>,
    saved: impl Fn(&str) -> Option<Work>,
    now: u64,
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
    let saved_or_example = |chart: &str| saved(chart).unwrap_or_else(|| Work::example(chart));
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
            let draft = Draft::from_shared(&shared, &chart);
            let Work { draft: had, owner, mut history } = saved_or_example(&chart);
            let kept = Kept { time: now, owner, replaced: Replaced::Link, draft: had };
            if keep(&mut history, &chart, kept, &draft) {
                let said = match newest_own(&history) {
                    Some(_) => Notice::info(format!("Opened a shared link. Your own draft of {chart} is kept."))
                        .offering(Offer::OwnDraft),
                    None => {
                        Notice::info(format!("Opened a shared link. The values of {chart} it replaced are in History."))
                    }
                };
                notice.get_or_insert(said);
            }
            // A link that names only a chart opens its example, which is as much the user's as any.
            let owner = if shared.files.is_empty() && shared.flags.is_empty() { Owner::Own } else { Owner::Link };
            Start { chart, work: Work { draft, owner, history }, notice, from_link: true }
        }
        Some(Err(error)) => {
            let chart = fallback_chart();
            let notice = Notice::error(format!(
                "{error}. Your saved draft is shown instead; the link is still in the address bar."
            ));
            Start { work: saved_or_example(&chart), chart, notice: Some(notice), from_link: false }
        }
        None => {
            let chart = fallback_chart();
            Start { work: saved_or_example(&chart), chart, notice: None, from_link: false }
        }
    }
}

impl State {
    /// The state for `start`, rendered once.
    pub fn new(charts: Vec<String>, start: Start) -> State {
        let Work { draft, owner, history } = start.work;
        let mut state = State {
            charts: Rc::new(charts),
            chart: start.chart,
            draft,
            owner,
            history,
            tab: Tab::default(),
            file_ids: Vec::new(),
            other_work: BTreeMap::new(),
            panel: Panel::default(),
            output: Rc::default(),
            focus: None,
            stale: false,
            previous: Rc::default(),
            baseline: Rc::default(),
            show_changes: false,
            generation: 0,
            explained: None,
            focused: None,
            diagnostics: Rc::default(),
            timings: Timings::default(),
            kube_schema_needed: None,
            kube_checked: None,
            chart_docs: Rc::default(),
            help: Help::default(),
            notice: start.notice,
            values_revision: 0,
            goto: None,
            edits: 0,
            next_file_id: 1,
            renderer: Rc::default(),
        };
        state.new_file_ids();
        state.load_chart();
        state.render();
        state.baseline = state.output.clone();
        state
    }

    /// The work on the current chart.
    pub fn work(&self) -> Work {
        Work { draft: self.draft.clone(), owner: self.owner, history: self.history.clone() }
    }

    /// The identity of a tab's text in the editor.
    pub fn doc_id(&self, tab: Tab) -> u64 {
        match tab {
            Tab::File(index) => self.file_ids.get(index).copied().unwrap_or_default(),
            Tab::Flags => 0,
        }
    }

    /// Applies `action`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::EditValues(text) => {
                let Some(current) = self.draft.text_mut(self.tab) else { return };
                if *current == text {
                    return;
                }
                *current = text;
                self.edits += 1;
                self.render();
            }
            Action::SelectTab(tab) => self.select_tab(tab),
            Action::AddFile => {
                let name = self.draft.new_file_name();
                self.draft.files.push(chartplay_core::ValuesFile::new(name, ""));
                let id = self.take_file_id();
                self.file_ids.push(id);
                self.select_tab(Tab::File(self.draft.files.len() - 1));
                self.edits += 1;
                self.render();
            }
            Action::RenameFile { index, name } => {
                let name = name.trim().to_string();
                if index < self.draft.files.len()
                    && self.draft.files[index].name != name
                    && self.draft.name_problem(Some(index), &name).is_none()
                {
                    self.draft.files[index].name = name;
                    self.edits += 1;
                    self.render();
                }
            }
            Action::MoveFile { index, by } => {
                let to = index.checked_add_signed(by).filter(|to| *to < self.draft.files.len());
                if let (Some(to), true) = (to, index < self.draft.files.len()) {
                    self.draft.files.swap(index, to);
                    self.file_ids.swap(index, to);
                    if self.tab == Tab::File(index) {
                        self.tab = Tab::File(to);
                    } else if self.tab == Tab::File(to) {
                        self.tab = Tab::File(index);
                    }
                    self.edits += 1;
                    self.render();
                }
            }
            Action::RemoveFile(index) => {
                if index >= self.draft.files.len() || self.draft.files.len() == 1 {
                    return;
                }
                let mut next = self.draft.clone();
                let removed = next.files.remove(index);
                let had_text = !removed.text.trim().is_empty();
                self.keep(Replaced::RemovedFile(removed.name.clone()), &next);
                self.draft = next;
                self.file_ids.remove(index);
                let tab = match self.tab {
                    Tab::File(active) if active > index || active == self.draft.files.len() => {
                        Tab::File(active.saturating_sub(1))
                    }
                    tab => tab,
                };
                self.tab = tab;
                self.values_revision += 1;
                self.edits += 1;
                if had_text {
                    self.notice = Some(
                        Notice::info(format!("Removed {}; it is kept in History.", removed.name)).offering(Offer::Undo),
                    );
                }
                self.render();
            }
            Action::SelectChart { name, saved } => {
                if name == self.chart || !self.charts.contains(&name) {
                    return;
                }
                let previous = std::mem::replace(&mut self.chart, name.clone());
                let work = self.other_work.remove(&name).or(saved).unwrap_or_else(|| Work::example(&name));
                let Work { draft, owner, history } = work;
                let previous_work = Work {
                    draft: std::mem::replace(&mut self.draft, draft),
                    owner: std::mem::replace(&mut self.owner, owner),
                    history: std::mem::replace(&mut self.history, history),
                };
                self.other_work.insert(previous, previous_work);
                self.new_file_ids();
                self.tab = Tab::default();
                self.values_revision += 1;
                self.output = Rc::default();
                self.focused = None;
                self.notice = None;
                self.load_chart();
                self.render();
                self.baseline = self.output.clone();
            }
            Action::SetReleaseName(name) => self.set(|draft| &mut draft.release_name, name),
            Action::SetNamespace(namespace) => self.set(|draft| &mut draft.namespace, namespace),
            Action::SetKubeVersion(version) => self.set(|draft| &mut draft.kube_version, version),
            Action::ReplaceDraft { draft, by } => {
                self.keep(by, &draft);
                self.replace(draft, Owner::Own);
            }
            Action::Restore(index) => self.restore(index),
            Action::RestoreOwn => {
                if let Some(index) = newest_own(&self.history) {
                    self.restore(index);
                }
            }
            Action::GoTo { file, line, column } => {
                if let Some(tab) = self.draft.tab_named(&file) {
                    self.select_tab(tab);
                    let serial = self.goto.map_or(1, |goto| goto.serial + 1);
                    self.goto = Some(GoTo { line, column, serial });
                }
            }
            Action::ShowPanel(panel) => self.panel = panel,
            Action::ShowDocument(index) => {
                let serial = self.focus.map_or(1, |focus| focus.serial + 1);
                self.panel = Panel::Manifests;
                self.focus = Some(Focus { index, serial });
            }
            Action::Explain => self.explain(),
            Action::CursorAt(position) => {
                let path = match self.tab {
                    Tab::File(_) => crate::services::explain::path_at(self.draft.text(self.tab), position as usize),
                    Tab::Flags => None,
                };
                if self.focused.as_ref().map(|f| &f.path) != path.as_ref() {
                    self.focused = path.map(|path| Rc::new(self.focus_on(path)));
                }
            }
            Action::ShowChanges(show) => self.show_changes = show,
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::KubeSchemaLoaded { version, text } => {
                self.renderer.borrow_mut().add_kube_schema(&version, text);
                self.render();
            }
        }
    }

    fn select_tab(&mut self, tab: Tab) {
        let exists = match tab {
            Tab::File(index) => index < self.draft.files.len(),
            Tab::Flags => true,
        };
        if exists && tab != self.tab {
            self.tab = tab;
            self.focused = None;
            self.values_revision += 1;
        }
    }

    /// Keeps the current draft in the history before `replaced` puts `next` in its place.
    fn keep(&mut self, replaced: Replaced, next: &Draft) {
        let kept = Kept { time: draft::now(), owner: self.owner, replaced, draft: self.draft.clone() };
        keep(&mut self.history, &self.chart, kept, next);
    }

    /// Brings back the history's draft at `index`, keeping the current one in its place.
    fn restore(&mut self, index: usize) {
        let Some(entry) = self.history.get(index).cloned() else { return };
        Rc::make_mut(&mut self.history).remove(index);
        self.keep(Replaced::Restore, &entry.draft);
        self.replace(entry.draft, entry.owner);
    }

    /// Puts `draft` in the editor, as `owner`'s.
    fn replace(&mut self, draft: Draft, owner: Owner) {
        self.draft = draft;
        self.owner = owner;
        self.new_file_ids();
        self.tab = Tab::default();
        self.values_revision += 1;
        self.edits += 1;
        self.notice = None;
        self.render();
    }

    /// Fresh identities for the files of a draft that replaced the one before.
    fn new_file_ids(&mut self) {
        self.file_ids = (0..self.draft.files.len()).map(|_| self.take_file_id()).collect();
    }

    fn take_file_id(&mut self) -> u64 {
        self.next_file_id += 1;
        self.next_file_id
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
        if let Some(rendered) = rendered.filter(|rendered| *rendered != *self.output) {
            self.previous = std::mem::replace(&mut self.output, Rc::new(rendered));
            self.generation += 1;
        }
        // Line numbers moved: the explanation is computed again when asked for.
        self.explained = None;
        if let Some(focused) = &self.focused {
            let path = focused.path.clone();
            self.focused = Some(Rc::new(self.focus_on(path)));
        }
    }

    /// Explains the current output, unless it is explained or stale.
    fn explain(&mut self) {
        if self.explained.is_some() || self.stale {
            return;
        }
        let explained = self.renderer.borrow_mut().explain(&self.chart, &self.draft, &self.output);
        self.explained = explained.ok().map(Rc::new);
        if let Some(focused) = &self.focused {
            let path = focused.path.clone();
            self.focused = Some(Rc::new(self.focus_on(path)));
        }
    }

    /// What the value at `path` produced in the explained output (nothing known yet when it is not explained).
    fn focus_on(&self, path: ValuePath) -> Focused {
        let Some(explained) = &self.explained else { return Focused { path, lines: None, read: false, reason: None } };
        let lines = explained.explanation.lines_of(&path);
        let read = explained.trace.was_read(&path);
        let reason = if lines.is_empty() {
            self.renderer.borrow_mut().why_unused(&self.chart, &self.draft, &path)
        } else {
            None
        };
        Focused { path, lines: Some(lines), read, reason }
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
    use chartplay_core::{ErrorKind, ValuesFile};

    use super::*;
    use crate::examples;

    fn charts() -> Vec<String> {
        vec!["k8s-daemon-set".into(), "k8s-job".into(), "k8s-service".into()]
    }

    fn shared(chart: &str, values: &str) -> SharedState {
        match values {
            "" => SharedState { chart: chart.into(), ..SharedState::default() },
            _ => SharedState::with_values(chart, values),
        }
    }

    fn own(values: &str) -> Work {
        Work { draft: Draft::with_values(values), ..Work::default() }
    }

    fn values(draft: &Draft) -> &str {
        &draft.files[0].text
    }

    #[test]
    fn first_visit_shows_the_default_chart_example() {
        let start = startup(&charts(), None, None, |_| None, 0);
        assert_eq!(start.chart, "k8s-service");
        assert_eq!(start.work.draft, Draft::example("k8s-service"));
        assert!(values(&start.work.draft).contains("applicationName"));
        assert_eq!(start.notice, None);
    }

    #[test]
    fn reload_restores_last_chart_and_its_work() {
        let saved = own("applicationName: mine\n");
        let start = startup(&charts(), None, Some("k8s-job".into()), |c| (c == "k8s-job").then(|| saved.clone()), 0);
        assert_eq!(start.chart, "k8s-job");
        assert_eq!(start.work, saved);
    }

    #[test]
    fn shared_link_wins_and_keeps_the_saved_draft_in_the_history() {
        let saved = own("applicationName: mine\n");
        let link = shared("k8s-service", "applicationName: theirs\n");
        let start = startup(&charts(), Some(Ok(link)), None, |_| Some(saved.clone()), 7);
        assert_eq!(values(&start.work.draft), "applicationName: theirs\n");
        assert_eq!(start.work.owner, Owner::Link);
        assert!(start.from_link);
        assert_eq!(start.notice.and_then(|n| n.offer), Some(Offer::OwnDraft));
        let kept = &start.work.history[0];
        assert_eq!(
            (kept.time, kept.owner, &kept.replaced, &kept.draft),
            (7, Owner::Own, &Replaced::Link, &saved.draft)
        );
    }

    #[test]
    fn shared_link_equal_to_the_draft_needs_no_notice() {
        let start = startup(&charts(), Some(Ok(shared("k8s-service", "a: 1\n"))), None, |_| Some(own("a: 1\n")), 0);
        assert_eq!(start.notice, None);
        assert!(start.work.history.is_empty());
    }

    /// The page as a reload sees it: what autosave stored from `state`.
    fn reopen(state: &State, link: Option<SharedState>, now: u64) -> State {
        let work = state.work();
        let start = startup(&builtin(), link.map(Ok), Some(state.chart.clone()), |_| Some(work.clone()), now);
        State::new(builtin(), start)
    }

    #[test]
    fn links_opened_one_after_another_never_lose_the_own_draft() {
        let mut state = state_for("k8s-service");
        state.apply(Action::EditValues("applicationName: mine\n".into()));
        let mine = state.draft.clone();
        let mut state = reopen(&state, Some(shared("k8s-service", "applicationName: a\n")), 1);
        state.apply(Action::EditValues("applicationName: a-edited\n".into()));
        let mut state = reopen(&state, Some(shared("k8s-service", "applicationName: b\n")), 2);
        assert_eq!(state.notice.as_ref().and_then(|n| n.offer), Some(Offer::OwnDraft));
        // Dismissing the notice loses nothing either.
        state.apply(Action::DismissNotice);
        let history: Vec<(&str, Owner)> = state.history.iter().map(|k| (values(&k.draft), k.owner)).collect();
        assert_eq!(history, [("applicationName: a-edited\n", Owner::Link), ("applicationName: mine\n", Owner::Own)]);
        state.apply(Action::RestoreOwn);
        assert_eq!(state.draft, mine);
        assert_eq!(state.owner, Owner::Own);
        assert_eq!(values(&state.history[0].draft), "applicationName: b\n", "the link's state is kept in turn");
        assert!(!state.history.iter().any(|k| k.draft == mine), "the restored draft is not also in the history");
    }

    #[test]
    fn example_and_defaults_keep_what_they_replace() {
        let mut state = state_for("k8s-service");
        state.apply(Action::EditValues("applicationName: mine\n".into()));
        let mine = state.draft.clone();
        state.apply(Action::ReplaceDraft { draft: Draft::example("k8s-service"), by: Replaced::Example });
        assert_eq!(state.history[0].replaced, Replaced::Example);
        state.apply(Action::ReplaceDraft { draft: Draft::with_values("defaults: 1\n"), by: Replaced::Defaults });
        assert_eq!(state.history.len(), 1, "the untouched example is not kept");
        state.apply(Action::RestoreOwn);
        assert_eq!(state.draft, mine);
        state.apply(Action::Restore(0));
        assert_eq!(values(&state.draft), "defaults: 1\n", "restoring is undone by restoring");
    }

    #[test]
    fn damaged_link_falls_back_to_the_draft_with_a_message() {
        let error = chartplay_core::share::decode("s=AAAA$").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::ShareLink);
        let start = startup(&charts(), Some(Err(error)), None, |_| None, 0);
        assert_eq!(start.chart, "k8s-service");
        let notice = start.notice.unwrap();
        assert!(notice.is_error);
        assert!(notice.text.contains("share link"), "{}", notice.text);
    }

    #[test]
    fn link_for_unknown_chart_says_so() {
        let start = startup(&charts(), Some(Ok(shared("k8s-cron", "a: 1"))), None, |_| None, 0);
        assert_eq!(start.chart, "k8s-service");
        assert!(start.notice.unwrap().text.contains("k8s-cron"));
    }

    #[test]
    fn plain_link_without_values_gets_the_example() {
        let start = startup(&charts(), Some(Ok(shared("k8s-job", ""))), None, |_| None, 0);
        assert_eq!(values(&start.work.draft), examples::values_for("k8s-job"));
    }

    fn builtin() -> Vec<String> {
        chartplay_core::builtin_names().into_iter().map(String::from).collect()
    }

    fn state_for(chart: &str) -> State {
        State::new(builtin(), startup(&builtin(), Some(Ok(shared(chart, ""))), None, |_| None, 0))
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

    fn replicas(state: &State) -> String {
        let deployment = state.output.manifests.iter().find(|doc| doc.kind == "Deployment").expect("a Deployment");
        let line = deployment.text.lines().find(|line| line.trim_start().starts_with("replicas:")).unwrap_or_default();
        line.trim().to_string()
    }

    #[test]
    fn layers_apply_in_order_and_problems_point_at_their_tab() {
        let mut state = state_for("k8s-service");
        state.apply(Action::AddFile);
        assert_eq!(state.tab, Tab::File(1));
        assert_eq!(state.draft.files[1].name, "values-2.yaml");
        state.apply(Action::EditValues("replicaCount: 4\n".into()));
        assert_eq!(replicas(&state), "replicas: 4");
        state.apply(Action::MoveFile { index: 1, by: -1 });
        assert_eq!(state.tab, Tab::File(0), "the tab follows its file");
        assert_ne!(replicas(&state), "replicas: 4", "the example, now later, wins");
        state.apply(Action::MoveFile { index: 0, by: 1 });
        state.apply(Action::RenameFile { index: 1, name: " values-prod.yaml ".into() });
        state.apply(Action::RenameFile { index: 1, name: "values.yaml".into() });
        assert_eq!(state.draft.files[1].name, "values-prod.yaml", "a taken name is refused");
        state.apply(Action::SelectTab(Tab::Flags));
        state.apply(Action::EditValues("--set replicaCount=6\n".into()));
        assert_eq!(replicas(&state), "replicas: 6");
        state.apply(Action::EditValues("--set replicaCount=6\n--set replicaCount=x\n".into()));
        let problem = state.diagnostics.iter().find(|d| d.is_error()).expect("a problem");
        assert_eq!(problem.location.as_ref().map(ToString::to_string).as_deref(), Some("--set:2:7"), "{problem}");
        state.apply(Action::EditValues("--set-file a=cfg.txt\n".into()));
        assert!(state.stale);
        assert!(state.diagnostics[0].to_string().starts_with("--set:1:1: --set-file reads a file"));
        state.apply(Action::GoTo { file: "values-prod.yaml".into(), line: 1, column: 1 });
        assert_eq!(state.tab, Tab::File(1));
        assert_eq!(state.goto.map(|g| (g.line, g.serial)), Some((1, 1)));
    }

    #[test]
    fn removing_a_file_keeps_it_for_undo() {
        let mut state = state_for("k8s-service");
        state.apply(Action::AddFile);
        state.apply(Action::EditValues("replicaCount: 4\n".into()));
        let before = state.draft.clone();
        state.apply(Action::RemoveFile(1));
        assert_eq!(state.draft.files.len(), 1);
        assert_eq!(state.tab, Tab::File(0));
        assert_eq!(state.notice.as_ref().and_then(|n| n.offer), Some(Offer::Undo));
        state.apply(Action::Restore(0));
        assert_eq!(state.draft, before);
        state.apply(Action::RemoveFile(0));
        state.apply(Action::RemoveFile(0));
        assert_eq!(state.draft.files.len(), 1, "the last file stays");
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
    fn switching_charts_keeps_each_chart_s_work() {
        let charts = builtin();
        let mut state = state_for(&charts[0]);
        state.apply(Action::EditValues("applicationName: edited\n".into()));
        state.apply(Action::AddFile);
        state.apply(Action::SelectChart { name: charts[1].clone(), saved: None });
        assert_eq!(state.draft, Draft::example(&charts[1]));
        assert_eq!(state.tab, Tab::File(0));
        let revision = state.values_revision;
        state.apply(Action::SelectChart { name: charts[0].clone(), saved: None });
        assert_eq!(values(&state.draft), "applicationName: edited\n");
        assert_eq!(state.draft.files.len(), 2);
        assert!(state.values_revision > revision, "the editor is told to reload");
    }

    #[test]
    fn settings_re_render() {
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
            files: vec![ValuesFile::new("values.yaml", "x: 1"), ValuesFile::new("prod.yaml", "y: 2")],
            flags: "--set z=3\n".into(),
            release_name: "r".into(),
            namespace: "n".into(),
            kube_version: "1.30.0".into(),
        };
        assert_eq!(Draft::from_shared(&draft.to_shared("k8s-job"), "k8s-job"), draft);
    }
}
