//! History: the drafts kept from the chart's work, newest first, each with when and why it was kept, whose it was,
//! what it holds, and a button that brings it back (the draft it replaces is kept in turn).

use yew::prelude::*;

use crate::draft::{History, Owner};

/// Props of [`HistoryMenu`].
#[derive(PartialEq, Properties)]
pub struct HistoryMenuProps {
    /// The kept drafts.
    pub history: History,
    /// Brings back the draft at an index.
    pub onrestore: Callback<usize>,
}

/// The history, behind a disclosure button.
#[function_component]
pub fn HistoryMenu(props: &HistoryMenuProps) -> Html {
    let details = use_node_ref();
    let now = crate::draft::now();
    let entry = |(index, kept): (usize, &crate::draft::Kept)| {
        let whose = match kept.owner {
            Owner::Own => "Your draft",
            Owner::Link => "A shared link's values",
        };
        let onclick = {
            let (onrestore, details) = (props.onrestore.clone(), details.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(details) = details.cast::<web_sys::Element>() {
                    let _ = details.remove_attribute("open");
                }
                onrestore.emit(index)
            })
        };
        html! {
            <li class="history-entry" data-testid="history-entry">
                <div class="history-what">
                    <strong>{ whose }</strong>
                    { format!(", kept {} before {}", when(kept.time, now), kept.replaced.describe()) }
                    <div class="history-summary">{ kept.draft.summary() }</div>
                </div>
                <button type="button" class="button small" {onclick} data-testid="history-restore">{ "Restore" }</button>
            </li>
        }
    };
    html! {
        <details class="menu history" ref={details.clone()} data-testid="history">
            <summary class="button small ghost" title="Drafts kept when something replaced them">
                { format!("History ({})", props.history.len()) }
            </summary>
            <div class="menu-body">
                if props.history.is_empty() {
                    <p class="menu-empty">{ "Nothing kept yet. A draft is kept here whenever a shared link, Example, the defaults, a restore or removing a file replaces it." }</p>
                } else {
                    <ul class="history-list">{ for props.history.iter().enumerate().map(entry) }</ul>
                }
            </div>
        </details>
    }
}

/// When `time` was, from `now` (both in milliseconds since the epoch), in words.
fn when(time: u64, now: u64) -> String {
    if time == 0 {
        return "earlier".into();
    }
    let minutes = now.saturating_sub(time) / 60_000;
    match minutes {
        0 => "just now".into(),
        1 => "1 minute ago".into(),
        2..=59 => format!("{minutes} minutes ago"),
        60..=119 => "1 hour ago".into(),
        120..=2879 => format!("{} hours ago", minutes / 60),
        _ => format!("{} days ago", minutes / 1440),
    }
}

#[cfg(test)]
mod tests {
    use super::when;

    #[test]
    fn times_read_as_words() {
        let now = 10 * 86_400_000;
        assert_eq!(when(0, now), "earlier");
        assert_eq!(when(now - 5_000, now), "just now");
        assert_eq!(when(now - 5 * 60_000, now), "5 minutes ago");
        assert_eq!(when(now - 3 * 3_600_000, now), "3 hours ago");
        assert_eq!(when(now - 3 * 86_400_000, now), "3 days ago");
        assert_eq!(when(now + 1, now), "just now", "a clock that moved back");
    }
}
