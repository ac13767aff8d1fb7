//! Rendering a chart: user values in, manifests out.
//!
//! [`load_values`] reads values files and `--set` flags and merges them as Helm does; [`render`] coalesces them
//! over the chart defaults, builds the `{Values, Release, Chart, Capabilities}` context in one place, runs every
//! template and hands the text to [`crate::output`]. The engine itself never merges values.

use std::collections::BTreeMap;

use minijinja::value::Value as TValue;

use crate::capabilities::Capabilities;
use crate::chart::Chart;
use crate::engine::{self, convert};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::output::{self, Rendered};
use crate::strvals;
use crate::values::merge;
use crate::values::path::SpanIndex;
use crate::values::Map;
use crate::yaml;

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
            release_name: "release-name".into(),
            namespace: "default".into(),
            kube_version: None,
            api_versions: Vec::new(),
            show_only: Vec::new(),
        }
    }
}

/// A values file given by the user: its name (for errors) and text.
#[derive(Debug, Clone)]
pub struct ValuesFile {
    /// Name shown in errors (`values.yaml`, `<stdin>`).
    pub name: String,
    /// The YAML text.
    pub text: String,
}

/// The user's values after reading and merging files and flags, with where each value was written.
#[derive(Debug, Clone, Default)]
pub struct UserValues {
    /// Merged values (files in order, then `--set`, then `--set-string`).
    pub values: Map,
    /// One span index per values file, later files first (where a value was last written).
    pub spans: Vec<SpanIndex>,
}

impl UserValues {
    /// Where the value at `path` (as `a.b[0].c`, or its nearest written parent) is written, if in a file.
    pub fn locate(&self, path: &crate::values::path::ValuePath) -> Option<&Location> {
        // A value written in a later file wins, so ask the later files first; within a file take the deepest match.
        self.spans.iter().filter_map(|spans| spans.locate(path)).next()
    }
}

/// Reads values files and `--set` / `--set-string` flags the way Helm merges them.
pub fn load_values(files: &[ValuesFile], set: &[String], set_string: &[String]) -> Result<UserValues> {
    let mut user = UserValues::default();
    for file in files {
        let document = yaml::read::read(&file.text, &file.name)?;
        if let crate::Value::Map(map) = document.value {
            merge::merge_files(&mut user.values, map);
        }
        user.spans.insert(0, document.spans);
    }
    // Flag errors quote the flag and its expression; there is no file to point into.
    for expr in set {
        strvals::apply(expr, &mut user.values, false)?;
    }
    for expr in set_string {
        strvals::apply(expr, &mut user.values, true)?;
    }
    Ok(user)
}

/// Renders `chart` with `user` values, like `helm template`.
pub fn render(chart: &Chart, user: &UserValues, options: &RenderOptions) -> Result<Rendered> {
    let capabilities = Capabilities::new(options.kube_version.as_deref(), &options.api_versions)?;
    let values = merge::coalesce(user.values.clone(), chart.default_values());
    let context = context(chart, &values, options, &capabilities);
    let env = chart.environment();
    let mut outputs = Vec::with_capacity(chart.templates().len());
    for name in chart.templates() {
        if !options.show_only.is_empty() && !options.show_only.iter().any(|s| shows(chart, name, s)) {
            continue;
        }
        let template = env.get_template(name).map_err(|err| engine::template_error(&err, Some(name)))?;
        let text = template
            .render(&context)
            .map_err(|err| locate_value_error(engine::template_error(&err, Some(name)), &err, user))?;
        outputs.push((name.clone(), text));
    }
    if let Some(missing) = options.show_only.iter().find(|s| !chart.templates().iter().any(|t| shows(chart, t, s))) {
        return Err(Error::new(ErrorKind::Chart, format!("could not find template {missing} in chart")));
    }
    output::assemble(outputs)
}

fn shows(chart: &Chart, template: &str, show_only: &str) -> bool {
    template == show_only || template.strip_prefix(chart.name()).and_then(|t| t.strip_prefix('/')) == Some(show_only)
}

/// When a template error is about a value (a function attached its path), point at where the user wrote it.
fn locate_value_error(error: Error, source: &minijinja::Error, user: &UserValues) -> Error {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(source);
    while let Some(err) = cause {
        if let Some(ours) = err.downcast_ref::<Error>() {
            if let Some(path) = ours.value_path() {
                let mut located = error.clone().with_value_path(path);
                if let Some(location) =
                    crate::values::path::ValuePath::parse(path).and_then(|p| user.locate(&p).cloned())
                {
                    located = located.with_source(
                        Error::new(ErrorKind::Values, format!("{path} is set here")).with_location(location),
                    );
                }
                return located;
            }
        }
        cause = err.source();
    }
    error
}

fn context(chart: &Chart, values: &Map, options: &RenderOptions, capabilities: &Capabilities) -> TValue {
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
    TValue::from(BTreeMap::from([
        ("Values", convert::to_template_map(values)),
        ("Release", TValue::from(release)),
        ("Chart", TValue::from(chart_object)),
        ("Capabilities", capabilities.to_template()),
    ]))
}

fn upper_first(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
