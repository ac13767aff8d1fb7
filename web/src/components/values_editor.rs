//! The values editor: mounts CodeMirror once, then keeps it in step with the state.
//!
//! The editor owns its text while the user types; the state pushes text into it only when the values were
//! replaced from outside (`revision` changes: another chart, a restored draft), so typing never fights the state.

use yew::prelude::*;

use crate::services::editor::{EditorSlot, Marker};
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
    {
        let (node, slot, text, read_only, onedit) =
            (node.clone(), props.slot.clone(), props.text.clone(), props.read_only, props.onedit.clone());
        use_effect_with((), move |_| {
            if let Some(parent) = node.cast::<web_sys::Element>() {
                slot.mount(&parent, &text, read_only, move |text| onedit.emit(text));
            }
            move || slot.unmount()
        });
    }
    {
        let (slot, text) = (props.slot.clone(), props.text.clone());
        use_effect_with(props.revision, move |_| slot.set_text(&text));
    }
    {
        let slot = props.slot.clone();
        use_effect_with(props.markers.clone(), move |markers| slot.set_markers(markers));
    }
    {
        let slot = props.slot.clone();
        use_effect_with(props.help.clone(), move |help| slot.set_help(help.clone()));
    }
    {
        let slot = props.slot.clone();
        use_effect_with(props.read_only, move |read_only| slot.set_read_only(*read_only));
    }
    html! { <div class="editor" ref={node}></div> }
}
