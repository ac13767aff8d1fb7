//! The status line under the editor: what the pipeline found, as a list, under a one-line summary (manifests,
//! render time, which Kubernetes schema checked them) when the values rendered, or as an alert when they did not.
//!
//! Its height is fixed, so the layout does not jump while typing turns problems on and off. A problem's place is a
//! button when it leads somewhere: the line in the values, or the manifest's card in the output.

use std::rc::Rc;

use chartplay_core::{Diagnostic, Fix, Severity, Timings};
use yew::prelude::*;

/// Props of [`Problems`].
#[derive(PartialEq, Properties)]
pub struct ProblemsProps {
    /// What the pipeline found in the current inputs.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Whether the inputs failed to render (the output shown is older).
    pub stale: bool,
    /// The editor's tabs by name (the values files, then the flags panel): diagnostics located in one lead to
    /// their line.
    pub tabs: Rc<Vec<String>>,
    /// How many manifests the last good render produced.
    pub n_docs: usize,
    /// How long the last render took, per step.
    pub timings: Timings,
    /// The Kubernetes schema version the output was checked against, if it was.
    pub kube_checked: Option<&'static str>,
    /// Jumps to a tab's 1-based line and column.
    pub ongoto: Callback<(String, usize, usize)>,
    /// Shows the manifest with this index in the output.
    pub onshow: Callback<usize>,
    /// Applies a fix to the values in the editor.
    pub onfix: Callback<Fix>,
}

/// The status line.
#[function_component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let item = |diagnostic: &Diagnostic| {
        let in_editor =
            diagnostic.location.as_ref().filter(|l| l.line > 0 && props.tabs.iter().any(|tab| **tab == *l.file));
        let place = match (in_editor, &diagnostic.field, &diagnostic.location) {
            (Some(location), _, _) => {
                let (file, line, column) = (location.file.to_string(), location.line, location.column.max(1));
                // With one values file and no flags, the file goes without saying.
                let named = if props.tabs.len() > 2 || props.tabs.last() == Some(&file) {
                    format!("{file} ")
                } else {
                    String::new()
                };
                let ongoto = props.ongoto.clone();
                html! {
                    <button type="button" class="place" title="Go to this line"
                        onclick={Callback::from(move |_: MouseEvent| ongoto.emit((file.clone(), line, column)))}>
                        { format!("{named}line {line}, column {column}") }
                    </button>
                }
            }
            (None, Some(field), _) => {
                let document = field.document;
                html! {
                    <button type="button" class="place" onclick={props.onshow.reform(move |_: MouseEvent| document)}
                        title="Show this manifest">
                        { field.to_string() }
                    </button>
                }
            }
            (None, None, Some(location)) if !location.file.is_empty() => {
                html! { <span class="place">{ location.to_string() }</span> }
            }
            _ => html! {},
        };
        let text = if diagnostic.fixes.is_empty() { diagnostic.what() } else { diagnostic.what_but_help() };
        let (class, sign, label) = match diagnostic.severity {
            Severity::Error => ("error", "✕", "error"),
            Severity::Warning => ("warning", "⚠", "warning"),
            Severity::Info => ("info", "ℹ", "note"),
        };
        // Fixes of the values, one button each.
        let fixes = diagnostic.fixes.iter().filter(|fix| {
            fix.edits.first().is_some_and(|first| {
                props.tabs.iter().any(|tab| **tab == *first.file) && fix.edits.iter().all(|e| e.file == first.file)
            })
        });
        let fixes = fixes.map(|fix| {
            let (onfix, apply) = (props.onfix.clone(), fix.clone());
            html! {
                <button type="button" class="fix" onclick={Callback::from(move |_: MouseEvent| onfix.emit(apply.clone()))}
                    data-testid="fix">
                    { fix.title.clone() }
                </button>
            }
        });
        html! {
            <li class={class}>
                <span class="sign" role="img" aria-label={label}>{ sign }</span>
                { place }
                <span class="message">{ text }</span>
                { for fixes }
            </li>
        }
    };
    let list = (!props.diagnostics.is_empty()).then(|| {
        html! {
            <ul class="diagnostics" data-testid="diagnostics">
                { for props.diagnostics.iter().map(item) }
            </ul>
        }
    });
    if props.stale {
        return html! {
            <div class="status status-error" role="alert" data-testid="problems">
                { for list }
            </div>
        };
    }
    let plural = if props.n_docs == 1 { "" } else { "s" };
    let count =
        |severity: Severity, word: &str| match props.diagnostics.iter().filter(|d| d.severity == severity).count() {
            0 => String::new(),
            1 => format!(" · 1 {word}"),
            n => format!(" · {n} {word}s"),
        };
    let summary = format!("{}{}", count(Severity::Error, "problem"), count(Severity::Warning, "warning"));
    let kube = props.kube_checked.map(|version| format!(" · checked against Kubernetes {version}")).unwrap_or_default();
    let has_errors = props.diagnostics.iter().any(Diagnostic::is_error);
    let class = classes!(
        "status",
        match (has_errors, props.diagnostics.is_empty()) {
            (true, _) => "status-error",
            (false, true) => "status-ok",
            (false, false) => "status-warn",
        }
    );
    let Timings { total, values, objects } = props.timings;
    html! {
        <div {class} role="status" data-testid="status">
            <div class="summary"
                title={format!("values checked against the chart's schema in {values:.2} ms, objects against Kubernetes' in {objects:.2} ms")}
                data-check-ms={format!("{values:.3}")} data-kube-ms={format!("{objects:.3}")} data-kube={props.kube_checked.unwrap_or_default()}>
                { format!("✓ {} manifest{plural}{kube} · rendered in {total:.1} ms{summary}", props.n_docs) }
            </div>
            { for list }
        </div>
    }
}
