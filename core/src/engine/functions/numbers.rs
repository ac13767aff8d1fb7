//! Number conversions and version comparison.

use std::cmp::Ordering;

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind};

/// Sprig's `int` (`cast.ToInt`): numbers truncate, booleans are 0/1, strings parse as Go integer literals
/// (`"0x1F"`, `"017"` octal, `"8.0"`), anything unparsable is 0.
///
/// ```jinja
/// containerPort: {{ port.port | int }}
/// ```
pub fn int(value: Value) -> i64 {
    match value.kind() {
        ValueKind::Number => {
            if value.is_integer() {
                i64::try_from(value).unwrap_or(0)
            } else {
                f64::try_from(value).map(|f| if f.is_finite() { f.trunc() as i64 } else { 0 }).unwrap_or(0)
            }
        }
        ValueKind::Bool => i64::from(value.is_true()),
        ValueKind::String => parse_go_int(value.as_str().unwrap_or_default()).unwrap_or(0),
        _ => 0,
    }
}

/// Sprig's `float64`: numbers as they are, strings parsed, anything else 0.
pub fn float(value: Value) -> f64 {
    match value.kind() {
        ValueKind::Number => f64::try_from(value).unwrap_or(0.0),
        ValueKind::Bool => f64::from(u8::from(value.is_true())),
        ValueKind::String => value.as_str().unwrap_or_default().trim().parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

/// `strconv.ParseInt(s, 0, 64)` after cast's removal of a zero decimal part (`"8.00"` → `8`).
fn parse_go_int(s: &str) -> Option<i64> {
    let s = match s.split_once('.') {
        Some((int_part, decimals)) if !decimals.is_empty() && decimals.chars().all(|c| c == '0') => int_part,
        _ => s,
    };
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest.to_string())
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (8, rest.to_string())
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest.to_string())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string())
    } else {
        (10, lower.clone())
    };
    // Go allows underscores only between digits of a prefixed literal.
    let body = if radix != 10 || lower.starts_with('0') { body.replace('_', "") } else { body };
    if body.is_empty() || body.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = i64::from_str_radix(&body, radix).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// Masterminds semver's `semverCompare`: does `version` satisfy `constraint`?
///
/// ```jinja
/// {% if semverCompare(">= 1.19-0", Capabilities.KubeVersion.Version) %}
/// ```
/// Supports `=`, `!=`, `>`, `>=`, `<`, `<=`, `~`, `^`, comma-separated conjunctions and `||` alternatives.
pub fn semver_compare(constraint: &str, version: &str) -> Result<bool, Error> {
    let version = SemVer::parse(version)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("invalid semantic version {version:?}")))?;
    for alternative in constraint.split("||") {
        let mut all = true;
        for part in alternative.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if !check(part, &version)? {
                all = false;
                break;
            }
        }
        if all {
            return Ok(true);
        }
    }
    Ok(false)
}

fn check(part: &str, version: &SemVer) -> Result<bool, Error> {
    let ops = ["!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^"];
    let (op, rest) = ops.iter().find_map(|op| part.strip_prefix(op).map(|rest| (*op, rest))).unwrap_or(("=", part));
    let target = SemVer::parse(rest.trim())
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("improper constraint: {part}")))?;
    // A version with a pre-release only satisfies constraints that carry one themselves.
    if !version.pre.is_empty() && target.pre.is_empty() {
        return Ok(false);
    }
    let ord = version.cmp(&target);
    Ok(match op {
        "=" => ord == Ordering::Equal,
        "!=" => ord != Ordering::Equal,
        ">" => ord == Ordering::Greater,
        "<" => ord == Ordering::Less,
        ">=" | "=>" => ord != Ordering::Less,
        "<=" | "=<" => ord != Ordering::Greater,
        "~" | "~>" => ord != Ordering::Less && version.major == target.major && version.minor == target.minor,
        "^" => {
            ord != Ordering::Less
                && if target.major > 0 {
                    version.major == target.major
                } else {
                    version.major == 0 && version.minor == target.minor
                }
        }
        _ => false,
    })
}

#[derive(Debug, PartialEq, Eq)]
struct SemVer {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
}

impl SemVer {
    /// `v1.36.0`, `1.19`, `1.19-0`, `1.2.3-beta.1+build`.
    fn parse(s: &str) -> Option<SemVer> {
        let s = s.trim().trim_start_matches(['v', 'V']);
        let s = s.split_once('+').map_or(s, |(core, _)| core);
        let (core, pre) = s.split_once('-').map_or((s, ""), |(core, pre)| (core, pre));
        let mut numbers = core.split('.');
        let major = numbers.next()?.parse().ok()?;
        let minor = numbers.next().map_or(Some(0), |n| n.parse().ok())?;
        let patch = numbers.next().map_or(Some(0), |n| n.parse().ok())?;
        if numbers.next().is_some() {
            return None;
        }
        Some(SemVer { major, minor, patch, pre: pre.to_string() })
    }
}

impl Ord for SemVer {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch)).then_with(|| {
            match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &other.pre),
            }
        })
    }
}

impl PartialOrd for SemVer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn compare_prerelease(a: &str, b: &str) -> Ordering {
    for (x, y) in a.split('.').zip(b.split('.')) {
        let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    a.split('.').count().cmp(&b.split('.').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_converts_like_sprig() {
        assert_eq!(int(Value::from(8.9)), 8);
        assert_eq!(int(Value::from("0x1F")), 31);
        assert_eq!(int(Value::from("017")), 15);
        assert_eq!(int(Value::from("8.00")), 8);
        assert_eq!(int(Value::from("http")), 0);
        assert_eq!(int(Value::from(())), 0);
        assert_eq!(int(Value::from(true)), 1);
    }

    #[test]
    fn semver_compare_handles_kube_versions() {
        assert_eq!(semver_compare(">= 1.19-0", "v1.36.0").ok(), Some(true));
        assert_eq!(semver_compare(">= 1.19-0", "v1.18.3").ok(), Some(false));
        assert_eq!(semver_compare(">= 1.19-0", "v1.19.0-gke.1").ok(), Some(true));
        assert_eq!(semver_compare(">= 1.19", "v1.20.0-gke.1").ok(), Some(false));
        assert_eq!(semver_compare("~1.2", "1.2.9").ok(), Some(true));
        assert_eq!(semver_compare("<1.0 || >=2.0", "2.1.0").ok(), Some(true));
        assert!(semver_compare(">= x", "1.0.0").is_err());
    }
}
