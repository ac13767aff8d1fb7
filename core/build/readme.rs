//! A chart's README.md as the HTML the playground shows, made at build time so that no Markdown parser ships in
//! the WebAssembly (pulldown-cmark is a build-dependency only).
//!
//! The page puts this HTML in the DOM as it is, so it is sanitised here: raw HTML in the Markdown (blocks, inline
//! tags and comments) never passes through, links keep only `http`, `https` and relative targets (others become
//! their text), and images become their alt text (the page loads nothing from elsewhere). What is written for the
//! chart's contributors stays out: the generated values table (between `<!-- values-table:start -->` and
//! `<!-- values-table:end -->`, with its "edit xtask/schema/" comment), which the playground's values browser
//! replaces. Headings move one level down, under the page's own.
//!
//! `build.rs` includes this file as a module; the crate compiles it again under `cfg(test)` for its unit tests.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Where the generated values table starts and ends in a README.
pub const TABLE_START: &str = "<!-- values-table:start -->";
/// See [`TABLE_START`].
pub const TABLE_END: &str = "<!-- values-table:end -->";

/// The README as sanitised HTML, without its generated values table.
pub fn to_html(markdown: &str) -> String {
    let markdown = without_values_table(markdown);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // For each open link: whether it was kept (so its end is kept too).
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(&markdown, options).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let kept = allowed_link(&dest_url);
            links.push(kept);
            kept.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(Event::End(TagEnd::Link)),
        // An image's alt text arrives as the text events between its start and end: only those are kept.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading { level: lower(level), id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// `markdown` without the generated values table and its markers.
fn without_values_table(markdown: &str) -> String {
    match (markdown.find(TABLE_START), markdown.find(TABLE_END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &markdown[..start], &markdown[end + TABLE_END.len()..])
        }
        _ => markdown.to_string(),
    }
}

/// Whether a link's target may stay: `http:`, `https:` or relative to the page (`#part`, `other.html`). A
/// scheme is looked for as browsers read one, after dropping the whitespace and control characters they ignore.
fn allowed_link(target: &str) -> bool {
    let target: String = target.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    if target.starts_with("//") || target.starts_with("\\\\") || target.starts_with("/\\") {
        return false; // another host, with this page's scheme
    }
    let end = target.find(['/', '?', '#']).unwrap_or(target.len());
    match target[..end].split_once(':') {
        Some((scheme, _)) => matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"),
        None => true,
    }
}

/// One heading level down (the page has its own `h1`); `h6` stays.
fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html_with_headings_one_level_down() {
        let html =
            to_html("# k8s-service\n\nRuns `one` **app**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\nx: 1\n```\n");
        assert!(html.starts_with("<h2>k8s-service</h2>\n<p>Runs <code>one</code> <strong>app</strong>.</p>"), "{html}");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
        assert!(html.contains("<pre><code class=\"language-yaml\">x: 1\n</code></pre>"), "{html}");
    }

    #[test]
    fn raw_html_never_passes_through() {
        let html = to_html(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <b>bold</b>.\n\n<!-- a note -->\n\n<div onclick=\"x\">\n\nblock\n\n</div>\n",
        );
        for forbidden in ["<script", "<img", "<b>", "<!--", "<div", "onerror", "onclick"] {
            assert!(!html.contains(forbidden), "{forbidden} in {html}");
        }
        assert!(html.contains("Text") && html.contains("bold") && html.contains("block"), "{html}");
        assert!(to_html("`<b>` stays text").contains("<code>&lt;b&gt;</code>"));
    }

    #[test]
    fn links_keep_only_http_https_and_relative_targets() {
        let html = to_html(
            "[a](https://example.com/x) [b](http://example.com) [c](other.md#part) [d](#here) [e](javascript:alert(1)) \
             [f](JaVaScRiPt:alert(1)) [g](data:text/html,x) [h](//evil.example/x) [i](mailto:x@example.com) \
             [j](<java\tscript:alert(1)>) ![k](https://example.com/k.png)",
        );
        for kept in [
            r#"href="https://example.com/x""#,
            r#"href="http://example.com""#,
            r#"href="other.md#part""#,
            r##"href="#here""##,
        ] {
            assert!(html.contains(kept), "{kept} missing in {html}");
        }
        for dropped in ["javascript", "JaVaScRiPt", "data:", "evil.example", "mailto", "java", "<img", "k.png"] {
            assert!(!html.contains(dropped), "{dropped} in {html}");
        }
        for text in ["e", "f", "g", "h", "i", "j", "k"] {
            assert!(html.contains(&format!(" {text}")) || html.contains(&format!(">{text}")), "{text} lost in {html}");
        }
        assert_eq!(html.matches("<a ").count(), html.matches("</a>").count());
    }

    #[test]
    fn the_generated_values_table_and_its_note_stay_out() {
        let readme = format!(
            "## Values\n\n{TABLE_START}\n<!-- Generated by `cargo xtask docs`: edit xtask/schema/. -->\n| Key | Type |\n|--|--|\n| `a` | string |\n{TABLE_END}\n\nFile modes are octal.\n"
        );
        let html = to_html(&readme);
        assert_eq!(html, "<h3>Values</h3>\n<p>File modes are octal.</p>\n");
    }

    #[test]
    fn the_charts_readmes_show_no_contributor_notes() {
        for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
            let path = format!("{}/../charts/{chart}/README.md", env!("CARGO_MANIFEST_DIR"));
            let html = to_html(&std::fs::read_to_string(path).unwrap());
            for note in ["xtask", "values-table", "<!--", "| Key |", "<table>\n<thead>\n<tr>\n<th>Key</th>"] {
                assert!(!html.contains(note), "{chart}: {note}");
            }
            assert!(html.contains("<h2>") && html.contains("<table>"), "{chart}: {html}");
        }
    }
}
