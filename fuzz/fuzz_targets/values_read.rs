//! Reading any text as a values file never panics, and every error carries a location.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(err) = chartplay_core::yaml::read::read(text, "values.yaml") {
            assert!(err.location().is_some(), "error without location: {err}");
        }
    }
});
