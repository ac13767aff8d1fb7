//! Rendering a chart: user values in, manifests out.
//!
//! [`load_values`] reads values files and `--set` flags and merges them as Helm does; [`render`] coalesces them
//! over the chart defaults, builds the `{Values, Release, Chart, Capabilities}` context in one place, runs every
//! template and hands the text to [`crate::output`]. The engine itself never merges values. The checks around a
//! render, and the diagnostics, are [`crate::Session`]'s.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, Value as TValue};

use crate::capabilities::Capabilities;
use crate::chart::Chart;
use crate::coalesced::Coalesced;
use crate::engine;
use crate::engine::fragments::Fragments;
use crate::engine::tracked::{Reads, Table, TrackedValues};
use crate::error::{Error, ErrorKind, Result};
use crate::output::{self, DocumentCache, Rendered};
use crate::values::merge;
use crate::values::source::{SetFlag, Sources, ValuesFile};
use crate::values::Map;
use crate::yaml;

/// Helm's default release name (`helm template` without a name).
pub const DEFAULT_RELEASE_NAME: &str = "release-name";

/// Helm's default namespace.
pub const DEFAULT_NAMESPACE: &str = "default";

/// Release name, namespace and cluster facts for one render; `Default` is Helm's.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// `--release-name` (default `release-name`).
    pub release_name: String,
    /// `--namespace` (default `default`).
    pub namespace: String,
    /// `--kube-version`; `None` is Helm's default v1.36.0.
    pub kube_version: Option<String>,
    /// `--api-versions`: extra API versions the cluster serves.
    pub api_versions: Vec<String>,
    /// `--show-only templates/FILE`: only these templates' manifests.
    pub show_only: Vec<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            release_name: DEFAULT_RELEASE_NAME.into(),
            namespace: DEFAULT_NAMESPACE.into(),
            kube_version: None,
            api_versions: Vec::new(),
            show_only: Vec::new(),
        }
    }
}

impl RenderOptions {
    /// Options from settings as a form holds them: an empty (or blank) setting is Helm's default.
    pub fn from_settings(release_name: &str, namespace: &str, kube_version: &str) -> RenderOptions {
        let or = |text: &str, default: &str| {
            let text = text.trim();
            if text.is_empty() { default } else { text }.to_string()
        };
        let kube_version = kube_version.trim();
        RenderOptions {
            release_name: or(release_name, DEFAULT_RELEASE_NAME),
            namespace: or(namespace, DEFAULT_NAMESPACE),
            kube_version: (!kube_version.is_empty()).then(|| kube_version.to_string()),
            ..RenderOptions::default()
        }
    }
}

/// The user's values after reading and merging files and flags, with where they came from.
#[derive(Debug, Clone, Default)]
pub struct UserValues {
    /// Merged values (files in order, then the flags in Helm's order).
    pub values: Map,
    /// The files and flags, to tell where a value is set when a diagnostic or a trace needs it.
    pub sources: Sources,
}

/// Reads values files and applies flags the way Helm merges them: files in order (maps merge, everything else is
/// replaced), then each flag in Helm's order (see [`Sources::new`]). An error names the file and line, or the flag.
pub fn load_values(files: &[ValuesFile], flags: &[SetFlag]) -> Result<UserValues> {
    let mut values = Map::new();
    let mut notable = false;
    for file in files {
        let (value, file_notable) = yaml::read::read_unlocated(&file.text, &file.name)?;
        notable |= file_notable;
        if let crate::Value::Map(map) = value {
            merge::merge_files(&mut values, map);
        }
    }
    let mut sources = Sources::new(files.to_vec(), flags.to_vec());
    for flag in sources.flags() {
        flag.apply(&mut values).map_err(|error| error.with_location(flag.location.clone()))?;
    }
    if notable {
        sources.mark_notable();
    }
    Ok(UserValues { values, sources })
}

/// Renders `chart` with `user` values, like `helm template` (one-shot; see [`Renderer`] for repeated renders).
pub fn render(chart: &Chart, user: &UserValues, options: &RenderOptions) -> Result<Rendered> {
    // Every template runs on these values: nothing is reused, not even what the chart's defaults printed.
    Renderer::starting_from(chart.clone(), TemplateCache::default()).render(user, options)
}

/// A chart rendered again and again (the playground renders on every keystroke). It keeps what does not change
/// between renders: the compiled chart; the values coalesced, updated key by key; each template's output with the
/// `Values` keys it read, so a template whose inputs did not change is not run again; and the parsed form of every
/// document, so an unchanged document is not parsed again.
#[derive(Debug)]
pub struct Renderer {
    chart: Chart,
    /// The values of the last [`Renderer::coalesce`]; `None` before the first.
    values: Option<Coalesced>,
    /// The top-level keys whose user value changed since the last render.
    changed: BTreeSet<String>,
    templates: TemplateCache,
    documents: DocumentCache,
}

impl Renderer {
    /// A renderer for `chart`.
    pub fn new(chart: Chart) -> Renderer {
        // Until the user's values come, they are the chart's defaults: start from what those printed (the
        // chart's first renderer starts from nothing, see `Chart::default_outputs_for_new_renderer`).
        let templates = chart.default_outputs_for_new_renderer().cloned().unwrap_or_default();
        Renderer::starting_from(chart, templates)
    }

    fn starting_from(chart: Chart, templates: TemplateCache) -> Renderer {
        Renderer { chart, values: None, changed: BTreeSet::new(), templates, documents: DocumentCache::default() }
    }

    /// The chart it renders.
    pub fn chart(&self) -> &Chart {
        &self.chart
    }

    /// Renders like [`render`], reusing what the previous render computed and that did not change.
    pub fn render(&mut self, user: &UserValues, options: &RenderOptions) -> Result<Rendered> {
        self.coalesce(&user.values);
        self.render_coalesced(options)
    }

    /// Brings the values up to date with the user's (merged) `values` and returns them coalesced over the chart's
    /// defaults, as Helm checks and renders them.
    pub(crate) fn coalesce(&mut self, user: &Map) -> &Coalesced {
        let chart = &self.chart;
        let values = self.values.get_or_insert_with(|| chart.coalesced_defaults().clone());
        self.changed.extend(values.update(user, chart.default_values()));
        values
    }

    /// Renders the values of the last [`Renderer::coalesce`] (the chart's defaults before the first).
    pub(crate) fn render_coalesced(&mut self, options: &RenderOptions) -> Result<Rendered> {
        let changed = std::mem::take(&mut self.changed);
        let values = self.values.as_ref().unwrap_or_else(|| self.chart.coalesced_defaults());
        let outputs = run_templates(&self.chart, values.table(), &changed, options, &mut self.templates)?;
        output::assemble(outputs, &mut self.documents)
    }
}

/// Each template's last output, valid while the settings and the `Values` keys it read stay the same.
#[derive(Debug, Default, Clone)]
pub(crate) struct TemplateCache {
    settings: Option<(String, String, Option<String>, Vec<String>)>,
    /// `Release`, `Chart` and `Capabilities` for these settings.
    base_context: Arc<BaseContext>,
    outputs: Outputs,
    /// What `includeKept` kept (see [`crate::engine::fragments`]).
    fragments: Fragments,
}

#[derive(Debug, Clone)]
struct CachedOutput {
    reads: Reads,
    text: Arc<str>,
}

/// Template outputs by template name: the renderer's own over outputs it shares with other renderers (the chart's
/// over its defaults), so that a new renderer starts from those without copying them.
#[derive(Debug, Default, Clone)]
struct Outputs {
    /// Outputs of this renderer's runs; `None` hides a shared output that is no longer valid.
    own: HashMap<String, Option<CachedOutput>>,
    shared: Arc<HashMap<String, CachedOutput>>,
}

impl Outputs {
    fn get(&self, name: &str) -> Option<&CachedOutput> {
        match self.own.get(name) {
            Some(own) => own.as_ref(),
            None => self.shared.get(name),
        }
    }

    fn insert(&mut self, name: &str, output: CachedOutput) {
        self.own.insert(name.to_string(), Some(output));
    }

    fn remove(&mut self, name: &str) {
        self.own.insert(name.to_string(), None);
    }

    fn clear(&mut self) {
        *self = Outputs::default();
    }
}

impl TemplateCache {
    /// Forgets every output and fragment (the settings changed, or a run failed part way).
    fn forget_outputs(&mut self) {
        self.outputs.clear();
        self.fragments = Fragments::default();
    }

    /// The settings a cache is valid for.
    fn settings_of(options: &RenderOptions) -> (String, String, Option<String>, Vec<String>) {
        (
            options.release_name.clone(),
            options.namespace.clone(),
            options.kube_version.clone(),
            options.api_versions.clone(),
        )
    }

    /// What each template of `chart` prints over the chart's defaults with the default settings, for the templates
    /// that succeed there (the others fail for want of a required value, and run with the user's values). A new
    /// [`Renderer`] other than the chart's first starts from it: the first render runs again only the templates
    /// that read a key the user's values change, which for most values files leaves out every template that prints
    /// nothing.
    pub(crate) fn of_defaults(chart: &Chart) -> TemplateCache {
        let options = RenderOptions::default();
        let Ok(capabilities) = Capabilities::new(None, &[]) else { return TemplateCache::default() };
        let base_context = Arc::new(base_context(chart, &options, &capabilities));
        let values = chart.coalesced_defaults().table();
        let outputs = chart
            .templates()
            .iter()
            .filter_map(|name| Some((name.clone(), render_template(chart, name, values, &base_context).ok()?)))
            .collect();
        TemplateCache {
            settings: Some(TemplateCache::settings_of(&options)),
            base_context,
            outputs: Outputs { own: HashMap::new(), shared: Arc::new(outputs) },
            fragments: Fragments::default(),
        }
    }
}

/// Runs template `name` on `values` with the rest of the context `base`, recording the `Values` keys it reads.
fn render_template(chart: &Chart, name: &str, values: &Arc<Table>, base: &Arc<BaseContext>) -> Result<CachedOutput> {
    let tracked = Arc::new(TrackedValues::new(Arc::clone(values)));
    let values = TValue::from_dyn_object(Arc::clone(&tracked));
    let context = TValue::from_object(Context { values, base: Arc::clone(base) });
    let template = chart.environment().get_template(name).map_err(|err| engine::template_error(&err, Some(name)))?;
    let text: Arc<str> = template.render(context).map_err(|err| engine::template_error(&err, Some(name)))?.into();
    Ok(CachedOutput { reads: tracked.reads(), text })
}

/// Runs every template (or those of `--show-only`) on `values`, the top-level keys in `changed` being those whose
/// value changed since the last run, and returns `(template name, text)` pairs in name order.
fn run_templates(
    chart: &Chart,
    values: &Arc<Table>,
    changed: &BTreeSet<String>,
    options: &RenderOptions,
    cache: &mut TemplateCache,
) -> Result<Vec<(String, Arc<str>)>> {
    let mut run = || {
        if let Some(missing) = options.show_only.iter().find(|s| !chart.templates().iter().any(|t| shows(chart, t, s)))
        {
            return Err(Error::new(ErrorKind::Chart, format!("could not find template {missing} in chart")));
        }
        let settings = TemplateCache::settings_of(options);
        if cache.settings.as_ref() != Some(&settings) {
            let capabilities = Capabilities::new(options.kube_version.as_deref(), &options.api_versions)?;
            cache.forget_outputs();
            cache.base_context = Arc::new(base_context(chart, options, &capabilities));
            cache.settings = Some(settings);
        }
        cache.fragments.forget_changed(changed);
        let mut fragments = std::mem::take(&mut cache.fragments);
        let outputs = fragments.install(|| run_each(chart, values, changed, options, cache));
        cache.fragments = fragments;
        outputs
    };
    let outputs = run();
    if outputs.is_err() {
        // Templates after the failing one did not run: what they kept may predate these values.
        cache.forget_outputs();
    }
    outputs
}

/// The loop of [`run_templates`], with its fragments installed.
fn run_each(
    chart: &Chart,
    values: &Arc<Table>,
    changed: &BTreeSet<String>,
    options: &RenderOptions,
    cache: &mut TemplateCache,
) -> Result<Vec<(String, Arc<str>)>> {
    let mut outputs = Vec::with_capacity(chart.templates().len());
    // Helm executes templates in reverse name order, so when several fail, the error is the one of the last
    // template by name; do the same, then put the outputs back in name order.
    for name in chart.templates().iter().rev() {
        let valid = cache.outputs.get(name).filter(|cached| cached.reads.still_valid(changed));
        if !options.show_only.is_empty() && !options.show_only.iter().any(|s| shows(chart, name, s)) {
            // Not run: an output it kept would not see this render's changes.
            if valid.is_none() {
                cache.outputs.remove(name);
            }
            continue;
        }
        if let Some(cached) = valid {
            outputs.push((name.clone(), Arc::clone(&cached.text)));
            continue;
        }
        let output = render_template(chart, name, values, &cache.base_context)?;
        outputs.push((name.clone(), Arc::clone(&output.text)));
        cache.outputs.insert(name, output);
    }
    outputs.reverse();
    Ok(outputs)
}

/// One template's output in a traced render: its name, its text (marks taken out) and the marked spans of it.
pub(crate) type TracedOutput = (String, String, Vec<(std::ops::Range<usize>, crate::engine::trace::Id)>);

/// Renders every template (or those of `--show-only`) with traced values (see [`crate::engine::trace`]): the
/// outputs in name order, and what the trace logged. Nothing is reused or kept: tracing is asked for, not run on
/// every keystroke.
pub(crate) fn run_traced(
    chart: &Chart,
    user: &UserValues,
    options: &RenderOptions,
) -> Result<(Vec<TracedOutput>, crate::engine::trace::Log)> {
    use crate::engine::trace;
    let capabilities = Capabilities::new(options.kube_version.as_deref(), &options.api_versions)?;
    let values = merge::coalesce(&user.values, chart.default_values());
    let context =
        Context { values: trace::start(&values), base: Arc::new(base_context(chart, options, &capabilities)) };
    let context = TValue::from_object(context);
    // Whatever happens, tracing stops on this thread.
    struct Stop;
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = crate::engine::trace::finish();
        }
    }
    let stop = Stop;
    let env = chart.environment();
    let mut outputs = Vec::new();
    for name in chart.templates() {
        if !options.show_only.is_empty() && !options.show_only.iter().any(|s| shows(chart, name, s)) {
            continue;
        }
        let template = env.get_template(name).map_err(|err| engine::template_error(&err, Some(name)))?;
        let marked = template.render(&context).map_err(|err| engine::template_error(&err, Some(name)))?;
        let (clean, spans) = trace::strip(&marked);
        outputs.push((name.clone(), clean, spans));
    }
    std::mem::forget(stop);
    Ok((outputs, trace::finish()))
}

fn shows(chart: &Chart, template: &str, show_only: &str) -> bool {
    template == show_only || template.strip_prefix(chart.name()).and_then(|t| t.strip_prefix('/')) == Some(show_only)
}

/// `Release`, `Chart` and `Capabilities`: the context every template of a render shares.
type BaseContext = BTreeMap<&'static str, TValue>;

/// What one template sees: its own `Values` (with its record of reads) and the [`BaseContext`]. An object rather
/// than a map, so that starting a template copies nothing.
#[derive(Debug)]
struct Context {
    values: TValue,
    base: Arc<BaseContext>,
}

impl Object for Context {
    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        self.get_value_by_str(key.as_str()?)
    }

    /// Every name a template looks up that is not one of its own variables comes here (a function's name too):
    /// looked up as it is, with no key value made for it.
    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<TValue> {
        match key {
            "Values" => Some(self.values.clone()),
            key => self.base.get(key).cloned(),
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["Capabilities", "Chart", "Release", "Values"])
    }
}

/// The context every template sees, but `Values`, which each template gets with its own record of reads.
fn base_context(chart: &Chart, options: &RenderOptions, capabilities: &Capabilities) -> BaseContext {
    let release = BTreeMap::from([
        ("Name", TValue::from(options.release_name.as_str())),
        ("Namespace", TValue::from(options.namespace.as_str())),
        ("Service", TValue::from("Helm")),
        ("Revision", TValue::from(1)),
        ("IsInstall", TValue::from(true)),
        ("IsUpgrade", TValue::from(false)),
    ]);
    BTreeMap::from([
        ("Release", TValue::from(release)),
        ("Chart", chart.template_object()),
        ("Capabilities", capabilities.to_template()),
    ])
}
