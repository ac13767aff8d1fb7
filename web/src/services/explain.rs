//! Explaining the output in the playground: for each line of each manifest, the values behind it; for a value,
//! the lines it produced. Built from core's trace ([`chartplay_core::trace`]), which is computed when the page is
//! idle after an edit, not on every keystroke.

use chartplay_core::trace::Trace;
use chartplay_core::values::path::SpanIndex;
use chartplay_core::{Origin, Rendered, ValuePath};

/// Where one value comes from, in words, and where to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The value (`replicaCount`).
    pub value: ValuePath,
    /// Where it comes from.
    pub origin: Origin,
}

impl Source {
    /// `values.yaml:9:15`, `--set replicaCount=3` or `chart default`.
    pub fn origin_label(&self) -> String {
        match &self.origin {
            Origin::File(location) | Origin::Flag(location) => location.to_string(),
            Origin::Default => "chart default".to_string(),
        }
    }
}

/// The lines of one manifest and the values behind each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManifestLines {
    /// For each line of the manifest's text, the indexes of its sources in [`Explanation::sources`].
    pub lines: Vec<Vec<usize>>,
    /// For each line, the field it is (`spec.replicas`), when it holds one.
    pub fields: Vec<Option<String>>,
}

/// The output of one render, explained.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Explanation {
    /// Per manifest, in output order.
    pub manifests: Vec<ManifestLines>,
    /// Every distinct source.
    pub sources: Vec<Source>,
}

impl Explanation {
    /// The explanation of `rendered` from its `trace`.
    pub fn new(trace: &Trace, rendered: &Rendered) -> Explanation {
        let mut sources: Vec<Source> = Vec::new();
        let manifests = trace
            .manifests()
            .iter()
            .zip(&rendered.manifests)
            .map(|(manifest, rendered)| {
                let text = &rendered.text;
                let starts: Vec<usize> =
                    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
                let line_of = |offset: usize| starts.partition_point(|start| *start <= offset).saturating_sub(1);
                let mut lines = vec![Vec::new(); starts.len()];
                for span in &manifest.spans {
                    let source = Source { value: span.value.clone(), origin: span.origin.clone() };
                    let index = match sources.iter().position(|s| *s == source) {
                        Some(index) => index,
                        None => {
                            sources.push(source);
                            sources.len() - 1
                        }
                    };
                    let last = line_of(span.range.end.saturating_sub(1).max(span.range.start));
                    for line in &mut lines[line_of(span.range.start)..=last] {
                        if !line.contains(&index) {
                            line.push(index);
                        }
                    }
                }
                // A line's field: the one whose key (or item) starts the line's content.
                let fields = starts
                    .iter()
                    .enumerate()
                    .map(|(line, start)| {
                        let end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
                        let content = text[*start..end].trim_start().trim_start_matches("- ");
                        manifest.field_at(end - content.len()).map(ToString::to_string)
                    })
                    .collect();
                ManifestLines { lines, fields }
            })
            .collect();
        Explanation { manifests, sources }
    }

    /// The sources of line `line` of manifest `manifest`.
    pub fn line(&self, manifest: usize, line: usize) -> Vec<&Source> {
        let lines = self.manifests.get(manifest).and_then(|m| m.lines.get(line));
        lines.into_iter().flatten().filter_map(|index| self.sources.get(*index)).collect()
    }

    /// The lines each manifest has from the value at `value` or below it: `(manifest, lines)` for the manifests
    /// that have some.
    pub fn lines_of(&self, value: &ValuePath) -> Vec<(usize, Vec<usize>)> {
        let wanted: Vec<usize> = (self.sources.iter().enumerate())
            .filter(|(_, source)| source.value.0.starts_with(&value.0))
            .map(|(index, _)| index)
            .collect();
        (self.manifests.iter().enumerate())
            .filter_map(|(index, manifest)| {
                let lines: Vec<usize> = (manifest.lines.iter().enumerate())
                    .filter(|(_, sources)| sources.iter().any(|s| wanted.contains(s)))
                    .map(|(line, _)| line)
                    .collect();
                (!lines.is_empty()).then_some((index, lines))
            })
            .collect()
    }
}

/// The value path at the cursor of the editor (a UTF-16 position in `text`, as CodeMirror counts): the deepest
/// key or value written there.
pub fn path_at(text: &str, utf16: usize) -> Option<ValuePath> {
    let mut units = 0;
    let mut offset = text.len();
    for (byte, c) in text.char_indices() {
        if units >= utf16 {
            offset = byte;
            break;
        }
        units += c.len_utf16();
    }
    let spans: SpanIndex = chartplay_core::yaml::read::read(text, "values.yaml").ok()?.spans;
    // At the end of a line, or after what closes a value (`]`, `}`, `,`), the cursor is on what precedes it.
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let mut at = offset;
    loop {
        if let Some(path) = spans.path_at(at) {
            return Some(path.clone());
        }
        match text[line_start..at].chars().next_back() {
            Some(c @ (' ' | ']' | '}' | ',' | '"' | '\'')) => at -= c.len_utf8(),
            _ => return None,
        }
    }
}

/// What a value the cursor is on produced: its lines, or why it produced none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focused {
    /// The value.
    pub path: ValuePath,
    /// `(manifest, lines)` it produced; `None` until the output is explained.
    pub lines: Option<Vec<(usize, Vec<usize>)>>,
    /// Whether the chart reads it at all.
    pub read: bool,
    /// Why it produces nothing, when the chart says (`ingress.enabled is false`).
    pub reason: Option<String>,
}

impl Focused {
    /// `4 fields in 2 manifests`, or `not used with these values: ingress.enabled is false`.
    pub fn summary(&self) -> String {
        let Some(lines) = &self.lines else { return format!("{}: …", self.path) };
        let fields: usize = lines.iter().map(|(_, lines)| lines.len()).sum();
        let manifests = lines.len();
        match (fields, &self.reason, self.read) {
            (0, Some(reason), _) => format!("{}: not used with these values ({reason})", self.path),
            (0, None, true) => format!("{}: read by the chart, but it writes no field of its own", self.path),
            (0, None, false) => format!("{}: not used with these values", self.path),
            _ => format!(
                "{}: {fields} line{} in {manifests} manifest{}",
                self.path,
                if fields == 1 { "" } else { "s" },
                if manifests == 1 { "" } else { "s" }
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use chartplay_core::{Checks, Inputs, Session, ValuesFile};

    use super::*;

    fn explain(values: &str) -> (Explanation, Rendered) {
        let mut session = Session::builtin("k8s-service").unwrap();
        let inputs = Inputs { files: vec![ValuesFile::new("values.yaml", values)], ..Inputs::default() };
        let rendered = session.run(&inputs, Checks::default()).rendered.unwrap();
        let trace = session.trace(&inputs).unwrap();
        (Explanation::new(&trace, &rendered), rendered)
    }

    const VALUES: &str =
        "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\nreplicaCount: 3\n";

    #[test]
    fn each_line_knows_its_sources_and_each_value_its_lines() {
        let (explanation, rendered) = explain(VALUES);
        let deployment = rendered.manifests.iter().position(|m| m.kind == "Deployment").unwrap();
        let text = &rendered.manifests[deployment].text;
        let line = text.lines().position(|l| l.trim() == "replicas: 3").unwrap();
        let sources = explanation.line(deployment, line);
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].value.to_string(), "replicaCount");
        assert_eq!(sources[0].origin_label(), "values.yaml:5:15");
        assert_eq!(explanation.manifests[deployment].fields[line].as_deref(), Some("spec.replicas"));
        let lines = explanation.lines_of(&ValuePath::parse("replicaCount").unwrap());
        assert_eq!(lines, [(deployment, vec![line])]);
        let image = explanation.lines_of(&ValuePath::parse("containerImage").unwrap());
        assert_eq!(image.len(), 1, "{image:?}");
    }

    #[test]
    fn the_cursor_is_on_the_deepest_key_there() {
        let at = |needle: &str| path_at(VALUES, VALUES.find(needle).unwrap() + 1).map(|p| p.to_string());
        assert_eq!(at("repository").as_deref(), Some("containerImage.repository"));
        assert_eq!(at("replicaCount").as_deref(), Some("replicaCount"));
        let text = "ingress:\n  hosts: [web.example.com]\n";
        assert_eq!(path_at(text, text.len() - 1).map(|p| p.to_string()).as_deref(), Some("ingress.hosts[0]"));
        // UTF-16 positions: an emoji takes two units.
        assert_eq!(path_at("a: 😀\nb: 1\n", 7).map(|p| p.to_string()).as_deref(), Some("b"));
    }
}
