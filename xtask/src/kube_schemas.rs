//! `cargo xtask kube-schemas [--from DIR]`: regenerates the trimmed Kubernetes schemas in `core/kube-schemas/`.
//!
//! The source is the PyPI package `kubernetes-validate` ([`PACKAGE`] at [`PACKAGE_VERSION`]), which ships the
//! Kubernetes OpenAPI definitions as JSON Schema, with a `-strict` variant per version that closes every object
//! (`additionalProperties: false`) so misspelled fields are caught. The package is fetched with
//! `pip download --no-deps` and unpacked with `python3 -m zipfile` into `target/kube-schemas/` (or read from
//! `--from DIR`, the folder holding `kubernetes_validate/`). Only this task touches the network; tests never do.
//!
//! For each version in [`KUBE_VERSIONS`] it keeps the definitions reachable from [`KINDS`] and trims them:
//! descriptions go (except each kind's own), as do `format` and every `x-kubernetes-*` annotation; a kind's
//! `status` accepts anything (charts never write it); `IntOrString` and `Quantity`, `oneOf`s whose branches both
//! accept null, become plain type lists; names lose their `io.k8s.api.` style prefixes. Each version becomes one
//! self-contained file, `core/kube-schemas/v1.NN.json`, so the playground fetches exactly one file when a version
//! is picked. Record any change of source or trimming in `core/kube-schemas/PROVENANCE.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Map, Value};

use crate::util::{project_root, run, Result};

/// The PyPI package the schemas come from.
pub const PACKAGE: &str = "kubernetes-validate";
/// Its pinned version.
pub const PACKAGE_VERSION: &str = "1.37.0";

/// Kubernetes versions offered (the package's `vX.Y.0-local-strict` folders).
const KUBE_VERSIONS: &[&str] =
    &["v1.28.0", "v1.29.0", "v1.30.0", "v1.31.0", "v1.32.0", "v1.33.0", "v1.34.0", "v1.35.0", "v1.36.0"];

/// `(apiVersion, kind)` of every built-in object the charts can produce. API versions a kube version no longer
/// serves (`policy/v1beta1`, `autoscaling/v2beta2`, `networking.k8s.io/v1beta1`, `extensions/v1beta1`, which the
/// k8s-service chart picks for clusters older than v1.23) are kept where the package has them.
const KINDS: &[(&str, &str)] = &[
    ("apps/v1", "Deployment"),
    ("apps/v1", "DaemonSet"),
    ("batch/v1", "Job"),
    ("batch/v1", "CronJob"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("v1", "ConfigMap"),
    ("v1", "Secret"),
    ("networking.k8s.io/v1", "Ingress"),
    ("networking.k8s.io/v1beta1", "Ingress"),
    ("extensions/v1beta1", "Ingress"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("autoscaling/v2beta2", "HorizontalPodAutoscaler"),
    ("policy/v1", "PodDisruptionBudget"),
    ("policy/v1beta1", "PodDisruptionBudget"),
];

/// Definitions replaced by a plain type list: their `oneOf` of two nullable types rejects `null` twice over.
const REPLACED: &[(&str, &[&str])] = &[
    ("io.k8s.apimachinery.pkg.util.intstr.IntOrString", &["integer", "string", "null"]),
    ("io.k8s.apimachinery.pkg.api.resource.Quantity", &["string", "number", "null"]),
];

/// Name prefixes dropped from definition names, longest first.
const PREFIXES: &[&str] = &["io.k8s.apimachinery.pkg.apis.", "io.k8s.apimachinery.pkg.", "io.k8s.api."];

/// Runs the task.
pub fn generate(args: &[String]) -> Result {
    let source = match args {
        [flag, dir] if flag == "--from" => PathBuf::from(dir),
        [] => download()?,
        _ => return Err("usage: cargo xtask kube-schemas [--from DIR]".into()),
    };
    let schemas = source.join("kubernetes_validate").join("kubernetes-json-schema");
    let out_dir = project_root().join("core").join("kube-schemas");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    for version in KUBE_VERSIONS {
        let folder = schemas.join(format!("{version}-local-strict"));
        let text = read(&folder.join("_definitions.json"))?;
        let document: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}/_definitions.json: {e}", folder.display()))?;
        let definitions = document
            .get("$defs")
            .and_then(Value::as_object)
            .ok_or_else(|| format!("{}/_definitions.json has no $defs", folder.display()))?;
        let trimmed = trim(version, definitions)?;
        let minor = version.rsplit_once('.').map_or(*version, |(minor, _)| minor);
        let path = out_dir.join(format!("{minor}.json"));
        std::fs::write(&path, &trimmed).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("{}: {} bytes", path.display(), trimmed.len());
    }
    Ok(())
}

/// Fetches and unpacks the package under `target/kube-schemas/`, unless already there.
fn download() -> Result<PathBuf> {
    let dir = project_root().join("target").join("kube-schemas");
    let unpacked = dir.join(format!("{PACKAGE}-{PACKAGE_VERSION}"));
    if unpacked.join("kubernetes_validate").is_dir() {
        return Ok(unpacked);
    }
    run(Command::new("pip")
        .args(["download", "--no-deps", "--quiet", "-d"])
        .arg(&dir)
        .arg(format!("{PACKAGE}=={PACKAGE_VERSION}")))?;
    let wheel = dir.join(format!("{}-{PACKAGE_VERSION}-py3-none-any.whl", PACKAGE.replace('-', "_")));
    run(Command::new("python3").args(["-m", "zipfile", "-e"]).arg(&wheel).arg(&unpacked))?;
    Ok(unpacked)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// One version's file: the kinds table, then one trimmed definition per line.
fn trim(version: &str, definitions: &Map<String, Value>) -> Result<String> {
    let mut kinds = Vec::new();
    let mut queue = Vec::new();
    for (api_version, kind) in KINDS {
        let (group, group_version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        let found = definitions.iter().find(|(_, definition)| {
            definition.get("x-kubernetes-group-version-kind").and_then(Value::as_array).is_some_and(|gvks| {
                gvks.iter().any(|gvk| {
                    gvk.get("group").and_then(Value::as_str) == Some(group)
                        && gvk.get("version").and_then(Value::as_str) == Some(group_version)
                        && gvk.get("kind").and_then(Value::as_str) == Some(kind)
                })
            })
        });
        if let Some((name, _)) = found {
            kinds.push(json!({"apiVersion": api_version, "kind": kind, "definition": short_name(name)}));
            queue.push(name.clone());
        }
    }
    let top_level: BTreeSet<String> = queue.iter().cloned().collect();
    let mut kept: BTreeMap<String, Value> = BTreeMap::new();
    while let Some(name) = queue.pop() {
        if kept.contains_key(short_name(&name)) {
            continue;
        }
        let definition = definitions.get(&name).ok_or_else(|| format!("{version}: unresolved definition {name}"))?;
        let trimmed = match REPLACED.iter().find(|(replaced, _)| *replaced == name) {
            Some((_, types)) => json!({ "type": types }),
            None => {
                let mut definition = definition.clone();
                if top_level.contains(&name) {
                    if let Some(status) = definition.pointer_mut("/properties/status") {
                        *status = json!({});
                    }
                }
                strip(&mut definition, top_level.contains(&name), &mut queue);
                definition
            }
        };
        kept.insert(short_name(&name).to_string(), trimmed);
    }
    let header = json!({
        "kubeVersion": version,
        "source": format!("{PACKAGE} {PACKAGE_VERSION}, kubernetes-json-schema/{version}-local-strict/_definitions.json"),
        "kinds": kinds,
    });
    let mut out = format!("{{\"x-chartplay\":{header},\n\"definitions\":{{\n");
    for (idx, (name, definition)) in kept.iter().enumerate() {
        let separator = if idx + 1 == kept.len() { "\n" } else { ",\n" };
        out.push_str(&format!("{}:{definition}{separator}", Value::from(name.as_str())));
    }
    out.push_str("}}\n");
    Ok(out)
}

/// Drops what validation does not need, rewrites `$ref`s to the short names, and queues what they point to.
fn strip(schema: &mut Value, keep_description: bool, queue: &mut Vec<String>) {
    match schema {
        Value::Object(object) => {
            object.retain(|key, _| {
                !(key == "format" || key.starts_with("x-kubernetes-") || (key == "description" && !keep_description))
            });
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                let name = reference.trim_start_matches("#/$defs/").to_string();
                *reference = format!("#/definitions/{}", short_name(&name));
                queue.push(name);
            }
            for (key, child) in object.iter_mut() {
                match key.as_str() {
                    // Property names are data, not keywords: descend into each property's schema.
                    "properties" => {
                        if let Value::Object(properties) = child {
                            properties.values_mut().for_each(|p| strip(p, false, queue));
                        }
                    }
                    "enum" | "required" | "default" => {}
                    _ => strip(child, false, queue),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| strip(item, false, queue)),
        _ => {}
    }
}

fn short_name(name: &str) -> &str {
    PREFIXES.iter().find_map(|prefix| name.strip_prefix(prefix)).unwrap_or(name)
}
