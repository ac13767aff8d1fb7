//! Rendering a chart: user values in, manifests out.
//!
//! [`load_values`] reads values files and `--set` flags and merges them as Helm does; [`render`] coalesces them
//! over the chart defaults, builds the `{Values, Release, Chart, Capabilities}` context in one place, runs every
//! template and hands the text to [`crate::output`]. The engine itself never merges values. The checks around a
//! render, and the diagnostics, are [`crate::Session`]'s.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use minijinja::value::Value as TValue;

use crate::capabilities::Capabilities;
use crate::chart::Chart;
use crate::engine::tracked::{Reads, Table, TrackedValues};
use crate::engine::{self, convert};
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
    let outputs = run_templates(chart, user, options, &mut TemplateCache::default())?;
    output::assemble(outputs, &mut DocumentCache::default())
}

/// A chart rendered again and again (the playground renders on every keystroke). It keeps what does not change
/// between renders: the compiled chart; each template's output with the `Values` keys it read, so a template whose
/// inputs did not change is not run again; and the parsed form of every document, so an unchanged document is not
/// parsed again.
#[derive(Debug)]
pub struct Renderer {
    chart: Chart,
    templates: TemplateCache,
    documents: DocumentCache,
}

impl Renderer {
    /// A renderer for `chart`.
    pub fn new(chart: Chart) -> Renderer {
        Renderer { chart, templates: TemplateCache::default(), documents: DocumentCache::default() }
    }

    /// The chart it renders.
    pub fn chart(&self) -> &Chart {
        &self.chart
    }

    /// Renders like [`render`], reusing what the previous render computed and that did not change.
    pub fn render(&mut self, user: &UserValues, options: &RenderOptions) -> Result<Rendered> {
        let outputs = run_templates(&self.chart, user, options, &mut self.templates)?;
        output::assemble(outputs, &mut self.documents)
    }
}

/// Each template's last output, valid while the settings and the `Values` keys it read stay the same; and the
/// values of the previous render, coalesced and in template form, updated key by key.
#[derive(Debug, Default)]
struct TemplateCache {
    settings: Option<(String, String, Option<String>, Vec<String>)>,
    /// `Release`, `Chart` and `Capabilities` for these settings.
    base_context: BTreeMap<&'static str, TValue>,
    outputs: HashMap<String, CachedOutput>,
    /// `None` until a render succeeds: then the user's top-level values of that render, to see which keys changed.
    user: Option<Map>,
    /// The coalesced values of the last render, in template form, by top-level key.
    template_values: Arc<Table>,
}

#[derive(Debug)]
struct CachedOutput {
    reads: Reads,
    text: Arc<str>,
}

impl CachedOutput {
    /// Whether the output is still what the template would print, given the top-level keys whose coalesced value
    /// changed since it was printed.
    fn still_valid(&self, changed: &BTreeSet<String>) -> bool {
        match self.reads.everything {
            true => changed.is_empty(),
            false => self.reads.keys.is_disjoint(changed),
        }
    }
}

impl TemplateCache {
    /// Brings the values up to date with `user` and returns the top-level keys whose coalesced value changed.
    fn update_values(&mut self, user: &Map, defaults: &Map) -> BTreeSet<String> {
        let changed: BTreeSet<String> = match &self.user {
            Some(previous) => {
                let keys: BTreeSet<&String> = user.keys().chain(previous.keys()).collect();
                keys.into_iter().filter(|key| user.get(*key) != previous.get(*key)).cloned().collect()
            }
            None => user.keys().chain(defaults.keys()).cloned().collect(),
        };
        let template_values = Arc::make_mut(&mut self.template_values);
        for key in &changed {
            template_values
                .set(key, merge::coalesce_key(user.get(key), defaults.get(key)).map(|v| convert::to_template(&v)));
        }
        changed
    }
}

/// Runs every template (or those of `--show-only`) and returns `(template name, text)` pairs in name order.
fn run_templates(
    chart: &Chart,
    user: &UserValues,
    options: &RenderOptions,
    cache: &mut TemplateCache,
) -> Result<Vec<(String, Arc<str>)>> {
    let outputs = run_templates_cached(chart, user, options, cache);
    match &outputs {
        Ok(_) => cache.user = Some(user.values.clone()),
        // Templates after the failing one did not run: start afresh next time.
        Err(_) => *cache = TemplateCache::default(),
    }
    outputs
}

fn run_templates_cached(
    chart: &Chart,
    user: &UserValues,
    options: &RenderOptions,
    cache: &mut TemplateCache,
) -> Result<Vec<(String, Arc<str>)>> {
    if let Some(missing) = options.show_only.iter().find(|s| !chart.templates().iter().any(|t| shows(chart, t, s))) {
        return Err(Error::new(ErrorKind::Chart, format!("could not find template {missing} in chart")));
    }
    let settings = (
        options.release_name.clone(),
        options.namespace.clone(),
        options.kube_version.clone(),
        options.api_versions.clone(),
    );
    if cache.settings.as_ref() != Some(&settings) {
        let capabilities = Capabilities::new(options.kube_version.as_deref(), &options.api_versions)?;
        cache.outputs.clear();
        cache.base_context = base_context(chart, options, &capabilities);
        cache.settings = Some(settings);
    }
    let changed = cache.update_values(&user.values, chart.default_values());
    let mut context = cache.base_context.clone();
    let env = chart.environment();
    let mut outputs = Vec::with_capacity(chart.templates().len());
    // Helm executes templates in reverse name order, so when several fail, the error is the one of the last
    // template by name; do the same, then put the outputs back in name order.
    for name in chart.templates().iter().rev() {
        let valid = cache.outputs.get(name).filter(|cached| cached.still_valid(&changed));
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
        let tracked = Arc::new(TrackedValues::new(Arc::clone(&cache.template_values)));
        context.insert("Values", TValue::from_dyn_object(Arc::clone(&tracked)));
        let template = env.get_template(name).map_err(|err| engine::template_error(&err, Some(name)))?;
        let text: Arc<str> = template.render(&context).map_err(|err| engine::template_error(&err, Some(name)))?.into();
        cache.outputs.insert(name.clone(), CachedOutput { reads: tracked.reads(), text: Arc::clone(&text) });
        outputs.push((name.clone(), text));
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
    let mut context = base_context(chart, options, &capabilities);
    let values = merge::coalesce(&user.values, chart.default_values());
    context.insert("Values", trace::start(&values));
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

/// The context every template sees, but `Values`, which each template gets with its own record of reads.
fn base_context(chart: &Chart, options: &RenderOptions, capabilities: &Capabilities) -> BTreeMap<&'static str, TValue> {
    let metadata = chart.metadata();
    let mut chart_object: BTreeMap<String, TValue> =
        metadata.raw.iter().map(|(k, v)| (upper_first(k), convert::to_template(v))).collect();
    chart_object.insert("Name".into(), TValue::from(metadata.name.as_str()));
    chart_object.insert("Version".into(), TValue::from(metadata.version.as_str()));
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
        ("Chart", TValue::from(chart_object)),
        ("Capabilities", capabilities.to_template()),
    ])
}

fn upper_first(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
