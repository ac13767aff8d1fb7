//! Values on which Helm fails with Gruntwork's k8s-service chart, and renders that fail the same way here, before
//! any schema check (the core renders whatever it is given; the schema is the shells' business). Each case names
//! the text the error must contain: the value Helm's message points at, or Helm's own message.
//!
//! Found by comparing with Helm on generated inputs (tests/parity-extra); the Helm error is quoted in each comment.

use chartplay_core::{load_values, render, Chart, RenderOptions, ValuesFile};

const LINTER: &str = "applicationName: linter\ncontainerImage: {repository: nginx, tag: stable}\n";

fn render_error(chart: &str, values: &str) -> Option<String> {
    let chart = Chart::builtin(chart).expect("built-in chart loads");
    let file = ValuesFile { name: "values.yaml".into(), text: format!("{LINTER}{values}") };
    let user = load_values(&[file], &[]).expect("values load");
    render(&chart, &user, &RenderOptions::default()).err().map(|e| e.to_string())
}

/// k8s-service fails on `values` with a message containing `needle`.
#[track_caller]
fn assert_fails(values: &str, needle: &str) {
    assert_fails_in(&["k8s-service"], values, needle);
}

/// The pod template is shared: every chart fails the same way.
#[track_caller]
fn assert_pod_fails(values: &str, needle: &str) {
    assert_fails_in(&["k8s-service", "k8s-daemon-set", "k8s-job"], values, needle);
}

#[track_caller]
fn assert_fails_in(charts: &[&str], values: &str, needle: &str) {
    for chart in charts {
        match render_error(chart, values) {
            Some(message) => assert!(message.contains(needle), "{chart}: {values:?}: {message:?} lacks {needle:?}"),
            None => panic!("{chart}: {values:?} rendered; Helm fails ({needle})"),
        }
    }
}

#[track_caller]
fn assert_renders(values: &str) {
    if let Some(message) = render_error("k8s-service", values) {
        panic!("{values:?} failed: {message}");
    }
}

#[test]
fn nulled_maps_read_with_values_fail() {
    // `values .Values.containerPorts`: wrong type for value; expected map[string]interface {}; got interface {}
    assert_pod_fails("containerPorts: null\n", "containerPorts");
    assert_pod_fails("configMaps: null\n", "configMaps");
    assert_pod_fails("secrets: null\n", "secrets");
}

#[test]
fn service_monitor_endpoints_must_be_a_map() {
    // `values .Values.serviceMonitor.endpoints`: wrong type for value; expected map[string]interface {}; got …
    for endpoints in ["null", "[]", "false", "''", "0"] {
        let values = format!("serviceMonitor: {{enabled: true, endpoints: {endpoints}}}\n");
        assert_fails(&values, "serviceMonitor.endpoints");
    }
}

#[test]
fn ranging_over_a_scalar_fails_even_when_empty() {
    // range can't iterate over  (Go's text/template ranges over maps, lists and nothing else)
    for key in ["envVars", "additionalPodLabels", "sideCarContainers", "persistentVolumes", "scratchPaths", "emptyDirs"]
    {
        assert_pod_fails(&format!("{key}: ''\n"), key);
    }
    assert_pod_fails("envVars: 0\n", "envVars must be a map or a list, got float64 (range can't iterate over it)");
    assert_fails("service: {ports: false}\n", "service.ports");
    assert_pod_fails("customResources: {enabled: true, resources: ''}\n", "customResources.resources");
    assert_fails("additionalDeploymentLabels: ''\n", "additionalDeploymentLabels");
    assert_fails_in(&["k8s-daemon-set"], "additionalDaemonSetLabels: ''\n", "additionalDaemonSetLabels");
    assert_fails_in(&["k8s-job"], "additionalJobLabels: ''\n", "additionalJobLabels");
    assert_fails("ingress: {enabled: true, path: /, additionalPaths: ''}\n", "ingress.additionalPaths");
    // Gruntwork's NOTES.txt ranges over ingress.hosts whenever containerPorts is set.
    assert_fails("ingress: {enabled: true, path: /, hosts: ''}\n", "ingress.hosts");
}

#[test]
fn lists_measured_with_len_first_accept_an_empty_string() {
    // `gt (len .Values.initContainers) 0` guards the range: "" renders, 0 fails in `len`.
    assert_renders("initContainers: ''\nimagePullSecrets: ''\n");
    assert_pod_fails("initContainers: 0\n", "initContainers");
    assert_pod_fails("imagePullSecrets: false\n", "imagePullSecrets");
}

#[test]
fn service_account_name_is_measured_with_len() {
    // error calling len: len of type float64
    assert_pod_fails("serviceAccount: {name: 123}\n", "serviceAccount.name");
    assert_pod_fails("serviceAccount: {name: false}\n", "serviceAccount.name");
}

#[test]
fn csi_secret_needs_its_csi_map() {
    // `$value.csi.driver`: nil pointer evaluating interface {}.driver
    assert_pod_fails("secrets: {s: {as: csi, mountPath: /s}}\n", "secrets.s.csi");
}

#[test]
fn a_custom_resource_that_is_not_a_document_fails() {
    // A map printed with Go's %v is the plain string `map[…]`: cannot unmarshal string into Go value of type
    // releaseutil.SimpleHead
    assert_pod_fails(
        "customResources: {enabled: true, resources: {a: {kind: ConfigMap}}}\n",
        "cannot unmarshal string into Go value of type releaseutil.SimpleHead",
    );
}

#[test]
fn single_variable_range_over_a_map_takes_its_values() {
    // `range $secretName := .Values.imagePullSecrets` over {a: b} writes `- name: b`.
    let chart = Chart::builtin("k8s-service").expect("built-in chart loads");
    let file = ValuesFile { name: "values.yaml".into(), text: format!("{LINTER}imagePullSecrets: {{a: b}}\n") };
    let user = load_values(&[file], &[]).expect("values load");
    let stream = render(&chart, &user, &RenderOptions::default()).expect("renders").to_stream();
    assert!(stream.contains("imagePullSecrets:\n        - name: b\n"), "{stream}");
}
