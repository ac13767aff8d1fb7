//! Any `--set` / `--set-string` expression is applied or refused, never a panic or a huge allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut values = chartplay_core::Map::new();
        let string_only = text.len() % 2 == 0;
        let _ = chartplay_core::strvals::apply(text, &mut values, string_only);
    }
});
