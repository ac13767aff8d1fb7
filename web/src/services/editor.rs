//! The CodeMirror 6 editor, bundled from `web/js/editor.js` into the global `ChartplayEditor`.
//!
//! Rust creates it inside an element, hears every user edit through a callback, and pushes text, problems and
//! read-only state into it. Problems travel as a JSON string so no extra (de)serialisation crate is needed.
//! The editor asks back, synchronously, for completions and hover text ([`Help`]): two functions called with the
//! text before the cursor that answer in JSON; for its highlighting, which [`crate::highlight::spans`]
//! answers for the whole text after every change; and for the edits that complete a nested key
//! ([`crate::placement`]). Positions cross the boundary in UTF-16 units, as JavaScript counts them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::placement::{self, Opening};
use crate::services::help::{opening_from_name, Help};

#[wasm_bindgen]
extern "C" {
    /// A live editor.
    pub type EditorHandle;

    #[wasm_bindgen(js_namespace = ChartplayEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::Element,
        doc: &str,
        read_only: bool,
        on_change: &js_sys::Function,
        complete: &js_sys::Function,
        hover: &js_sys::Function,
        spans: &js_sys::Function,
        on_cursor: &js_sys::Function,
        place: &js_sys::Function,
    ) -> EditorHandle;

    #[wasm_bindgen(method)]
    fn show(this: &EditorHandle, id: f64, text: &str, keep: Vec<f64>);

    #[wasm_bindgen(method, js_name = getDoc)]
    fn get_doc(this: &EditorHandle) -> String;

    #[wasm_bindgen(method, js_name = applyChange)]
    fn apply_change(this: &EditorHandle, json: &str);

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &EditorHandle, json: &str);

    #[wasm_bindgen(method, js_name = setReadOnly)]
    fn set_read_only(this: &EditorHandle, read_only: bool);

    #[wasm_bindgen(method, js_name = applyEdits)]
    fn apply_edits(this: &EditorHandle, json: &str) -> bool;

    #[wasm_bindgen(method, js_name = goTo)]
    fn go_to(this: &EditorHandle, line: usize, column: usize);

    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// Resolves once the editor's script has run (`window.chartplayEditorReady`, set by web/js/boot.js); at once
/// when that promise is absent and the editor is already there.
pub async fn ready() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let promise = js_sys::Reflect::get(&window, &JsValue::from_str("chartplayEditorReady"))?;
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.map(drop),
        Err(_) if js_sys::Reflect::has(&window, &JsValue::from_str("ChartplayEditor"))? => Ok(()),
        Err(_) => Err(JsValue::from_str("the editor script (editor.js) is not loaded")),
    }
}

/// A marker in the gutter with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The message shown on hover and in the lint panel.
    pub message: String,
    /// A warning (underlined and marked in amber) rather than an error.
    pub warning: bool,
    /// Fixes offered in the marker's tooltip.
    pub fixes: Vec<EditorFix>,
}

/// A fix as the editor applies it: a title and edits in the editor's positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorFix {
    /// The button's text (`quote it: "NO"`).
    pub title: String,
    /// `(from, to, insert, expect)`: UTF-16 positions in the text the problem was found in, what replaces them,
    /// and what they must still hold.
    pub edits: Vec<(usize, usize, String, String)>,
}

impl EditorFix {
    /// The core's fix of the values text `text`, in the editor's positions (UTF-16 units); `None` when an edit is
    /// not in `file` or not within the text.
    pub fn new(fix: &chartplay_core::Fix, file: &str, text: &str) -> Option<EditorFix> {
        let utf16 = |byte: usize| text.get(..byte).map(|before| before.encode_utf16().count());
        let edits = fix
            .edits
            .iter()
            .map(|edit| {
                (*edit.file == *file).then_some(())?;
                let expect = text.get(edit.range.clone())?.to_string();
                Some((utf16(edit.range.start)?, utf16(edit.range.end)?, edit.text.clone(), expect))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(EditorFix { title: fix.title.clone(), edits })
    }

    fn to_json(&self) -> serde_json::Value {
        let edits: Vec<serde_json::Value> = self
            .edits
            .iter()
            .map(|(from, to, insert, expect)| serde_json::json!({ "from": from, "to": to, "insert": insert, "expect": expect }))
            .collect();
        serde_json::json!({ "title": self.title, "edits": edits })
    }
}

/// The editor, shared between the component that owns it and the ones that steer it (the problems list jumps
/// to a line), with the help it answers from and whether the text shown is YAML (values) or flags, which get
/// neither highlighting nor completion. Equal when it is the same slot.
#[derive(Clone, Default)]
pub struct EditorSlot(Rc<RefCell<Option<Editor>>>, Rc<RefCell<Help>>, Rc<Cell<bool>>);

impl PartialEq for EditorSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl EditorSlot {
    /// Creates the editor inside `parent` showing `text` (YAML values when `yaml`); `on_change` hears every user
    /// edit with the whole text, `on_cursor` the cursor's position (UTF-16 units) once it rests.
    pub fn mount(
        &self,
        parent: &web_sys::Element,
        text: &str,
        yaml: bool,
        read_only: bool,
        on_change: impl Fn(String) + 'static,
        on_cursor: impl Fn(u32) + 'static,
    ) {
        self.2.set(yaml);
        let closure = Closure::<dyn Fn(String)>::new(on_change);
        let cursor = Closure::<dyn Fn(u32)>::new(on_cursor);
        let (help, yaml) = (self.1.clone(), self.2.clone());
        let complete =
            Closure::<dyn Fn(String, String) -> Option<String>>::new(move |before: String, after: String| {
                yaml.get().then(|| help.borrow().complete(&before, &after)).flatten()
            });
        let (help, yaml) = (self.1.clone(), self.2.clone());
        let hover = Closure::<dyn Fn(String) -> Option<String>>::new(move |before: String| {
            yaml.get().then(|| help.borrow().hover(&before)).flatten()
        });
        let yaml = self.2.clone();
        let spans = Closure::<dyn Fn(String) -> Vec<u32>>::new(move |text: String| {
            if yaml.get() {
                crate::highlight::spans(&text)
            } else {
                Vec::new()
            }
        });
        let place = Closure::<dyn Fn(String, usize, usize, String, usize, String) -> String>::new(
            |doc: String, from: usize, to: usize, path: String, depth: usize, opening: String| {
                let path: Vec<&str> = path.split('\n').collect();
                let (from, to) = (byte_of(&doc, from), byte_of(&doc, to));
                let (edits, cursor) =
                    placement::complete_nested(&doc, from, to, &path, depth, opening_from_name(&opening));
                change_json(&doc, &edits, cursor)
            },
        );
        let handle = create_editor(
            parent,
            text,
            read_only,
            closure.as_ref().unchecked_ref(),
            complete.as_ref().unchecked_ref(),
            hover.as_ref().unchecked_ref(),
            spans.as_ref().unchecked_ref(),
            cursor.as_ref().unchecked_ref(),
            place.as_ref().unchecked_ref(),
        );
        *self.0.borrow_mut() = Some(Editor { handle, _callbacks: (closure, complete, hover, spans, cursor, place) });
    }

    /// Answers the editor's completion and hover questions from `help` from now on.
    pub fn set_help(&self, help: Help) {
        *self.1.borrow_mut() = help;
    }

    /// Destroys the editor.
    pub fn unmount(&self) {
        if let Some(editor) = self.0.borrow_mut().take() {
            editor.handle.destroy();
        }
    }

    /// Shows the document `id` (YAML values when `yaml`, else flags) with `text`, keeping each document's undo
    /// history while another is shown; `ids` are the documents still in use. Text put here is not reported back
    /// as an edit.
    pub fn show(&self, id: u64, text: &str, yaml: bool, ids: &[u64]) {
        self.2.set(yaml);
        if let Some(editor) = &*self.0.borrow() {
            editor.handle.show(id as f64, text, ids.iter().map(|id| *id as f64).collect());
        }
    }

    /// Shows `markers` in the gutter, replacing earlier ones.
    pub fn set_markers(&self, markers: &[Marker]) {
        if let Some(editor) = &*self.0.borrow() {
            let json: Vec<serde_json::Value> = markers
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "line": m.line,
                        "column": m.column,
                        "message": m.message,
                        "severity": if m.warning { "warning" } else { "error" },
                        "fixes": m.fixes.iter().map(EditorFix::to_json).collect::<Vec<_>>(),
                    })
                })
                .collect();
            editor.handle.set_diagnostics(&serde_json::Value::Array(json).to_string());
        }
    }

    /// Makes the text read-only or editable.
    pub fn set_read_only(&self, read_only: bool) {
        if let Some(editor) = &*self.0.borrow() {
            editor.handle.set_read_only(read_only);
        }
    }

    /// Applies `fix` as one undoable edit; false when the text no longer holds what it replaces.
    pub fn apply_fix(&self, fix: &EditorFix) -> bool {
        match &*self.0.borrow() {
            Some(editor) => editor.handle.apply_edits(&fix.to_json()["edits"].to_string()),
            None => false,
        }
    }

    /// Writes the key at `path` into the values at its place ([`placement::place_key`]), as one undoable edit,
    /// or goes to it when it is there; the cursor ends at its value and the editor takes focus.
    pub fn insert_key(&self, path: &[String], opening: Opening) {
        if let Some(editor) = &*self.0.borrow() {
            let doc = editor.handle.get_doc();
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let placed = placement::place_key(&doc, &path, opening, None);
            let edits = if placed.is_go_to() { Vec::new() } else { vec![(placed.from, placed.to, placed.insert)] };
            editor.handle.apply_change(&change_json(&doc, &edits, placed.cursor));
        }
    }

    /// Moves the cursor to a 1-based line and column and focuses the editor.
    pub fn go_to(&self, line: usize, column: usize) {
        if let Some(editor) = &*self.0.borrow() {
            editor.handle.go_to(line, column);
        }
    }
}

/// The closures the editor calls: edits, completions, hover, highlighting, cursor, placing a nested key.
type Callbacks = (
    Closure<dyn Fn(String)>,
    Closure<dyn Fn(String, String) -> Option<String>>,
    Closure<dyn Fn(String) -> Option<String>>,
    Closure<dyn Fn(String) -> Vec<u32>>,
    Closure<dyn Fn(u32)>,
    Closure<dyn Fn(String, usize, usize, String, usize, String) -> String>,
);

/// The byte offset in `text` of a position counted in UTF-16 units (clamped to the text).
fn byte_of(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units >= utf16 {
            return byte;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `{edits: [{from, to, insert}], cursor}` for the editor: `edits` (bytes of `text`, in order) and `cursor`
/// (bytes of the text after them), in UTF-16 units.
fn change_json(text: &str, edits: &[(usize, usize, String)], cursor: usize) -> String {
    let utf16 = |text: &str, byte: usize| text.get(..byte).map_or(0, |before| before.encode_utf16().count());
    let mut after = text.to_string();
    for (from, to, insert) in edits.iter().rev() {
        after.replace_range(*from..*to, insert);
    }
    let edits: Vec<serde_json::Value> = edits
        .iter()
        .map(|(from, to, insert)| serde_json::json!({ "from": utf16(text, *from), "to": utf16(text, *to), "insert": insert }))
        .collect();
    serde_json::json!({ "edits": edits, "cursor": utf16(&after, cursor) }).to_string()
}

/// The handle and the closures it calls, kept alive together.
pub struct Editor {
    handle: EditorHandle,
    _callbacks: Callbacks,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_cross_in_utf16_units() {
        let text = "a: é😀\nb: 1\n";
        assert_eq!(byte_of(text, 5), "a: é😀".len());
        assert_eq!(byte_of(text, 99), text.len());
        let end = text.len();
        let json: serde_json::Value =
            serde_json::from_str(&change_json(text, &[(end, end, "c: ".into())], end + 3)).unwrap();
        assert_eq!(json["edits"][0]["from"], 12);
        assert_eq!(json["cursor"], 15);
    }
}
