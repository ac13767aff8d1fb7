//! The values editor: mounts CodeMirror once, then keeps it in step with the state.
//!
//! The editor owns its text while the user types; the state pushes text into it only when the values were
//! replaced from outside (`revision` changes: another chart, a restored draft), so typing never fights the state.
//! CodeMirror is created once its script has loaded, after the first render; the text shows plainly until then.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::services::editor::{self, EditorSlot, Marker};
use crate::services::help::Help;

/// Props of [`ValuesEditor`].
#[derive(PartialEq, Properties)]
pub struct ValuesEditorProps {
    /// Where the editor lives, shared with whoever needs to steer it.
    pub slot: EditorSlot,
    /// The values text.
    pub text: AttrValue,
    /// Bumped when `text` was replaced from outside the editor.
    pub revision: u64,
    /// Gutter markers (problems located in the values).
    pub markers: Vec<Marker>,
    /// Completion and hover documentation from the chart's values schema.
    pub help: Help,
    /// Whether the values cannot be edited.
    pub read_only: bool,
    /// Called with the whole text after every edit.
    pub onedit: Callback<String>,
}

/// The values editor.
#[function_component]
pub fn ValuesEditor(props: &ValuesEditorProps) -> Html {
    let node = use_node_ref();
    // The editor's script runs after the first render has painted (see web/js/boot.js); until it is mounted the
    // values show as plain text, and the effects below apply the latest props again once it is.
    let mounted = use_state(|| false);
    {
        let (node, slot, text, read_only, onedit, mounted) = (
            node.clone(),
            props.slot.clone(),
            props.text.clone(),
            props.read_only,
            props.onedit.clone(),
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
                        slot.mount(&parent, &text, read_only, move |text| onedit.emit(text));
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
        let (slot, text) = (props.slot.clone(), props.text.clone());
        use_effect_with((props.revision, *mounted), move |_| slot.set_text(&text));
    }
    {
        let slot = props.slot.clone();
        use_effect_with((props.markers.clone(), *mounted), move |(markers, _)| slot.set_markers(markers));
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
