//! Rendering k8s-service with any values text ends in output or an error, never a panic or a hang.
#![no_main]

use std::sync::OnceLock;

use chartplay_core::{load_values, render, Chart, RenderOptions, ValuesFile};
use libfuzzer_sys::fuzz_target;

static CHART: OnceLock<Option<Chart>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(chart) = CHART.get_or_init(|| Chart::builtin("k8s-service").ok()) else { return };
    if let Ok(text) = std::str::from_utf8(data) {
        let file = ValuesFile { name: "values.yaml".into(), text: text.to_string() };
        if let Ok(user) = load_values(&[file], &[], &[]) {
            let _ = render(chart, &user, &RenderOptions::default());
        }
    }
});
