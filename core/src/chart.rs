//! A chart: metadata, default values, README, schema and templates, ready to render.
//!
//! Charts are plain files. The built-in ones are embedded at compile time from `charts/` (see `build.rs`), so
//! the CLI, the library and the browser render from the same bytes; a chart folder on disk loads through
//! [`Chart::load`] the same way. Library charts (`type: library`, like `charts/common`) are not rendered
//! themselves; their templates are available to every chart under `<library>/templates/<file>`.

use minijinja::Environment;

use crate::engine;
use crate::error::{Error, ErrorKind, Location, Result};
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

/// A loaded chart with its templates compiled.
pub struct Chart {
    metadata: ChartMetadata,
    default_values: Map,
    values_text: String,
    readme: Option<String>,
    readme_html: Option<String>,
    schema: Option<String>,
    templates: Vec<String>,
    env: Environment<'static>,
}

impl std::fmt::Debug for Chart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chart").field("metadata", &self.metadata).field("templates", &self.templates).finish()
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
    /// Loads the built-in chart `name` (`k8s-service`, `k8s-daemon-set`, `k8s-job`).
    pub fn builtin(name: &str) -> Result<Chart> {
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
        let default_values = match yaml::read::read(&values_text, &format!("{}/values.yaml", metadata.name))?.value {
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
        Ok(Chart {
            metadata,
            default_values,
            values_text,
            readme: find("README.md"),
            readme_html: find("README.html"),
            schema: find("values.schema.json"),
            templates,
            env,
        })
    }

    /// The chart's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// What Chart.yaml says.
    pub fn metadata(&self) -> &ChartMetadata {
        &self.metadata
    }

    /// The chart's default values.
    pub fn default_values(&self) -> &Map {
        &self.default_values
    }

    /// The text of the chart's values.yaml, comments included.
    pub fn values_text(&self) -> &str {
        &self.values_text
    }

    /// The chart's README.md, if it has one. Built-in charts carry theirs as HTML instead ([`Chart::readme_html`]).
    pub fn readme(&self) -> Option<&str> {
        self.readme.as_deref()
    }

    /// The chart's README as sanitised HTML (its `README.html`): built-in charts have it, made from their README.md
    /// at build time without the generated values table (see `core/build/readme.rs`).
    pub fn readme_html(&self) -> Option<&str> {
        self.readme_html.as_deref()
    }

    /// The chart's values.schema.json, if it has one.
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }

    /// Names of the templates that render manifests (`<chart>/templates/<file>`), sorted.
    pub fn templates(&self) -> &[String] {
        &self.templates
    }

    /// The compiled templates.
    pub(crate) fn environment(&self) -> &Environment<'static> {
        &self.env
    }
}

fn parse_metadata(text: &str) -> Result<ChartMetadata> {
    let document = yaml::read::read(text, "Chart.yaml")?;
    let Value::Map(raw) = document.value else { return Err(Error::new(ErrorKind::Chart, "Chart.yaml is empty")) };
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
