//! The block-subset reader either declines a document or reads exactly what the full reader reads; reading only
//! the head declines the same documents and builds the same head.
#![no_main]

use chartplay_core::yaml::block;
use chartplay_core::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let head = block::read_head(text);
        match block::read(text) {
            Some((fast, _)) => {
                let full = chartplay_core::yaml::read::read_any_unlocated(text, "fuzz");
                assert_eq!(full.ok().as_ref(), Some(&fast), "subset reader disagrees on {text:?}");
                // The head: apiVersion, kind and metadata, of which only name when it is a mapping.
                let head_entry = |(key, value): (String, Value)| match (key.as_str(), value) {
                    ("metadata", Value::Map(meta)) => {
                        Some((key, Value::Map(meta.into_iter().filter(|(k, _)| k == "name").collect())))
                    }
                    (_, value) => ["apiVersion", "kind", "metadata"].contains(&key.as_str()).then_some((key, value)),
                };
                let expected = match fast {
                    Value::Map(map) => Value::Map(map.into_iter().filter_map(head_entry).collect()),
                    Value::Seq(_) => Value::Seq(Vec::new()),
                    other => other,
                };
                assert_eq!(head, Some(expected), "the head reader disagrees on {text:?}");
            }
            None => assert_eq!(head, None, "the head reader reads what the subset reader declines: {text:?}"),
        }
    }
});
