//! Browser glue and rendering, with no `html!`: each module wraps one outside thing the app talks to.

pub mod command;
pub mod deflate;
pub mod editor;
pub mod embed;
pub mod explain;
pub mod export;
pub mod help;
pub mod kube_schemas;
pub mod link;
pub mod renderer;
pub mod storage;

/// A JavaScript error as text (`TypeError: Failed to fetch`).
pub fn describe_js_error(error: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.to_string().into(),
        None => error.as_string().unwrap_or_else(|| "an unknown error".into()),
    }
}
