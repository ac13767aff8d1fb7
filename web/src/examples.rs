//! Example values per chart, so a first visit shows a useful render rather than an empty page.

/// The example values of `chart` (empty for a chart without one).
pub fn values_for(chart: &str) -> &'static str {
    match chart {
        "k8s-service" => include_str!("../examples/k8s-service.yaml"),
        "k8s-daemon-set" => include_str!("../examples/k8s-daemon-set.yaml"),
        "k8s-job" => include_str!("../examples/k8s-job.yaml"),
        _ => "",
    }
}
