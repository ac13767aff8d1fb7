//! Any `--set` / `--set-string` expression is applied or refused, never a panic or a huge allocation.
#![no_main]

use chartplay_core::{SetFlag, SetKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut values = chartplay_core::Map::new();
        let kind = if text.len() % 2 == 0 { SetKind::String } else { SetKind::Set };
        let _ = SetFlag::new(kind, text).apply(&mut values);
    }
});
