//! Fuzzy matching of what a user types against key paths (`horizontalPodAutoscaler.maxReplicas`) and
//! descriptions, for the editor's completion and the values browser's search.
//!
//! A match is ranked by how it matches, best first: the whole of a key, the start of a key, the start of a word
//! inside a key (`Replicas` in `maxReplicas`), anywhere in a key, a word of the description, then the typed
//! letters in order (`hpa` in `horizontalPodAutoscaler`). A query ending in `s` also matches as its singular, a
//! little lower, so "replicas" finds `replicaCount`. The last key of a path counts more than its parents.

/// How well `query` matches a key path and its description; `None` when it does not. Higher is better; an empty
/// query matches everything with 0.
pub fn score(query: &str, path: &str, description: &str) -> Option<u32> {
    // Keys are ASCII; descriptions compare their ASCII letters case-insensitively too.
    let query = query.trim().to_ascii_lowercase();
    if query.is_empty() {
        return Some(0);
    }
    let whole = score_query(&query, path, description);
    let singular = singular(&query).and_then(|stem| score_query(stem, path, description)).map(|s| s.saturating_sub(5));
    whole.max(singular)
}

/// A ranked key's sort key, packed in one integer so that every ranked list sorts with the same code ([`order`]):
/// keys documented as unused last, then the best match first, the fewest levels, the chart's order.
pub fn rank(unused: bool, score: u32, depth: usize, order: usize) -> u64 {
    let unused = u64::from(unused) << 63;
    let worse = u64::from(0xFFFF - score.min(0xFFFF)) << 47;
    let depth = (depth.min(0x7F) as u64) << 40;
    unused | worse | depth | (order as u64).min((1 << 40) - 1)
}

/// The indices of `keys`, lowest key first (equal keys in index order).
pub fn order(keys: Vec<u64>) -> Vec<usize> {
    let mut pairs: Vec<(u64, usize)> = keys.into_iter().enumerate().map(|(index, key)| (key, index)).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, index)| index).collect()
}

/// `replicas` → `replica`, `addresses` → `address` (a plural's `es` only after `s`, `x`, `sh`, `ch`).
fn singular(query: &str) -> Option<&str> {
    let stem = query.strip_suffix('s')?;
    let stem = match stem.strip_suffix('e') {
        Some(shorter) if shorter.ends_with(['s', 'x']) || shorter.ends_with("sh") || shorter.ends_with("ch") => shorter,
        _ => stem,
    };
    (stem.len() >= 3).then_some(stem)
}

fn score_query(query: &str, path: &str, description: &str) -> Option<u32> {
    let keys: Vec<&str> = path.split(['.', '[', ']']).filter(|k| !k.is_empty()).collect();
    let last = keys.len().saturating_sub(1);
    let mut best: Option<u32> = None;
    for (index, key) in keys.iter().enumerate() {
        let lower = key.to_ascii_lowercase();
        let tier = if lower == query {
            Some(100)
        } else if lower.starts_with(query) {
            Some(90)
        } else if word_starts(key).any(|at| lower[at..].starts_with(query)) {
            Some(80)
        } else if lower.contains(query) {
            Some(60)
        } else {
            None
        };
        // The key the path leads to counts more than the keys on the way.
        let tier = tier.map(|t| if index == last { t + 10 } else { t });
        best = best.max(tier);
    }
    if best.is_none() && description_has_word(description, query) {
        best = Some(40);
    }
    if best.is_none() {
        best = subsequence(query, path);
    }
    best
}

/// Byte offsets where a word starts inside a key: its start, an uppercase letter after a lowercase one, and
/// what follows `-` or `_`.
fn word_starts(key: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous: Option<char> = None;
    key.char_indices().filter_map(move |(at, c)| {
        let starts = match previous {
            None => true,
            Some(p) => (c.is_ascii_uppercase() && p.is_ascii_lowercase()) || p == '-' || p == '_',
        };
        previous = Some(c);
        starts.then_some(at)
    })
}

/// Whether a word of `description` starts with `query` (at least three letters, to keep noise out).
fn description_has_word(description: &str, query: &str) -> bool {
    query.len() >= 3
        && description
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.len() >= query.len() && word.to_ascii_lowercase().starts_with(query))
}

/// The letters of `query` in order in `path`, scored by how many start words (`hpa` in
/// `horizontalPodAutoscaler`); `None` when they are not all there, or too scattered to mean anything.
fn subsequence(query: &str, path: &str) -> Option<u32> {
    let starts: Vec<usize> = path
        .split('.')
        .scan(0, |offset, key| {
            let base = *offset;
            *offset += key.len() + 1;
            Some(word_starts(key).map(move |at| base + at).collect::<Vec<_>>())
        })
        .flatten()
        .collect();
    let lower = path.to_ascii_lowercase();
    let mut at = 0;
    let (mut on_starts, mut gaps) = (0, 0);
    for wanted in query.chars() {
        let found = lower[at..].find(wanted)? + at;
        if starts.contains(&found) {
            on_starts += 1;
        }
        if found > at {
            gaps += 1;
        }
        at = found + wanted.len_utf8();
    }
    let n = query.chars().count();
    // Most letters should land on word starts or follow each other.
    if gaps * 2 > n + on_starts {
        return None;
    }
    Some(10 + (on_starts * 20 / n.max(1)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked<'a>(query: &str, paths: &[(&'a str, &str)]) -> Vec<&'a str> {
        let found: Vec<(u64, &str)> = paths
            .iter()
            .enumerate()
            .filter_map(|(at, (path, description))| Some((rank(false, score(query, path, description)?, 0, at), *path)))
            .collect();
        order(found.iter().map(|(key, _)| *key).collect()).into_iter().map(|index| found[index].1).collect()
    }

    const PATHS: &[(&str, &str)] = &[
        ("replicaCount", "Pods of the main Deployment."),
        ("tolerations", "Taints the pods tolerate (Kubernetes syntax)."),
        ("ingress.tls", "TLS settings, in Kubernetes syntax."),
        ("ingress.tls[]", ""),
        ("horizontalPodAutoscaler", "An autoscaler."),
        ("horizontalPodAutoscaler.maxReplicas", "Most pods."),
        ("canary.replicaCount", "Pods of the canary Deployment."),
        ("secrets", "Secrets given to the main container."),
        ("containerImage", "Image of the main container."),
    ];

    #[test]
    fn a_plural_finds_the_singular_and_words_inside_keys() {
        let found = ranked("replicas", PATHS);
        assert_eq!(found[..3], ["replicaCount", "canary.replicaCount", "horizontalPodAutoscaler.maxReplicas"]);
    }

    #[test]
    fn a_whole_key_beats_scattered_letters() {
        let found = ranked("tls", PATHS);
        assert_eq!(found[..2], ["ingress.tls", "ingress.tls[]"]);
        assert!(found.iter().position(|p| *p == "tolerations") > Some(1), "{found:?}");
    }

    #[test]
    fn letters_on_word_starts_match_as_an_abbreviation() {
        assert_eq!(ranked("hpa", PATHS)[0], "horizontalPodAutoscaler");
        assert_eq!(score("xyz", "horizontalPodAutoscaler", ""), None);
        assert_eq!(score("zzzz", "replicaCount", ""), None);
    }

    #[test]
    fn descriptions_match_whole_words_below_keys() {
        assert_eq!(ranked("taint", PATHS), ["tolerations"]);
        assert!(score("taint", "tolerations", "Taints the pods tolerate") < score("tol", "tolerations", ""));
    }

    #[test]
    fn case_and_empty_queries() {
        assert!(score("CONT", "containerImage", "").is_some());
        assert_eq!(score("", "anything", ""), Some(0));
        assert_eq!(singular("addresses"), Some("address"));
        assert_eq!(singular("ports"), Some("port"));
        assert_eq!(singular("as"), None);
    }

    #[test]
    fn ranks_sort_unused_last_then_by_score_depth_and_order() {
        let keys = vec![
            rank(true, 100, 1, 0),
            rank(false, 50, 1, 0),
            rank(false, 90, 2, 5),
            rank(false, 90, 1, 9),
            rank(false, 90, 1, usize::MAX),
            rank(false, 90, 1, 9),
        ];
        assert_eq!(order(keys), [3, 5, 4, 2, 1, 0]);
    }
}
