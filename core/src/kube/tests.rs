//! Kubernetes validation against the committed v1.36 schema, with objects shaped like the charts' output.

use serde_json::json;

use super::*;
use crate::output::Manifest;
use crate::schema::value_from_json;

fn validator() -> Validator {
    match Validator::from_json(include_str!("../../kube-schemas/v1.36.json")) {
        Ok(validator) => validator,
        Err(err) => panic!("the committed schema does not compile: {err}"),
    }
}

fn rendered(objects: &[serde_json::Value]) -> Rendered {
    let manifests = objects
        .iter()
        .map(|object| {
            let text = |pointer: &str| object.pointer(pointer).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            Manifest::new(
                format!("k8s-service/templates/{}.yaml", text("/kind").to_lowercase()),
                text("/kind"),
                text("/apiVersion"),
                text("/metadata/name"),
                String::new(),
                value_from_json(object),
            )
        })
        .collect();
    Rendered { manifests }
}

fn problems(objects: &[serde_json::Value]) -> Vec<String> {
    validator().validate(&rendered(objects)).iter().map(ToString::to_string).collect()
}

fn pod_spec() -> serde_json::Value {
    json!({
        "containers": [{
            "name": "web",
            "image": "nginx:1.27",
            "imagePullPolicy": "IfNotPresent",
            "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
            "livenessProbe": {"httpGet": {"path": "/", "port": "http"}, "periodSeconds": 10, "initialDelaySeconds": 15},
            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": 0.25}},
            "env": [{"name": "A", "value": "1"}, {"name": "B", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}],
            "volumeMounts": [{"name": "scratch", "mountPath": "/mnt/scratch"}],
        }],
        "volumes": [{"name": "scratch", "emptyDir": {}}],
        "terminationGracePeriodSeconds": 30,
    })
}

fn template() -> serde_json::Value {
    json!({"metadata": {"labels": {"app": "web"}}, "spec": pod_spec()})
}

fn deployment() -> serde_json::Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app.kubernetes.io/name": "web"}},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
            "template": template(),
        },
    })
}

#[test]
fn well_formed_objects_have_no_problems() {
    let service = json!({
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"type": "ClusterIP", "selector": {"app": "web"},
                 "ports": [{"name": "app", "port": 80, "targetPort": "http", "protocol": "TCP"}]},
    });
    let daemon_set = json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
        "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": template(),
                 "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}}},
    });
    let job = json!({
        "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "migrate"},
        "spec": {"backoffLimit": 4, "template": {"spec": {"restartPolicy": "Never", "containers": pod_spec()["containers"]}}},
    });
    let cron_job = json!({
        "apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"},
        "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": {"spec": {
            "restartPolicy": "OnFailure", "containers": pod_spec()["containers"]}}}}},
    });
    let ingress = json!({
        "apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web"},
        "spec": {"rules": [{"host": "example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
            "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]},
    });
    let hpa = json!({
        "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "minReplicas": 1, "maxReplicas": 3,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                              "target": {"type": "Utilization", "averageUtilization": 80}}}]},
    });
    let objects = [deployment(), service, daemon_set, job, cron_job, ingress, hpa];
    assert_eq!(problems(&objects), Vec::<String>::new());
}

#[test]
fn probe_period_as_a_word_is_one_problem_at_its_path() {
    let mut deployment = deployment();
    deployment["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["periodSeconds"] = json!("soon");
    assert_eq!(
        problems(&[deployment]),
        ["Deployment/web: \
          spec.template.spec.containers[0].livenessProbe.periodSeconds: expected integer, got string \"soon\""]
    );
}

#[test]
fn sidecar_without_image_is_required_value() {
    let mut deployment = deployment();
    let containers = deployment["spec"]["template"]["spec"]["containers"].as_array_mut();
    containers.into_iter().for_each(|c| c.push(json!({"name": "sidecar"})));
    assert_eq!(problems(&[deployment]), ["Deployment/web: spec.template.spec.containers[1].image: required value"]);
}

#[test]
fn cron_job_init_container_with_empty_image_and_name() {
    let cron_job = json!({
        "apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"},
        "spec": {"schedule": "@daily", "jobTemplate": {"spec": {"template": {"spec": {
            "containers": [{"name": "main", "image": "busybox"}], "initContainers": [{"name": "", "image": ""}]}}}}},
    });
    assert_eq!(
        problems(&[cron_job]),
        [
            "CronJob/nightly: \
             spec.jobTemplate.spec.template.spec.initContainers[0].image: required value",
            "CronJob/nightly: \
             spec.jobTemplate.spec.template.spec.initContainers[0].name: required value",
        ]
    );
}

#[test]
fn misspelled_field_is_unknown_with_a_suggestion() {
    let mut deployment = deployment();
    deployment["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = json!("Always");
    let found = problems(&[deployment]);
    assert_eq!(found.len(), 1);
    assert!(found[0].ends_with(
        "spec.template.spec.containers[0].imagePullPolicyy: unknown key \"imagePullPolicyy\" \
         (did you mean \"imagePullPolicy\"?)"
    ));
}

#[test]
fn missing_name_and_container_name() {
    let mut deployment = deployment();
    deployment["metadata"] = json!({"labels": {"a": "b"}});
    deployment["spec"]["template"]["spec"]["containers"] = json!([{"image": "nginx"}]);
    assert_eq!(
        problems(&[deployment]),
        [
            "Deployment: spec.template.spec.containers[0]: \
             missing required key \"name\"",
            "Deployment: metadata.name: required value",
        ]
    );
}

#[test]
fn unknown_kinds_are_skipped() {
    let monitor = json!({
        "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "web"},
        "spec": {"anything": ["goes"]},
    });
    let old_pdb = json!({"apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},
                         "spec": {"whatever": 1}});
    assert_eq!(problems(&[monitor, old_pdb]), Vec::<String>::new());
    assert!(!validator().covers("monitoring.coreos.com/v1", "ServiceMonitor"));
    assert!(validator().covers("apps/v1", "Deployment"));
}

#[test]
fn schema_versions_map_to_the_nearest_at_or_below() {
    assert_eq!(schema_version("v1.36.0"), "v1.36");
    assert_eq!(schema_version("1.31.4-gke.100"), "v1.31");
    assert_eq!(schema_version("v1.40.0"), "v1.36");
    assert_eq!(schema_version("v1.20.0"), "v1.28");
    assert_eq!(schema_version("v2.0.0"), "v1.36");
    assert_eq!(schema_version("nonsense"), "v1.28");
    assert_eq!(schema_file("v1.30"), "v1.30.json");
}

#[test]
fn every_schema_version_file_compiles() {
    let files = [
        include_str!("../../kube-schemas/v1.28.json"),
        include_str!("../../kube-schemas/v1.29.json"),
        include_str!("../../kube-schemas/v1.30.json"),
        include_str!("../../kube-schemas/v1.31.json"),
        include_str!("../../kube-schemas/v1.32.json"),
        include_str!("../../kube-schemas/v1.33.json"),
        include_str!("../../kube-schemas/v1.34.json"),
        include_str!("../../kube-schemas/v1.35.json"),
        include_str!("../../kube-schemas/v1.36.json"),
    ];
    assert_eq!(files.len(), SCHEMA_VERSIONS.len());
    for (text, version) in files.iter().zip(SCHEMA_VERSIONS) {
        let validator = Validator::from_json(text).map_err(|e| e.to_string());
        let kube_version = validator.as_ref().map(|v| v.kube_version().to_string());
        assert_eq!(kube_version, Ok(format!("{version}.0")));
        assert!(validator.is_ok_and(|v| v.covers("batch/v1", "CronJob")));
    }
}

#[test]
fn every_x_kubernetes_of_the_charts_names_a_definition_of_every_schema_version() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/kube-schemas");
    let schemas: Vec<(&str, Validator)> = SCHEMA_VERSIONS
        .iter()
        .map(|version| {
            let text = std::fs::read_to_string(format!("{dir}/{}", schema_file(version))).unwrap();
            (*version, Validator::from_json(&text).unwrap())
        })
        .collect();
    let mut checked = 0;
    for chart in crate::builtin_names() {
        let session = crate::Session::builtin(chart).unwrap();
        let Some(values_schema) = session.schema() else { continue };
        for entry in values_schema.entries() {
            let Some(definition) = &entry.kubernetes else { continue };
            checked += 1;
            for (version, validator) in &schemas {
                assert!(
                    validator.schema().has_definition(definition),
                    "{chart}: {entry} names {definition}, which the {version} schema lacks"
                );
            }
        }
    }
    assert!(checked >= 15, "only {checked} keys are marked x-kubernetes");
}

#[test]
fn a_probe_in_the_values_completes_from_the_kubernetes_schema() {
    let session = crate::Session::builtin("k8s-service").unwrap();
    let values_schema = session.schema().unwrap();
    let path = crate::ValuePath::parse("livenessProbe.httpGet").unwrap();
    let (definition, rest) = values_schema.kubernetes_field(&path).unwrap();
    assert_eq!((definition.as_str(), rest.to_string().as_str()), ("core.v1.Probe", "httpGet"));
    let keys: Vec<String> =
        validator().schema().completions_in(&definition, &rest).into_iter().map(|c| c.label).collect();
    assert!(keys.contains(&"port".to_string()) && keys.contains(&"path".to_string()), "{keys:?}");
    let tls = crate::ValuePath::parse("ingress.tls[0]").unwrap();
    assert_eq!(values_schema.kubernetes_field(&tls).map(|(d, _)| d), Some("networking.v1.IngressTLS".into()));
}
