//! What a user edits for one chart, and the history that keeps every draft something replaced.
//!
//! A [`Draft`] is layered as a deployment's values are: values files in merge order (`-f a -f b`), then the flags
//! panel, one `--set`-style flag per line, then the release settings. Before anything replaces a draft (a shared
//! link, Example, the chart's defaults, a restore, removing a file) the draft goes into the chart's [`History`]
//! with its time and whose it was, so no draft is ever lost: "Restore my draft" brings back the newest one the user
//! wrote, and the history lists them all.

use std::rc::Rc;

use chartplay_core::share::{SharedState, VALUES_FILE};
use chartplay_core::ValuesFile;

use crate::examples;

/// The flags panel's name: its tab's label, and the file its diagnostics are located in (`--set:2:7`).
pub const FLAGS_TAB: &str = "--set";

/// How many drafts a chart's history keeps.
pub const HISTORY_LENGTH: usize = 20;

/// What a user edits for one chart: values files, flags and settings. Empty settings mean Helm's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The values files in merge order, each text exactly as typed; never empty.
    pub files: Vec<ValuesFile>,
    /// The flags panel: one `--set`, `--set-string`, `--set-json` or `--set-literal` flag per line.
    pub flags: String,
    /// Release name; empty for `release-name`.
    pub release_name: String,
    /// Namespace; empty for `default`.
    pub namespace: String,
    /// Kube version; empty for Helm's default.
    pub kube_version: String,
}

impl Default for Draft {
    /// One empty `values.yaml`.
    fn default() -> Draft {
        Draft::with_values("")
    }
}

/// One of the editor's tabs: a values file (by index) or the flags panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// The values file at this index of [`Draft::files`].
    File(usize),
    /// The flags panel.
    Flags,
}

impl Default for Tab {
    fn default() -> Tab {
        Tab::File(0)
    }
}

impl Draft {
    /// One values file, `values.yaml`, with `values`.
    pub fn with_values(values: impl Into<String>) -> Draft {
        Draft {
            files: vec![ValuesFile::new(VALUES_FILE, values)],
            flags: String::new(),
            release_name: String::new(),
            namespace: String::new(),
            kube_version: String::new(),
        }
    }

    /// The chart's example values with default settings.
    pub fn example(chart: &str) -> Draft {
        Draft::with_values(examples::values_for(chart))
    }

    /// The draft carried by a share link for `chart`: a link with neither values nor flags gets the example, and a
    /// link with flags only gets an empty `values.yaml` to type in.
    pub fn from_shared(shared: &SharedState, chart: &str) -> Draft {
        let mut files = shared.files.clone();
        if files.is_empty() {
            let text = if shared.flags.is_empty() { examples::values_for(chart) } else { "" };
            files.push(ValuesFile::new(VALUES_FILE, text));
        }
        Draft {
            files,
            flags: shared.flags.clone(),
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
            files: self.files.clone(),
            flags: self.flags.clone(),
        }
    }

    /// The text a tab shows (empty for a file that is not there).
    pub fn text(&self, tab: Tab) -> &str {
        match tab {
            Tab::File(index) => self.files.get(index).map_or("", |file| file.text.as_str()),
            Tab::Flags => &self.flags,
        }
    }

    /// The text a tab shows, to change it.
    pub fn text_mut(&mut self, tab: Tab) -> Option<&mut String> {
        match tab {
            Tab::File(index) => self.files.get_mut(index).map(|file| &mut file.text),
            Tab::Flags => Some(&mut self.flags),
        }
    }

    /// A tab's name: the file's, or [`FLAGS_TAB`].
    pub fn name(&self, tab: Tab) -> &str {
        match tab {
            Tab::File(index) => self.files.get(index).map_or("", |file| file.name.as_str()),
            Tab::Flags => FLAGS_TAB,
        }
    }

    /// The tab named `name` (a diagnostic's file).
    pub fn tab_named(&self, name: &str) -> Option<Tab> {
        if name == FLAGS_TAB {
            return Some(Tab::Flags);
        }
        self.files.iter().position(|file| file.name == name).map(Tab::File)
    }

    /// Why `name` cannot name the file at `index` (or a new file, for `None`); see [`name_problem`].
    pub fn name_problem(&self, index: Option<usize>, name: &str) -> Option<String> {
        let names: Vec<&str> = self.files.iter().map(|file| file.name.as_str()).collect();
        name_problem(&names, index, name)
    }

    /// A name for a new file that no file has: `values-2.yaml`, `values-3.yaml`, …
    pub fn new_file_name(&self) -> String {
        (2..)
            .map(|n| format!("values-{n}.yaml"))
            .find(|name| self.name_problem(None, name).is_none())
            .unwrap_or_default()
    }

    /// How the draft reads in one line, for the history: its files and flags, and how long it is.
    pub fn summary(&self) -> String {
        let names: Vec<&str> = self.files.iter().map(|file| file.name.as_str()).collect();
        let lines: usize = self.files.iter().map(|file| file.text.lines().count()).sum();
        let flags = self.flags.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).count();
        let mut summary = format!("{} · {lines} line{}", names.join(", "), if lines == 1 { "" } else { "s" });
        if flags > 0 {
            summary.push_str(&format!(" · {flags} flag{}", if flags == 1 { "" } else { "s" }));
        }
        summary
    }
}

/// Why `name` cannot name the file at `index` of `names` (or a new file, for `None`): it must be a file name that
/// no other file has, so a command line and a download can use it as it is.
pub fn name_problem(names: &[&str], index: Option<usize>, name: &str) -> Option<String> {
    let taken = names.iter().enumerate().any(|(i, other)| Some(i) != index && *other == name);
    if name.is_empty() {
        Some("a file needs a name".into())
    } else if name.starts_with('-') {
        Some("a file name cannot start with - (it would read as a flag)".into())
    } else if name.contains(['/', '\\']) || name.chars().any(char::is_control) || name == "." || name == ".." {
        Some("a file name cannot contain / or \\".into())
    } else if taken {
        Some(format!("another file is named {name}"))
    } else {
        None
    }
}

/// Whose a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Owner {
    /// The user's own: typed here, restored, or started from Example or the defaults.
    #[default]
    Own,
    /// A shared link's, as opened or edited since.
    Link,
}

/// What replaced a kept draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replaced {
    /// A shared link was opened.
    Link,
    /// The Example button.
    Example,
    /// "Use these values" in Default values.
    Defaults,
    /// A draft from the history was restored.
    Restore,
    /// A values file was removed (its name).
    RemovedFile(String),
}

impl Replaced {
    /// In words, after "replaced by" / "before".
    pub fn describe(&self) -> String {
        match self {
            Replaced::Link => "a shared link opened".into(),
            Replaced::Example => "Example".into(),
            Replaced::Defaults => "the chart's defaults".into(),
            Replaced::Restore => "a restore".into(),
            Replaced::RemovedFile(name) => format!("removing {name}"),
        }
    }
}

/// A draft something replaced, kept in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// When it was replaced, in milliseconds since the Unix epoch.
    pub time: u64,
    /// Whose it was.
    pub owner: Owner,
    /// What replaced it.
    pub replaced: Replaced,
    /// The draft.
    pub draft: Draft,
}

/// A chart's kept drafts, newest first, at most [`HISTORY_LENGTH`].
pub type History = Rc<Vec<Kept>>;

/// Keeps a draft in `history` before `next` replaces it, unless nothing would be lost: it is the draft coming in,
/// the newest one kept already, or the chart's untouched example. Says whether it kept it.
pub fn keep(history: &mut History, chart: &str, kept: Kept, next: &Draft) -> bool {
    let nothing_lost = kept.draft == *next
        || history.first().is_some_and(|newest| newest.draft == kept.draft)
        || kept.draft == Draft::example(chart);
    if !nothing_lost {
        let history = Rc::make_mut(history);
        history.insert(0, kept);
        history.truncate(HISTORY_LENGTH);
    }
    !nothing_lost
}

/// The newest draft of the user's own in `history`, by index.
pub fn newest_own(history: &[Kept]) -> Option<usize> {
    history.iter().position(|kept| kept.owner == Owner::Own)
}

/// Milliseconds since the Unix epoch.
pub fn now() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(values: &str, owner: Owner) -> Kept {
        Kept { time: 1, owner, replaced: Replaced::Link, draft: Draft::with_values(values) }
    }

    #[test]
    fn keeping_skips_what_would_not_be_lost_and_stays_short() {
        let mut history = History::default();
        let next = Draft::with_values("next: 1\n");
        keep(&mut history, "k8s-service", kept("next: 1\n", Owner::Own), &next);
        keep(&mut history, "k8s-service", Kept { draft: Draft::example("k8s-service"), ..kept("", Owner::Own) }, &next);
        assert!(history.is_empty(), "the incoming draft and the untouched example are not kept");
        keep(&mut history, "k8s-service", kept("a: 1\n", Owner::Own), &next);
        keep(&mut history, "k8s-service", kept("a: 1\n", Owner::Own), &next);
        assert_eq!(history.len(), 1, "the newest kept draft is not kept twice");
        for n in 0..30 {
            keep(&mut history, "k8s-service", kept(&format!("n: {n}\n"), Owner::Link), &next);
        }
        assert_eq!(history.len(), HISTORY_LENGTH);
        assert_eq!(history[0].draft.files[0].text, "n: 29\n");
        assert_eq!(newest_own(&history), None, "the oldest went first");
    }

    #[test]
    fn file_names_are_usable_on_a_command_line() {
        let mut draft = Draft::with_values("a: 1\n");
        draft.files.push(ValuesFile::new("values-2.yaml", ""));
        assert_eq!(draft.new_file_name(), "values-3.yaml");
        assert_eq!(draft.name_problem(Some(1), "values.yaml").as_deref(), Some("another file is named values.yaml"));
        assert_eq!(draft.name_problem(Some(0), "values.yaml"), None, "a file keeps its own name");
        for bad in ["", "-f", "a/b.yaml", ".."] {
            assert!(draft.name_problem(None, bad).is_some(), "{bad:?}");
        }
        assert_eq!(draft.tab_named("values-2.yaml"), Some(Tab::File(1)));
        assert_eq!(draft.tab_named(FLAGS_TAB), Some(Tab::Flags));
        draft.flags = "--set a=1\n# note\n\n--set b=2\n".into();
        assert_eq!(draft.summary(), "values.yaml, values-2.yaml · 1 line · 2 flags");
    }

    #[test]
    fn a_link_without_values_gets_the_example_unless_it_has_flags() {
        let link = SharedState { chart: "k8s-job".into(), ..SharedState::default() };
        assert_eq!(Draft::from_shared(&link, "k8s-job"), Draft::example("k8s-job"));
        let flags = SharedState { flags: "--set a=1\n".into(), ..link };
        let draft = Draft::from_shared(&flags, "k8s-job");
        assert_eq!(draft.files, [ValuesFile::new(VALUES_FILE, "")]);
        assert_eq!(Draft::from_shared(&draft.to_shared("k8s-job"), "k8s-job"), draft);
    }
}
