//! The values editor: mounts CodeMirror once, then keeps it in step with the state.
//!
//! The editor owns its text while the user types; the state pushes text into it only when the text was replaced
//! from outside (`revision` changes: another tab, chart or draft), so typing never fights the state. Each tab is a
//! document of its own in the editor (`doc`), which keeps its undo history while another tab is shown.
//! CodeMirror is created once its script has loaded, after the first render; the text shows plainly until then.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::services::editor::{self, EditorSlot, Marker};
use crate::services::help::Help;
use crate::state::GoTo;

/// Props of [`ValuesEditor`].
#[derive(PartialEq, Properties)]
pub struct ValuesEditorProps {
    /// Where the editor lives, shared with whoever needs to steer it.
    pub slot: EditorSlot,
    /// The text of the tab shown.
    pub text: AttrValue,
    /// The tab's document, and the documents of every tab (see [`crate::state::State::doc_id`]).
    pub doc: u64,
    /// The documents of all the tabs.
    pub docs: Rc<Vec<u64>>,
    /// Whether the text is YAML (a values file) rather than flags.
    pub yaml: bool,
    /// Bumped when `text` was replaced from outside the editor.
    pub revision: u64,
    /// A place to bring the cursor to, once it is asked for.
    pub goto: Option<GoTo>,
    /// Gutter markers (problems located in the values).
    pub markers: Vec<Marker>,
    /// Completion and hover documentation from the chart's values schema.
    pub help: Help,
    /// Whether the values cannot be edited.
    pub read_only: bool,
    /// Called with the whole text after every edit.
    pub onedit: Callback<String>,
    /// Called with the cursor's position (UTF-16 units) once it rests.
    pub oncursor: Callback<u32>,
}

/// The values editor.
#[function_component]
pub fn ValuesEditor(props: &ValuesEditorProps) -> Html {
    let node = use_node_ref();
    // The editor's script runs after the first render has painted (see web/js/boot.js); until it is mounted the
    // values show as plain text, and the effects below apply the latest props again once it is.
    let mounted = use_state(|| false);
    {
        let (node, slot, text, yaml, read_only, onedit, oncursor, mounted) = (
            node.clone(),
            props.slot.clone(),
            props.text.clone(),
            props.yaml,
            props.read_only,
            props.onedit.clone(),
            props.oncursor.clone(),
            mounted.clone(),
        );
        use_effect_with((), move |_| {
            let alive = Rc::new(Cell::new(true));
            {
                let (alive, slot) = (alive.clone(), slot.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(error) = editor::ready().await {
                        web_sys::console::error_1(&error);
                        return;
                    }
                    if let (true, Some(parent)) = (alive.get(), node.cast::<web_sys::Element>()) {
                        slot.mount(
                            &parent,
                            &text,
                            yaml,
                            read_only,
                            move |text| onedit.emit(text),
                            move |at| oncursor.emit(at),
                        );
                        mounted.set(true);
                    }
                });
            }
            move || {
                alive.set(false);
                slot.unmount();
            }
        });
    }
    {
        let (slot, text, doc, docs, yaml) =
            (props.slot.clone(), props.text.clone(), props.doc, props.docs.clone(), props.yaml);
        use_effect_with((props.revision, *mounted), move |_| slot.show(doc, &text, yaml, &docs));
    }
    {
        // After the text: markers belong to the document shown.
        let slot = props.slot.clone();
        use_effect_with((props.markers.clone(), props.doc, props.revision, *mounted), move |(markers, ..)| {
            slot.set_markers(markers)
        });
    }
    {
        let slot = props.slot.clone();
        use_effect_with((props.goto, *mounted), move |(goto, _)| {
            if let Some(goto) = goto {
                slot.go_to(goto.line, goto.column);
            }
        });
    }
    {
        let slot = props.slot.clone();
        use_effect_with(props.help.clone(), move |help| slot.set_help(help.clone()));
    }
    {
        let slot = props.slot.clone();
        use_effect_with((props.read_only, *mounted), move |(read_only, _)| slot.set_read_only(*read_only));
    }
    // Tab indents in the editor; how to leave it shows while it has focus (and is its description).
    html! {
        <div class="editor" ref={node}>
            if !*mounted {
                <pre class="editor-fallback" data-testid="values-fallback">{ props.text.clone() }</pre>
            }
            if !props.read_only {
                <p class="editor-hint" id="editor-hint" data-testid="editor-hint">{ "Esc then Tab to leave the editor" }</p>
            }
        </div>
    }
}
