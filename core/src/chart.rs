//! A chart: metadata, default values, README, schema and templates, ready to render.
//!
//! Charts are plain files. The built-in ones are embedded at compile time from `charts/` (see `build.rs`), so
//! the CLI, the library and the browser render from the same bytes; a chart folder on disk loads through
//! [`Chart::load`] the same way. Library charts (`type: library`, like `charts/common`) are not rendered
//! themselves; their templates are available to every chart under `<library>/templates/<file>`.
//!
//! Loading compiles the templates, which costs more than a render. A [`Chart`] is therefore a shared handle:
//! clones share the compiled chart and what is derived from it on first use (the compiled values schema, the
//! defaults coalesced and in template form, what the values policy finds in them, `Chart` as templates see it),
//! and
//! [`Chart::builtin`] loads each built-in chart once per process.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use minijinja::value::Value as TValue;
use minijinja::Environment;

use crate::coalesced::Coalesced;
use crate::engine::{self, convert};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::policy::Findings;
use crate::schema::Schema;
use crate::values::{Map, Value};
use crate::yaml;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_charts.rs"));
}

/// The build script's README conversion, compiled here too so that its unit tests run with the crate's.
#[cfg(test)]
#[path = "../build/readme.rs"]
mod readme_html;

/// One file of a chart: its path inside the chart folder (`templates/service.yaml`) and its text.
#[derive(Debug, Clone)]
pub struct ChartFile {
    /// Path inside the chart, with `/` separators.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// What `Chart.yaml` says.
#[derive(Debug, Clone, Default)]
pub struct ChartMetadata {
    /// `name`.
    pub name: String,
    /// `version`.
    pub version: String,
    /// `appVersion`, if any.
    pub app_version: Option<String>,
    /// `description`, if any.
    pub description: Option<String>,
    /// `apiVersion` (v2).
    pub api_version: String,
    /// `type`: `application` or `library`.
    pub chart_type: String,
    /// The whole of Chart.yaml, for templates (`Chart.Keywords`, …).
    pub raw: Map,
}

/// A loaded chart with its templates compiled; clones share it (see the module docs).
#[derive(Clone)]
pub struct Chart {
    loaded: Arc<Loaded>,
}

struct Loaded {
    metadata: ChartMetadata,
    default_values: Map,
    values_text: String,
    readme: Option<String>,
    readme_html: Option<String>,
    schema: Option<String>,
    templates: Vec<String>,
    env: Environment<'static>,
    /// `schema` compiled, on first use.
    compiled_schema: OnceLock<Result<Option<Arc<Schema>>>>,
    /// `default_values` coalesced over no user values, on first use.
    coalesced_defaults: OnceLock<Coalesced>,
    /// What templates see as `Chart`, on first use.
    template_object: OnceLock<TValue>,
    /// What each template prints over `coalesced_defaults`, made when a second renderer of the chart is.
    default_outputs: OnceLock<crate::render::TemplateCache>,
    /// Whether a renderer of the chart was made.
    rendered_before: AtomicBool,
    /// What the values policy finds in `coalesced_defaults`, by top-level key, on first use.
    default_findings: OnceLock<Option<BTreeMap<String, Findings>>>,
}

impl std::fmt::Debug for Chart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let loaded = &self.loaded;
        f.debug_struct("Chart").field("metadata", &loaded.metadata).field("templates", &loaded.templates).finish()
    }
}

/// Names of the built-in charts that can be rendered (library charts left out), sorted.
pub fn builtin_names() -> Vec<&'static str> {
    embedded::CHARTS
        .iter()
        .filter(|(_, files)| {
            files.iter().any(|(path, text)| *path == "Chart.yaml" && !text.lines().any(|l| l.trim() == "type: library"))
        })
        .map(|(name, _)| *name)
        .collect()
}

fn library_templates() -> Vec<(String, String)> {
    embedded::CHARTS
        .iter()
        .filter(|(_, files)| {
            files.iter().any(|(p, t)| *p == "Chart.yaml" && t.lines().any(|l| l.trim() == "type: library"))
        })
        .flat_map(|(name, files)| {
            files
                .iter()
                .filter(|(path, _)| path.starts_with("templates/"))
                .map(move |(path, text)| (format!("{name}/{path}"), text.to_string()))
        })
        .collect()
}

impl Chart {
    /// The built-in chart `name` (`k8s-service`, `k8s-daemon-set`, `k8s-job`), loaded on the first call in the
    /// process and shared by every later one.
    pub fn builtin(name: &str) -> Result<Chart> {
        static LOADED: Mutex<Vec<Chart>> = Mutex::new(Vec::new());
        // A panic while loading cannot leave a half-made chart in the list: charts are pushed whole.
        let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(chart) = loaded.iter().find(|chart| chart.name() == name) {
            return Ok(chart.clone());
        }
        let chart = Chart::load_builtin(name)?;
        loaded.push(chart.clone());
        Ok(chart)
    }

    fn load_builtin(name: &str) -> Result<Chart> {
        let files = embedded::CHARTS
            .iter()
            .find(|(chart, _)| *chart == name)
            .filter(|_| builtin_names().contains(&name))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownChart,
                    format!("unknown chart {name:?}: the built-in charts are {}", builtin_names().join(", ")),
                )
            })?;
        Chart::load(
            files
                .1
                .iter()
                .map(|(path, contents)| ChartFile { path: path.to_string(), contents: contents.to_string() })
                .collect(),
        )
    }

    /// Loads a chart from its files (paths relative to the chart folder).
    pub fn load(files: Vec<ChartFile>) -> Result<Chart> {
        let find = |path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.clone());
        let chart_yaml =
            find("Chart.yaml").ok_or_else(|| Error::new(ErrorKind::Chart, "the chart has no Chart.yaml"))?;
        let metadata = parse_metadata(&chart_yaml)?;
        let values_text = find("values.yaml").unwrap_or_default();
        // Positions in the chart's own files are never reported: read them like a keystroke's values.
        let default_values =
            match yaml::read::read_unlocated(&values_text, &format!("{}/values.yaml", metadata.name))?.0 {
                Value::Map(map) => map,
                _ => Map::new(),
            };
        let mut templates = Vec::new();
        let mut sources = library_templates();
        for file in &files {
            let Some(file_name) = file.path.strip_prefix("templates/") else { continue };
            let name = format!("{}/{}", metadata.name, file.path);
            // Partials (`_helpers.tpl`) and NOTES.txt are not rendered on their own, as in Helm.
            let base = file_name.rsplit('/').next().unwrap_or(file_name);
            if !base.starts_with('_') && base != "NOTES.txt" {
                templates.push(name.clone());
            }
            sources.push((name, file.contents.clone()));
        }
        templates.sort();
        let env = engine::environment(sources)?;
        let loaded = Loaded {
            metadata,
            default_values,
            values_text,
            readme: find("README.md"),
            readme_html: find("README.html"),
            schema: find("values.schema.json"),
            templates,
            env,
            compiled_schema: OnceLock::new(),
            coalesced_defaults: OnceLock::new(),
            template_object: OnceLock::new(),
            default_outputs: OnceLock::new(),
            rendered_before: AtomicBool::new(false),
            default_findings: OnceLock::new(),
        };
        Ok(Chart { loaded: Arc::new(loaded) })
    }

    /// The chart's name.
    pub fn name(&self) -> &str {
        &self.loaded.metadata.name
    }

    /// What Chart.yaml says.
    pub fn metadata(&self) -> &ChartMetadata {
        &self.loaded.metadata
    }

    /// The chart's default values.
    pub fn default_values(&self) -> &Map {
        &self.loaded.default_values
    }

    /// The default values coalesced over no user values (on the first call for this chart): where each render's
    /// values start from.
    pub(crate) fn coalesced_defaults(&self) -> &Coalesced {
        self.loaded.coalesced_defaults.get_or_init(|| Coalesced::of_defaults(self.default_values()))
    }

    /// What each template prints over the chart's defaults with the default settings: where a new
    /// [`crate::Renderer`]'s cache of template outputs starts from, except the chart's first. That one would be
    /// the only user of the outputs (a CLI run, a page's first render), so it renders the user's values directly;
    /// the outputs are made when a second renderer is, and shared by every later one.
    pub(crate) fn default_outputs_for_new_renderer(&self) -> Option<&crate::render::TemplateCache> {
        if !self.loaded.rendered_before.swap(true, Ordering::Relaxed) {
            return None;
        }
        Some(self.loaded.default_outputs.get_or_init(|| crate::render::TemplateCache::of_defaults(self)))
    }

    /// What the values policy finds in the chart's defaults, by top-level key (on the first call for this chart): a
    /// run takes the findings of the keys the user leaves at their default from here. `None` without a values
    /// schema, or with one whose checks do not split by key.
    pub(crate) fn default_findings(&self) -> Option<&BTreeMap<String, Findings>> {
        let find = || {
            let schema = self.compiled_schema().ok().flatten()?;
            let root = schema.root_checks()?;
            Some(
                self.coalesced_defaults()
                    .entries()
                    .map(|(key, value, _)| (key.to_string(), Findings::of_entry(&schema, root, key, value)))
                    .collect(),
            )
        };
        self.loaded.default_findings.get_or_init(find).as_ref()
    }

    /// The chart as templates see it, `Chart` (on the first call for this chart): every key of Chart.yaml with its
    /// first letter upper-cased, as the fields of Helm's `Chart` struct are named (`Chart.AppVersion`).
    pub(crate) fn template_object(&self) -> TValue {
        let build = || {
            let metadata = self.metadata();
            let mut object: BTreeMap<String, TValue> =
                metadata.raw.iter().map(|(k, v)| (upper_first(k), convert::to_template(v))).collect();
            object.insert("Name".into(), TValue::from(metadata.name.as_str()));
            object.insert("Version".into(), TValue::from(metadata.version.as_str()));
            TValue::from(object)
        };
        self.loaded.template_object.get_or_init(build).clone()
    }

    /// The text of the chart's values.yaml, comments included.
    pub fn values_text(&self) -> &str {
        &self.loaded.values_text
    }

    /// The chart's README.md, if it has one. Built-in charts carry theirs as HTML instead ([`Chart::readme_html`]).
    pub fn readme(&self) -> Option<&str> {
        self.loaded.readme.as_deref()
    }

    /// The chart's README as sanitised HTML (its `README.html`): built-in charts have it, made from their README.md
    /// at build time without the generated values table (see `core/build/readme.rs`).
    pub fn readme_html(&self) -> Option<&str> {
        self.loaded.readme_html.as_deref()
    }

    /// The chart's values.schema.json, if it has one.
    pub fn schema(&self) -> Option<&str> {
        self.loaded.schema.as_deref()
    }

    /// The chart's values schema compiled (on the first call for this chart), `None` without one; an error says
    /// why it does not compile.
    pub fn compiled_schema(&self) -> Result<Option<Arc<Schema>>> {
        let compile = || self.schema().map(|text| Schema::from_json(text).map(Arc::new)).transpose();
        self.loaded.compiled_schema.get_or_init(compile).clone()
    }

    /// Names of the templates that render manifests (`<chart>/templates/<file>`), sorted.
    pub fn templates(&self) -> &[String] {
        &self.loaded.templates
    }

    /// The compiled templates.
    pub(crate) fn environment(&self) -> &Environment<'static> {
        &self.loaded.env
    }
}

fn parse_metadata(text: &str) -> Result<ChartMetadata> {
    let (value, _) = yaml::read::read_unlocated(text, "Chart.yaml")?;
    let Value::Map(raw) = value else { return Err(Error::new(ErrorKind::Chart, "Chart.yaml is empty")) };
    let field = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_string);
    let name = field("name").ok_or_else(|| {
        Error::new(ErrorKind::Chart, "Chart.yaml has no name").with_location(Location {
            file: "Chart.yaml".into(),
            line: 1,
            column: 1,
            range: None,
        })
    })?;
    let version = field("version").ok_or_else(|| Error::new(ErrorKind::Chart, "Chart.yaml has no version"))?;
    Ok(ChartMetadata {
        name,
        version,
        app_version: field("appVersion"),
        description: field("description"),
        api_version: field("apiVersion").unwrap_or_else(|| "v2".into()),
        chart_type: field("type").unwrap_or_else(|| "application".into()),
        raw,
    })
}

fn upper_first(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
