//! `includeKept(name, local=value, …)`: a named template included with the caller's `Values`, `Release`, `Chart`
//! and `Capabilities` and the locals it is given, whose output a [`crate::Renderer`] keeps between renders.
//!
//! A template is reused whole while none of the `Values` keys it read changed (see [`super::tracked`]). The
//! Deployment reads nearly every key, so an edit of `replicaCount` runs it again, and with it the pod template,
//! which is most of its work and does not read `replicaCount`. Included this way, the pod template is reused on
//! its own terms: its output is kept with the keys it read and the locals it was given, and printed again while
//! those keys did not change and the locals are the same. The caller's record of reads gets the fragment's reads
//! either way, so the caller's own reuse stays right.
//!
//! The store is the renderer's: [`Fragments::install`] puts it where the function finds it for one run of the
//! templates. Without one (a one-shot render, a traced render), the function includes without keeping anything.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::sync::Arc;

use minijinja::value::{Enumerator, Kwargs, Object, Value as TValue};
use minijinja::{Error, ErrorKind, State};

use super::tracked::{Reads, TrackedValues};

/// How deep `includeKept` may nest (each level is a render of its own, which minijinja's recursion limit does not
/// see).
const DEPTH_LIMIT: usize = 16;

/// What a caller's template sees besides `Values` and the locals it passes.
const CONTEXT: [&str; 3] = ["Release", "Chart", "Capabilities"];

thread_local! {
    static STORE: RefCell<Option<Fragments>> = const { RefCell::new(None) };
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Kept fragments: the outputs of `includeKept` calls, valid for the values of the last run.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fragments {
    kept: Vec<Fragment>,
}

#[derive(Debug, Clone)]
struct Fragment {
    name: String,
    locals: Vec<(String, TValue)>,
    reads: Reads,
    text: Arc<str>,
}

impl Fragments {
    /// Forgets the fragments that read a top-level key in `changed` (those whose values changed since the last run).
    pub(crate) fn forget_changed(&mut self, changed: &BTreeSet<String>) {
        self.kept.retain(|fragment| fragment.reads.still_valid(changed));
    }

    /// Runs `run` with these fragments available to `includeKept` on this thread, then takes them back with what
    /// the run added.
    pub(crate) fn install<T>(&mut self, run: impl FnOnce() -> T) -> T {
        STORE.with(|store| *store.borrow_mut() = Some(std::mem::take(self)));
        let result = run();
        *self = STORE.with(|store| store.borrow_mut().take()).unwrap_or_default();
        result
    }
}

/// Includes template `name` with the caller's context and `locals`, reusing the output of an earlier run when
/// it read no changed key and had the same locals.
///
/// ```jinja
/// {%- set pod_template = includeKept("common/templates/_pod.tpl", canary=canary) -%}
/// ```
pub fn include_kept(state: &State, name: &str, locals: Kwargs) -> Result<TValue, Error> {
    let mut given = Vec::new();
    for key in locals.args() {
        given.push((key.to_string(), locals.get::<TValue>(key)?));
    }
    given.sort_by(|a, b| a.0.cmp(&b.0));
    let values = state.lookup("Values").unwrap_or_default();
    let Some(tracked) = values.downcast_object_ref::<TrackedValues>() else {
        return render(state, name, values.clone(), given).map(TValue::from);
    };
    let kept = STORE.with(|store| {
        let store = store.borrow();
        let found = store.as_ref()?.kept.iter().find(|f| f.name == name && f.locals == given)?;
        Some((found.reads.clone(), Arc::clone(&found.text)))
    });
    if let Some((reads, text)) = kept {
        tracked.mark(&reads);
        return Ok(TValue::from(text));
    }
    let own = Arc::new(TrackedValues::new(tracked.table()));
    let text: Arc<str> = render(state, name, TValue::from_dyn_object(Arc::clone(&own)), given.clone())?.into();
    let reads = own.reads();
    tracked.mark(&reads);
    STORE.with(|store| {
        if let Some(store) = store.borrow_mut().as_mut() {
            store.kept.push(Fragment { name: name.to_string(), locals: given, reads, text: Arc::clone(&text) });
        }
    });
    Ok(TValue::from(text))
}

/// Renders `name` with `values`, the caller's context and `locals`.
fn render(state: &State, name: &str, values: TValue, locals: Vec<(String, TValue)>) -> Result<String, Error> {
    let depth = DEPTH.with(Cell::get);
    if depth >= DEPTH_LIMIT {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("includeKept nested deeper than {DEPTH_LIMIT} levels"),
        ));
    }
    let base = CONTEXT.map(|key| state.lookup(key).unwrap_or_default());
    let context = TValue::from_object(Included { values, base, locals });
    let template = state.env().get_template(name)?;
    DEPTH.with(|d| d.set(depth + 1));
    let result = template.render(context);
    DEPTH.with(|d| d.set(depth));
    result
}

/// The context of an included template: `Values`, the caller's [`CONTEXT`] and the locals, looked up in place.
#[derive(Debug)]
struct Included {
    values: TValue,
    base: [TValue; CONTEXT.len()],
    locals: Vec<(String, TValue)>,
}

impl Object for Included {
    fn get_value(self: &Arc<Self>, key: &TValue) -> Option<TValue> {
        self.get_value_by_str(key.as_str()?)
    }

    /// Every name the included template looks up that is not one of its own variables comes here: looked up as
    /// it is, with no key value made for it.
    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<TValue> {
        if key == "Values" {
            return Some(self.values.clone());
        }
        if let Some(at) = CONTEXT.iter().position(|name| *name == key) {
            return Some(self.base[at].clone()).filter(|value| !value.is_undefined());
        }
        self.locals.iter().find(|(name, _)| name == key).map(|(_, value)| value.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let keys = ["Values"].into_iter().chain(CONTEXT).map(TValue::from);
        let locals = self.locals.iter().map(|(name, _)| TValue::from(name.as_str()));
        Enumerator::Values(keys.chain(locals).collect())
    }
}
