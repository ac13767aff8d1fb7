//! Embed mode: tells the parent page how tall the playground is, so an `<iframe>` can fit it without scrollbars.
//!
//! The message is `{ type: "chartplay:height", height: <CSS pixels> }`, posted to `window.parent` whenever the
//! app's height changes (a `ResizeObserver` on the app's root element, not on `<body>`: the body is as tall as the
//! iframe, so it would only ever grow). See docs/embedding.md for the listener.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Starts reporting the height; the returned guard stops it when dropped.
pub fn report_height() -> Option<HeightReporter> {
    let window = web_sys::window()?;
    let app = window.document()?.query_selector(".app").ok()??;
    let measured = app.clone();
    let post = move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        let Some(Ok(Some(parent))) = web_sys::window().map(|w| w.parent()) else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"chartplay:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        let _ = parent.post_message(&message, "*");
    };
    post();
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| post());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&app);
    Some(HeightReporter { observer, _callback: callback })
}

/// Keeps the observer alive; disconnects it when dropped.
pub struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(JsValue)>,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
