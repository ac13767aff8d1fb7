//! The parity corpus on disk: `tests/parity/<corpus>/<chart>/<case>/` folders holding `values.yaml`, an optional
//! `case.yaml` and, for cases that render, Helm's answer in `expected.yaml`.
//!
//! `case.yaml` fields (all optional):
//! - `chart`: `k8s-service`, `k8s-daemon-set` or `k8s-job` (default: the nearest folder above the case named after a
//!   chart, else `k8s-service`);
//! - `release_name` (default `release-name`), `namespace` (default `default`), `kube_version` (default: Helm's);
//! - `set`, `set_string`: lists of `--set` / `--set-string` expressions applied after `values.yaml`;
//! - `expect_error`: the render must fail, as Helm's does; `true`, or a substring the error must contain;
//! - `policy_error`: Helm renders these values (as `expected.yaml`), but chartplay's values policy refuses them
//!   (see docs/values-policy.md): a substring of the error;
//! - `policy_warnings`: substrings of warnings the values policy must give (the output stays Helm's);
//! - `same_as`: another case (`cases/k8s-job/job-spec-all`, from `tests/parity`) whose values Helm renders the same
//!   way (`"4"` where that case has `4`): its `expected.yaml` is Helm's answer for this one too;
//! - `description`: free text. Other fields (`source`, `helm_error`, …) are notes for people and are ignored.
//!
//! It is read with the same YAML rules as the manifests ([`crate::yaml`]).

use std::path::{Path, PathBuf};

use crate::yaml::{read_stream, Node};

/// The charts a case can be for.
pub const CHARTS: [&str; 3] = ["k8s-service", "k8s-daemon-set", "k8s-job"];

/// One case: where it is and what its `case.yaml` says.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The case folder.
    pub dir: PathBuf,
    /// The built-in chart to render.
    pub chart: String,
    /// `--release-name`.
    pub release_name: String,
    /// `--namespace`.
    pub namespace: String,
    /// `--kube-version`, when the case sets one.
    pub kube_version: Option<String>,
    /// `--set` expressions, in order.
    pub set: Vec<String>,
    /// `--set-string` expressions, in order.
    pub set_string: Vec<String>,
    /// Whether the render must fail, and with what.
    pub expect_error: Option<ExpectedError>,
    /// What the values policy refuses these values with, although Helm renders them.
    pub policy_error: Option<String>,
    /// What the values policy warns about.
    pub policy_warnings: Vec<String>,
    /// The folder whose `expected.yaml` holds Helm's answer: this case's, or that of `same_as`.
    pub expected_dir: PathBuf,
    /// What the case is about.
    pub description: Option<String>,
}

/// What an error case expects.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectedError {
    /// Any error (`expect_error: true`).
    Any,
    /// An error whose text contains this.
    Containing(String),
}

/// Every case folder (a folder holding `values.yaml`) below `root`, sorted by path. An error when `root` cannot be
/// read.
pub fn discover(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
        if dir.join("values.yaml").is_file() {
            found.push(dir.clone());
        }
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                pending.push(entry.path());
            }
        }
    }
    found.sort();
    Ok(found)
}

impl Case {
    /// Reads the case in `dir` (its `case.yaml`, when there is one).
    pub fn load(dir: &Path) -> Result<Case, String> {
        let path = dir.join("case.yaml");
        let fields = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let stream = read_stream(&text).map_err(|error| format!("{}: {error}", path.display()))?;
                match stream.documents.into_iter().next() {
                    Some(Node::Map(fields)) => fields,
                    None | Some(Node::Null) => Default::default(),
                    Some(other) => {
                        return Err(format!("{}: expected a mapping, found a {}", path.display(), other.type_name()))
                    }
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Default::default(),
            Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
        };
        let text = |name: &str| -> Result<Option<String>, String> {
            match fields.get(name) {
                None | Some(Node::Null) => Ok(None),
                Some(Node::Str(text)) => Ok(Some(text.clone())),
                Some(Node::Bool(b)) => Ok(Some(b.to_string())),
                Some(Node::Int(int)) => Ok(Some(int.to_string())),
                Some(Node::Float(float)) => Ok(Some(chartplay_core::yaml::scalar::go_float(*float))),
                Some(other) => {
                    Err(format!("{}: {name} must be a scalar, found a {}", path.display(), other.type_name()))
                }
            }
        };
        let list = |name: &str| -> Result<Vec<String>, String> {
            match fields.get(name) {
                None | Some(Node::Null) => Ok(Vec::new()),
                Some(Node::Seq(items)) => items
                    .iter()
                    .map(|item| match item {
                        Node::Str(text) => Ok(text.clone()),
                        other => {
                            Err(format!("{}: {name} must list strings, found a {}", path.display(), other.type_name()))
                        }
                    })
                    .collect(),
                Some(other) => Err(format!("{}: {name} must be a list, found a {}", path.display(), other.type_name())),
            }
        };
        let chart = match text("chart")? {
            Some(chart) => chart,
            None => chart_from_path(dir).unwrap_or(CHARTS[0]).to_string(),
        };
        let expect_error = match fields.get("expect_error") {
            None | Some(Node::Null | Node::Bool(false)) => None,
            Some(Node::Str(text)) => Some(ExpectedError::Containing(text.clone())),
            Some(_) => Some(ExpectedError::Any),
        };
        Ok(Case {
            dir: dir.to_path_buf(),
            chart: if chart == "k8s-daemonset" { "k8s-daemon-set".to_string() } else { chart },
            release_name: text("release_name")?.unwrap_or_else(|| "release-name".to_string()),
            namespace: text("namespace")?.unwrap_or_else(|| "default".to_string()),
            kube_version: text("kube_version")?.filter(|version| !version.is_empty()),
            set: list("set")?,
            set_string: list("set_string")?,
            expect_error,
            policy_error: text("policy_error")?,
            policy_warnings: list("policy_warnings")?,
            expected_dir: match text("same_as")? {
                Some(other) => parity_root(dir)
                    .ok_or_else(|| format!("{}: same_as outside tests/parity", path.display()))?
                    .join(other),
                None => dir.to_path_buf(),
            },
            description: text("description")?,
        })
    }
}

/// The `parity` folder above `dir`.
fn parity_root(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|ancestor| ancestor.file_name().is_some_and(|name| name == "parity"))
}

/// The nearest folder at or above `dir` named after a chart.
fn chart_from_path(dir: &Path) -> Option<&'static str> {
    dir.ancestors().find_map(|ancestor| {
        let name = ancestor.file_name()?.to_str()?;
        let name = if name == "k8s-daemonset" { "k8s-daemon-set" } else { name };
        CHARTS.into_iter().find(|chart| *chart == name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::TempCase;

    #[test]
    fn defaults_without_case_yaml() {
        let temp = TempCase::new("k8s-job/bare", "a: 1\n", None, None);
        let case = temp.case().unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            (case.chart.as_str(), case.release_name.as_str(), case.namespace.as_str()),
            ("k8s-job", "release-name", "default")
        );
        assert_eq!((case.kube_version, case.expect_error), (None, None));
        assert_eq!(discover(&temp.root).map(|found| found.len()), Ok(1));
    }

    #[test]
    fn fields_of_case_yaml() {
        let text = "chart: k8s-daemonset\nrelease_name: web\nnamespace: apps\nkube_version: v1.19.0\n\
                    set: [a=1, b=2]\nset_string: [c=3]\nexpect_error: 'is required'\ndescription: d\nsource: x\n";
        let temp = TempCase::new("k8s-job/full", "a: 1\n", Some(text), None);
        let case = temp.case().unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(case.chart, "k8s-daemon-set");
        assert_eq!((case.release_name.as_str(), case.namespace.as_str()), ("web", "apps"));
        assert_eq!(case.kube_version.as_deref(), Some("v1.19.0"));
        assert_eq!((case.set, case.set_string), (vec!["a=1".to_string(), "b=2".to_string()], vec!["c=3".to_string()]));
        assert_eq!(case.expect_error, Some(ExpectedError::Containing("is required".into())));
        assert_eq!(case.description.as_deref(), Some("d"));
    }

    #[test]
    fn expect_error_true_false_and_wrong_types() {
        let temp = TempCase::new("k8s-job/flags", "", Some("expect_error: true\n"), None);
        assert_eq!(temp.case().map(|case| case.expect_error), Ok(Some(ExpectedError::Any)));
        let temp = TempCase::new("k8s-job/no", "", Some("expect_error: false\n"), None);
        assert_eq!(temp.case().map(|case| case.expect_error), Ok(None));
        let temp = TempCase::new("k8s-job/bad", "", Some("set: a=1\n"), None);
        assert!(temp.case().is_err());
    }
}
