//! Value paths such as `service.ports[0].port`, and the index from a path to where the value is written.

use std::collections::HashMap;

use crate::error::Location;

/// One step of a value path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A map key.
    Key(String),
    /// A list index.
    Index(usize),
}

/// A path from the root of a values tree to one value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ValuePath(pub Vec<Segment>);

impl ValuePath {
    /// The path one step further down.
    pub fn child(&self, segment: Segment) -> ValuePath {
        let mut segments = self.0.clone();
        segments.push(segment);
        ValuePath(segments)
    }

    /// Parses the display form back: `service.ports[0].port`, `a["b.c"]`. `None` when malformed.
    pub fn parse(text: &str) -> Option<ValuePath> {
        let mut segments = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                if let Some(quoted) = after.strip_prefix('"') {
                    let end = quoted.find("\"]")?;
                    segments.push(Segment::Key(quoted[..end].to_string()));
                    rest = &quoted[end + 2..];
                } else {
                    let end = after.find(']')?;
                    segments.push(Segment::Index(after[..end].parse().ok()?));
                    rest = &after[end + 1..];
                }
            } else {
                let body = rest.strip_prefix('.').unwrap_or(rest);
                let end = body.find(['.', '[']).unwrap_or(body.len());
                if end == 0 {
                    return None;
                }
                segments.push(Segment::Key(body[..end].to_string()));
                rest = &body[end..];
            }
        }
        Some(ValuePath(segments))
    }

    /// The map keys along the path, list indexes left out (`a[0].b` gives `a`, `b`).
    pub fn keys(&self) -> Vec<String> {
        self.0
            .iter()
            .filter_map(|segment| match segment {
                Segment::Key(key) => Some(key.clone()),
                Segment::Index(_) => None,
            })
            .collect()
    }

    /// The path one step up, or `None` at the root.
    pub fn parent(&self) -> Option<ValuePath> {
        if self.0.is_empty() {
            None
        } else {
            Some(ValuePath(self.0[..self.0.len() - 1].to_vec()))
        }
    }
}

impl std::fmt::Display for ValuePath {
    /// `service.ports[0].port`; keys that are not plain identifiers are written as `["a.b"]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (idx, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::Key(key) => {
                    let plain = !key.is_empty()
                        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '/');
                    if !plain {
                        write!(f, "[{key:?}]")?;
                    } else if idx == 0 {
                        f.write_str(key)?;
                    } else {
                        write!(f, ".{key}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_and_parse_back() {
        for text in ["service.ports[0].port", "a[\"b.c\"].d", "x[1][2]", "containerImage.repository"] {
            let path = ValuePath::parse(text);
            assert_eq!(path.map(|p| p.to_string()).as_deref(), Some(text));
        }
        assert_eq!(ValuePath::parse("a..b"), None);
    }
}

/// Where each value of a values file is written: value path → location of the value (for a map entry: its key),
/// and for a map entry whose value is a scalar, the bytes of that scalar.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    spans: HashMap<ValuePath, Location>,
    values: HashMap<ValuePath, std::ops::Range<usize>>,
}

impl SpanIndex {
    /// Records where the value at `path` is written.
    pub fn insert(&mut self, path: ValuePath, location: Location) {
        self.spans.insert(path, location);
    }

    /// Records the bytes of the scalar value of the map entry at `path`.
    pub fn insert_value(&mut self, path: ValuePath, range: std::ops::Range<usize>) {
        self.values.insert(path, range);
    }

    /// The bytes of the scalar value at `path`: of a map entry's value, or of a list item.
    pub fn value_range(&self, path: &ValuePath) -> Option<std::ops::Range<usize>> {
        match path.0.last() {
            Some(Segment::Index(_)) => self.spans.get(path).and_then(|location| location.range.clone()),
            _ => self.values.get(path).cloned(),
        }
    }

    /// Where the value at `path` is written, if it is.
    pub fn get(&self, path: &ValuePath) -> Option<&Location> {
        self.spans.get(path)
    }

    /// Where the value at `path` is written, or its nearest written parent.
    pub fn locate(&self, path: &ValuePath) -> Option<&Location> {
        let mut current = Some(path.clone());
        while let Some(p) = current {
            if let Some(location) = self.spans.get(&p) {
                return Some(location);
            }
            current = p.parent();
        }
        None
    }

    /// The deepest path whose key (or list item) or scalar value holds the byte at `offset`: what a cursor there
    /// is on.
    pub fn path_at(&self, offset: usize) -> Option<&ValuePath> {
        let holds = |range: &std::ops::Range<usize>| range.start <= offset && offset <= range.end && !range.is_empty();
        let keys = self.spans.iter().filter(|(_, l)| l.range.as_ref().is_some_and(holds)).map(|(p, _)| p);
        let values = self.values.iter().filter(|(_, range)| holds(range)).map(|(p, _)| p);
        keys.chain(values).filter(|p| !p.0.is_empty()).max_by_key(|p| p.0.len())
    }

    /// Every recorded path.
    pub fn paths(&self) -> impl Iterator<Item = &ValuePath> {
        self.spans.keys()
    }

    /// Number of recorded values.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

#[cfg(test)]
mod span_tests {
    use crate::yaml::read::read;

    #[test]
    fn the_path_at_a_cursor_is_the_deepest_key_or_value_there() {
        let src = "a: 1\nsvc:\n  ports: {http: 80}\n  name: web\n";
        let spans = read(src, "v.yaml").unwrap_or_default().spans;
        let at = |needle: &str| spans.path_at(src.find(needle).unwrap_or(0) + 1).map(ToString::to_string);
        assert_eq!(at("svc").as_deref(), Some("svc"));
        assert_eq!(at("http").as_deref(), Some("svc.ports.http"));
        assert_eq!(at("80").as_deref(), Some("svc.ports.http"));
        assert_eq!(at("web").as_deref(), Some("svc.name"));
        assert_eq!(spans.path_at(src.len() + 10), None);
    }
}
