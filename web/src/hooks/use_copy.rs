//! `use_copy`: copy text to the clipboard and remember, for two seconds, whether it worked.
//!
//! ```ignore
//! let copy = use_copy();
//! let onclick = { let copy = copy.clone(); Callback::from(move |_| copy.copy("text".into())) };
//! let label = match copy.status() { Some(true) => "Copied", Some(false) => "Copy failed", None => "Copy" };
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::services::export;

/// The handle returned by [`use_copy`].
#[derive(Clone)]
pub struct UseCopy {
    status: UseStateHandle<Option<bool>>,
    timeout: Rc<RefCell<Option<Timeout>>>,
}

impl UseCopy {
    /// Copies `text`; the status shows the result until two seconds pass.
    pub fn copy(&self, text: String) {
        let (status, timeout) = (self.status.clone(), self.timeout.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let copied = export::copy(text).await;
            status.set(Some(copied));
            let reset = status.clone();
            *timeout.borrow_mut() = Some(Timeout::new(2000, move || reset.set(None)));
        });
    }

    /// `Some(true)` just after a copy worked, `Some(false)` after it failed.
    pub fn status(&self) -> Option<bool> {
        *self.status
    }
}

/// Copying with feedback.
#[hook]
pub fn use_copy() -> UseCopy {
    let status = use_state(|| None);
    let timeout = use_mut_ref(|| None);
    UseCopy { status, timeout }
}
