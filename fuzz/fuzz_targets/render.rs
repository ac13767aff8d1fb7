//! The whole pipeline on k8s-service with any values text ends in output or diagnostics, never a panic or a hang.
#![no_main]

use std::sync::Mutex;

use chartplay_core::{Checks, Inputs, Session, ValuesFile};
use libfuzzer_sys::fuzz_target;

static SESSION: Mutex<Option<Session>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut session = SESSION.lock().unwrap_or_else(|e| e.into_inner());
    if session.is_none() {
        *session = Session::builtin("k8s-service").ok();
    }
    if let Some(session) = session.as_mut() {
        let inputs = Inputs { files: vec![ValuesFile::new("values.yaml", text)], ..Inputs::default() };
        let _ = session.run(&inputs, Checks::default());
    }
});
