//! Any `--set` / `--set-string` / `--set-json` / `--set-literal` expression is applied or refused, never a panic or a huge allocation;
//! `--set-file` lists its paths without a panic; any flags panel text reads as flags or as errors at their lines.
#![no_main]

use chartplay_core::{SetFlag, SetKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut values = chartplay_core::Map::new();
        let kind = match text.len() % 4 {
            0 => SetKind::String,
            1 => SetKind::Set,
            2 => SetKind::Literal,
            _ => SetKind::Json,
        };
        let _ = SetFlag::new(kind, text).apply(&mut values);
        let _ = SetFlag::file_paths(text);
        if let Ok(flags) = SetFlag::from_lines(text, "--set") {
            for flag in flags {
                let _ = flag.apply(&mut values);
            }
        }
    }
});
