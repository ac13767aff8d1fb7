//! What the "cluster" reports to templates: the Kubernetes version and the API versions it serves.
//!
//! Defaults are Helm 4's (`helm template` without a cluster): kube version v1.36.0 and Helm's built-in list of API
//! versions. `--kube-version` changes only the version; `--api-versions` adds entries.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::value::Value as TValue;

use crate::error::{Error, ErrorKind, Result};

/// Helm's default kube version.
pub const DEFAULT_KUBE_VERSION: &str = "v1.36.0";

/// Helm's default API versions, in Helm's order.
pub const DEFAULT_API_VERSIONS: &[&str] = &[
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha2",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
];

/// A parsed Kubernetes version such as `v1.36.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubeVersion {
    /// The version as Helm shows it, with a leading `v` (`v1.36.0`).
    pub version: String,
    /// Major number as a string (`"1"`).
    pub major: String,
    /// Minor number as a string (`"36"`).
    pub minor: String,
}

impl KubeVersion {
    /// Parses `1.30`, `v1.30.2`, `1.30.0-gke.1` as Helm's `--kube-version` does.
    pub fn parse(text: &str) -> Result<KubeVersion> {
        let invalid = || {
            Error::new(ErrorKind::Setting, format!("invalid kube version {text:?}: expected a version like v1.30.0"))
        };
        let trimmed = text.trim().trim_start_matches('v');
        let core = trimmed.split(['-', '+']).next().unwrap_or_default();
        let parts: Vec<&str> = core.split('.').collect();
        if parts.is_empty()
            || parts.len() > 3
            || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(invalid());
        }
        let major = parts[0].trim_start_matches('0');
        let minor = parts.get(1).map(|m| m.trim_start_matches('0')).unwrap_or("0");
        let major = if major.is_empty() { "0" } else { major };
        let minor = if minor.is_empty() { "0" } else { minor };
        let patch = parts.get(2).copied().unwrap_or("0");
        let suffix = &trimmed[core.len()..];
        Ok(KubeVersion {
            version: format!("v{major}.{minor}.{patch}{suffix}"),
            major: major.to_string(),
            minor: minor.to_string(),
        })
    }
}

/// The kube version and API versions that templates see as `Capabilities`.
#[derive(Debug, Clone)]
pub struct Capabilities {
    /// The Kubernetes version.
    pub kube_version: KubeVersion,
    /// API versions the cluster serves besides Helm's defaults ([`DEFAULT_API_VERSIONS`]).
    pub extra_api_versions: Vec<String>,
}

impl Capabilities {
    /// Helm's defaults with an optional kube version and extra API versions.
    pub fn new(kube_version: Option<&str>, extra_api_versions: &[String]) -> Result<Capabilities> {
        let kube_version = KubeVersion::parse(kube_version.unwrap_or(DEFAULT_KUBE_VERSION))?;
        Ok(Capabilities { kube_version, extra_api_versions: extra_api_versions.to_vec() })
    }

    /// The template-side `Capabilities.APIVersions`: Helm's defaults first, then the extra ones. The defaults alone
    /// are made once per process, since they are what almost every render sees.
    fn api_versions_template(&self) -> TValue {
        static DEFAULTS: OnceLock<TValue> = OnceLock::new();
        let defaults = || TValue::from_iter(DEFAULT_API_VERSIONS.iter().copied());
        if self.extra_api_versions.is_empty() {
            return DEFAULTS.get_or_init(defaults).clone();
        }
        let extra = self.extra_api_versions.iter().map(String::as_str);
        TValue::from_iter(DEFAULT_API_VERSIONS.iter().copied().chain(extra))
    }

    /// The template-side `Capabilities` object.
    pub fn to_template(&self) -> TValue {
        let kube = BTreeMap::from([
            ("Version", TValue::from(self.kube_version.version.as_str())),
            ("GitVersion", TValue::from(self.kube_version.version.as_str())),
            ("Major", TValue::from(self.kube_version.major.as_str())),
            ("Minor", TValue::from(self.kube_version.minor.as_str())),
        ]);
        let helm = BTreeMap::from([("Version", TValue::from("v4.2.3"))]);
        TValue::from(BTreeMap::from([
            ("KubeVersion", TValue::from(kube)),
            ("APIVersions", self.api_versions_template()),
            ("HelmVersion", TValue::from(helm)),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kube_version_parses_like_helm() {
        let v = KubeVersion::parse("1.19").ok();
        assert_eq!(v.as_ref().map(|v| v.version.as_str()), Some("v1.19.0"));
        assert_eq!(v.map(|v| v.minor), Some("19".to_string()));
        assert!(KubeVersion::parse("banana").is_err());
    }
}
