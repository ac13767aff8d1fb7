//! "Command": the command lines that render what the page shows, `chartplay render …` and `helm template …`, with
//! the values files named as their tabs, each with a copy button.

use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::services::command::Commands;

/// Props of [`CommandMenu`].
#[derive(PartialEq, Properties)]
pub struct CommandMenuProps {
    /// The command lines, or `None` while the flags panel does not read.
    pub commands: Option<Commands>,
}

/// The command lines, behind a disclosure button.
#[function_component]
pub fn CommandMenu(props: &CommandMenuProps) -> Html {
    let line = |label: &'static str, text: &str, testid: &'static str| {
        html! {
            <div class="command-line">
                <code data-testid={testid}>{ text.to_string() }</code>
                <CopyButton text={AttrValue::from(text.to_string())} aria_label={AttrValue::Static(label)} />
            </div>
        }
    };
    html! {
        <details class="menu command" data-testid="command">
            <summary class="button small ghost" title="The command lines that render these manifests">{ "Command" }</summary>
            <div class="menu-body">
                if let Some(commands) = &props.commands {
                    <p class="menu-note">{ "Save each values file under its tab's name, then run:" }</p>
                    { line("Copy the chartplay command", &commands.chartplay, "command-chartplay") }
                    <p class="menu-note">{ "or, with Helm, in a clone of chartplay's repository:" }</p>
                    { line("Copy the helm command", &commands.helm, "command-helm") }
                } else {
                    <p class="menu-empty">{ "The --set tab has a line that is not a flag; fix it to get the command." }</p>
                }
            </div>
        </details>
    }
}
