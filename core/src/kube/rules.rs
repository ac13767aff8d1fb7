//! What the API server rejects although the OpenAPI schema allows it: the few rules users of these charts hit.
//!
//! OpenAPI marks fields optional when *some* object may omit them — a container's `image` is optional because a
//! Pod created by a higher-level controller may get it defaulted — but the API server's validation of a Deployment,
//! DaemonSet, Job or CronJob requires it (`spec.template.spec.containers[1].image: Required value`). [`RULES`] is
//! the one table of such rules; messages are the API server's, lowercased.
//!
//! A container's `name` is already `required` in the schema, and typed `string` without `null`, so its rule
//! only adds the case the schema cannot see: an empty string.

use crate::schema::Problem;
use crate::values::path::{Segment, ValuePath};
use crate::values::Value;

/// One rule: in objects of `kinds` (empty: every kind), each object matched by `each` must have `field` set.
struct Rule {
    kinds: &'static [&'static str],
    /// Where the checked objects are: dotted keys, `[*]` for every list item; empty for the object itself.
    each: &'static str,
    /// The required field, as a dotted path below each matched object.
    field: &'static str,
    /// Which values count as not set.
    unset: Unset,
}

/// Which values a rule reports.
#[derive(Clone, Copy, PartialEq)]
enum Unset {
    /// Absent, `null` or an empty string: the schema does not require the field.
    MissingOrEmpty,
    /// Only an empty string: the schema already reports an absent or `null` field.
    Empty,
}

const WORKLOADS: &[&str] = &["Deployment", "DaemonSet", "Job", "StatefulSet", "ReplicaSet"];
const CRON_JOBS: &[&str] = &["CronJob"];

/// The rules, checked in this order.
const RULES: &[Rule] = &[
    Rule { kinds: &[], each: "", field: "metadata.name", unset: Unset::MissingOrEmpty },
    Rule { kinds: WORKLOADS, each: "spec.template.spec.containers[*]", field: "image", unset: Unset::MissingOrEmpty },
    Rule {
        kinds: WORKLOADS,
        each: "spec.template.spec.initContainers[*]",
        field: "image",
        unset: Unset::MissingOrEmpty,
    },
    Rule { kinds: WORKLOADS, each: "spec.template.spec.containers[*]", field: "name", unset: Unset::Empty },
    Rule { kinds: WORKLOADS, each: "spec.template.spec.initContainers[*]", field: "name", unset: Unset::Empty },
    Rule {
        kinds: CRON_JOBS,
        each: "spec.jobTemplate.spec.template.spec.containers[*]",
        field: "image",
        unset: Unset::MissingOrEmpty,
    },
    Rule {
        kinds: CRON_JOBS,
        each: "spec.jobTemplate.spec.template.spec.initContainers[*]",
        field: "image",
        unset: Unset::MissingOrEmpty,
    },
    Rule {
        kinds: CRON_JOBS,
        each: "spec.jobTemplate.spec.template.spec.containers[*]",
        field: "name",
        unset: Unset::Empty,
    },
    Rule {
        kinds: CRON_JOBS,
        each: "spec.jobTemplate.spec.template.spec.initContainers[*]",
        field: "name",
        unset: Unset::Empty,
    },
];

/// Problems the rules find in `object` of `kind`.
pub(super) fn check(kind: &str, object: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    for rule in RULES.iter().filter(|rule| rule.kinds.is_empty() || rule.kinds.contains(&kind)) {
        for (path, item) in matches(object, rule.each) {
            if item.as_map().is_none() {
                continue; // A container that is not a mapping is the schema's problem.
            }
            let mut field_path = path;
            let mut current = Some(item);
            for key in rule.field.split('.') {
                field_path = field_path.child(Segment::Key(key.to_string()));
                current = current.and_then(Value::as_map).and_then(|m| m.get(key));
            }
            let unset = match current {
                None | Some(Value::Null) => rule.unset == Unset::MissingOrEmpty,
                Some(Value::String(s)) => s.is_empty(),
                Some(_) => false,
            };
            if unset {
                problems.push(Problem {
                    path: field_path,
                    message: "required value".into(),
                    suggestion: None,
                    help: None,
                });
            }
        }
    }
    problems
}

/// The values `pattern` leads to in `root`, with their paths; a missing key or a non-list at `[*]` matches nothing.
fn matches<'v>(root: &'v Value, pattern: &str) -> Vec<(ValuePath, &'v Value)> {
    let mut current = vec![(ValuePath::default(), root)];
    for step in pattern.split('.').filter(|s| !s.is_empty()) {
        let (key, every_item) = match step.strip_suffix("[*]") {
            Some(key) => (key, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for (path, value) in current {
            let Some(child) = value.as_map().and_then(|m| m.get(key)) else { continue };
            let child_path = path.child(Segment::Key(key.to_string()));
            match (every_item, child) {
                (false, _) => next.push((child_path, child)),
                (true, Value::Seq(items)) => {
                    next.extend(items.iter().enumerate().map(|(i, item)| (child_path.child(Segment::Index(i)), item)))
                }
                (true, _) => {}
            }
        }
        current = next;
    }
    current
}
