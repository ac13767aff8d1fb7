//! The block-subset reader either declines a document or reads exactly what the full reader reads.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some((fast, _)) = chartplay_core::yaml::block::read(text) {
            let full = chartplay_core::yaml::read::read_any_unlocated(text, "fuzz");
            assert_eq!(full.ok().as_ref(), Some(&fast), "subset reader disagrees on {text:?}");
        }
    }
});
