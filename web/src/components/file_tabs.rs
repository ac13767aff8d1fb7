//! The editor's tabs: the values files in merge order, then the flags panel; with the tools of the file shown
//! (rename, move earlier or later, download, remove) and a button that adds a file.
//!
//! The tabs follow the WAI-ARIA tabs pattern: one tab stop, arrow keys, Home and End move between them and show
//! the tab they reach. A tab's badge counts the problems located in it.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::draft::{name_problem, Tab, FLAGS_TAB};

/// The id of the element the tabs control (the editor).
pub const PANEL_ID: &str = "values-panel";

/// The id of a tab's element, for `aria-labelledby`.
pub fn tab_id(tab: Tab) -> String {
    match tab {
        Tab::File(index) => format!("values-tab-{index}"),
        Tab::Flags => "values-tab-flags".into(),
    }
}

/// Props of [`FileTabs`].
#[derive(PartialEq, Properties)]
pub struct FileTabsProps {
    /// The values files' names, in merge order.
    pub names: Rc<Vec<String>>,
    /// How many flags the flags panel holds.
    pub n_flags: usize,
    /// Problems located in each file, then in the flags panel.
    pub problems: Rc<Vec<usize>>,
    /// The tab shown.
    pub tab: Tab,
    /// Whether the values cannot be edited (no tools).
    pub read_only: bool,
    /// Shows a tab.
    pub onselect: Callback<Tab>,
    /// Adds a file.
    pub onadd: Callback<()>,
    /// Renames the file at an index.
    pub onrename: Callback<(usize, String)>,
    /// Moves the file at an index by -1 or 1.
    pub onmove: Callback<(usize, isize)>,
    /// Downloads the file at an index.
    pub ondownload: Callback<usize>,
    /// Removes the file at an index.
    pub onremove: Callback<usize>,
}

/// The tabs and their tools.
#[function_component]
pub fn FileTabs(props: &FileTabsProps) -> Html {
    let tabs: Vec<Tab> = (0..props.names.len()).map(Tab::File).chain([Tab::Flags]).collect();
    let list = use_node_ref();
    // The name being typed while renaming, if renaming.
    let renaming = use_state(|| None::<String>);
    {
        let renaming = renaming.clone();
        use_effect_with(props.tab, move |_| renaming.set(None));
    }
    let onkeydown = {
        let (tabs, onselect, list, current) = (tabs.clone(), props.onselect.clone(), list.clone(), props.tab);
        Callback::from(move |event: KeyboardEvent| {
            let at = tabs.iter().position(|tab| *tab == current).unwrap_or_default();
            let to = match event.key().as_str() {
                "ArrowRight" => (at + 1) % tabs.len(),
                "ArrowLeft" => (at + tabs.len() - 1) % tabs.len(),
                "Home" => 0,
                "End" => tabs.len() - 1,
                _ => return,
            };
            event.prevent_default();
            onselect.emit(tabs[to]);
            focus_tab(&list, tabs[to]);
        })
    };
    let tab_button = |tab: Tab| {
        let (name, problems) = match tab {
            Tab::File(index) => (props.names[index].clone(), props.problems.get(index).copied().unwrap_or_default()),
            Tab::Flags => (FLAGS_TAB.to_string(), props.problems.last().copied().unwrap_or_default()),
        };
        let selected = tab == props.tab;
        let count = match tab {
            Tab::Flags if props.n_flags > 0 => Some(html! { <span class="tab-count">{ props.n_flags }</span> }),
            _ => None,
        };
        let badge = (problems > 0).then(|| {
            let label = format!("{problems} problem{}", if problems == 1 { "" } else { "s" });
            html! { <span class="tab-badge" aria-label={label.clone()} title={label}>{ problems }</span> }
        });
        let title = match tab {
            Tab::File(index) => format!("-f {name}: values file {} of {}", index + 1, props.names.len()),
            Tab::Flags => {
                "--set, --set-string, --set-json and --set-literal flags, one per line; they apply after the files"
                    .into()
            }
        };
        html! {
            <button type="button" role="tab" id={tab_id(tab)} aria-selected={selected.to_string()}
                aria-controls={PANEL_ID} tabindex={if selected { "0" } else { "-1" }} {title}
                class={classes!("file-tab", (tab == Tab::Flags).then_some("flags-tab"))}
                data-testid="file-tab" data-name={name.clone()}
                onclick={props.onselect.reform(move |_: MouseEvent| tab)}>
                <span class="tab-name">{ name }</span>{ for count }{ for badge }
            </button>
        }
    };
    let tools = match (props.tab, props.read_only) {
        (Tab::File(index), false) => Some(file_tools(props, index, &renaming)),
        _ => None,
    };
    html! {
        <div class="file-tabs">
            <div class="tab-list" role="tablist" aria-label="Values files in merge order, then flags" ref={list} {onkeydown}>
                { for tabs.iter().map(|tab| tab_button(*tab)) }
            </div>
            if !props.read_only {
                <button type="button" class="button small ghost" onclick={props.onadd.reform(|_: MouseEvent| ())}
                    title="Add a values file; it merges after the others, as a later -f does" data-testid="add-file">
                    { "+ File" }
                </button>
            }
            { for tools }
        </div>
    }
}

/// Moves keyboard focus to `tab`'s element once it is drawn.
fn focus_tab(list: &NodeRef, tab: Tab) {
    let list = list.clone();
    gloo_timers::callback::Timeout::new(0, move || {
        let found = list.cast::<web_sys::Element>().and_then(|l| l.query_selector(&format!("#{}", tab_id(tab))).ok());
        if let Some(element) =
            found.flatten().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = element.focus();
        }
    })
    .forget();
}

/// The tools of the file at `index`: renaming (an input while it lasts), moving, downloading, removing.
fn file_tools(props: &FileTabsProps, index: usize, renaming: &UseStateHandle<Option<String>>) -> Html {
    let name = props.names[index].clone();
    let names: Vec<&str> = props.names.iter().map(String::as_str).collect();
    if let Some(typed) = (**renaming).clone() {
        let problem = name_problem(&names, Some(index), typed.trim());
        let commit = {
            let (renaming, onrename, typed, ok) =
                (renaming.clone(), props.onrename.clone(), typed.clone(), problem.is_none());
            move || {
                if ok {
                    onrename.emit((index, typed.trim().to_string()));
                }
                renaming.set(None);
            }
        };
        let oninput = {
            let renaming = renaming.clone();
            Callback::from(move |event: InputEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                renaming.set(Some(input.value()));
            })
        };
        let onkeydown = {
            let (commit, renaming) = (commit.clone(), renaming.clone());
            Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
                "Enter" => commit(),
                "Escape" => renaming.set(None),
                _ => {}
            })
        };
        let onsubmit = Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            commit();
        });
        let cancel = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(None))
        };
        return html! {
            <form class="file-tools renaming" {onsubmit}>
                <input class="rename-input" value={typed} aria-label={format!("New name of {name}")} {oninput} {onkeydown}
                    aria-invalid={problem.is_some().to_string()} aria-describedby="rename-problem" data-testid="rename-input"
                    autofocus=true spellcheck="false" />
                <button type="submit" class="button small" disabled={problem.is_some()}>{ "Rename" }</button>
                <button type="button" class="button small ghost" onclick={cancel}>{ "Cancel" }</button>
                <span id="rename-problem" class="rename-problem" role="status">{ problem.unwrap_or_default() }</span>
            </form>
        };
    }
    let last = props.names.len() - 1;
    let start = {
        let (renaming, name) = (renaming.clone(), name.clone());
        Callback::from(move |_: MouseEvent| renaming.set(Some(name.clone())))
    };
    let button = |label: &str, text: &str, enabled: bool, onclick: Callback<MouseEvent>, testid: &str| {
        html! {
            <button type="button" class="button small ghost icon" aria-label={format!("{label} {name}")} title={label.to_string()}
                disabled={!enabled} {onclick} data-testid={testid.to_string()}>
                { text.to_string() }
            </button>
        }
    };
    html! {
        <div class="file-tools" role="group" aria-label={format!("{name} tools")}>
            { button("Rename", "✎", true, start, "rename-file") }
            { button("Merge earlier:", "◀", index > 0, props.onmove.reform(move |_| (index, -1)), "move-earlier") }
            { button("Merge later:", "▶", index < last, props.onmove.reform(move |_| (index, 1)), "move-later") }
            { button("Download", "⤓", true, props.ondownload.reform(move |_| index), "download-file") }
            { button("Remove", "✕", last > 0, props.onremove.reform(move |_| index), "remove-file") }
        </div>
    }
}
