//! chartplay's cross-crate tests: the Helm parity corpus of `tests/parity/`, rendered in-process and compared
//! with what Helm rendered, object by object and type by type.
//!
//! The `parity` test binary (`cargo test -p chartplay-tests --test parity`) runs every case; this library holds
//! its parts so they have unit tests of their own: the corpus on disk ([`corpus`]), how a case is rendered
//! ([`render`]), the YAML reading that keeps Kubernetes' types ([`yaml`]) and the comparison ([`compare`]).
//!
//! ```no_run
//! use chartplay_tests::{check, corpus::Case, Verdict};
//!
//! let case = Case::load("tests/parity/cases/k8s-service/crafted-canary-full".as_ref())?;
//! if let Verdict::Fail { reason, differences } = check(&case) {
//!     println!("{reason}\n{}", differences.join("\n"));
//! }
//! # Ok::<(), String>(())
//! ```

pub mod compare;
pub mod corpus;
pub mod render;
pub mod yaml;

use corpus::{Case, ExpectedError};

/// How a case went.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Helm's answer, or the expected error.
    Pass,
    /// Something else: why, and (for a stream that differs) every difference, expected first.
    Fail {
        /// One line.
        reason: String,
        /// The comparison's lines, when the streams differ.
        differences: Vec<String>,
    },
}

/// Renders `case` twice and judges both renders.
///
/// - **Parity**, with the values checks off (`--skip-schema-validation`): an error case must fail with its
///   substring, any other must render what Helm rendered (`expected.yaml`).
/// - **Policy**, with the checks on (plain `chartplay render`): the same result, unless the case says the values
///   policy refuses it (`policy_error`, a substring of the refusal); and every warning it lists must be given.
pub fn check(case: &Case) -> Verdict {
    let fail = |reason: String| Verdict::Fail { reason, differences: Vec::new() };
    let engine = render::render_case(case, false).result;
    if let Some(expected_error) = &case.expect_error {
        if let Some(reason) = failure(engine, expected_error, "") {
            return fail(reason);
        }
    } else {
        let stream = match engine {
            Ok(stream) => stream,
            Err(text) => return fail(format!("the render failed: {:?}", cut(text.trim(), 300))),
        };
        let Ok(expected) = std::fs::read_to_string(case.expected_dir.join("expected.yaml")) else {
            return fail("no expected.yaml (see tests/parity/README.md to ask Helm for one)".into());
        };
        match compare::compare_streams(&expected, &stream) {
            Err(error) => return fail(error),
            Ok(differences) if differences.is_empty() => {}
            Ok(differences) => {
                // `DIFF in <document>:` heads the lines of one document; it is not a difference itself.
                let n = differences.iter().filter(|line| !line.starts_with("DIFF in ")).count();
                let reason = format!("{n} difference{} (expected != got)", if n == 1 { "" } else { "s" });
                return Verdict::Fail { reason, differences };
            }
        }
    }
    let checked = render::render_case(case, true);
    for wanted in &case.policy_warnings {
        if !checked.warnings.iter().any(|warning| warning.contains(wanted.as_str())) {
            return fail(format!("the values policy gave no warning with {wanted:?}: {:?}", checked.warnings));
        }
    }
    let expected = match (&case.policy_error, &case.expect_error) {
        (Some(refusal), _) => Some(ExpectedError::Containing(refusal.clone())),
        (None, expected_error) => expected_error.clone(),
    };
    match expected {
        Some(expected) => failure(checked.result, &expected, "with the values policy: ").map_or(Verdict::Pass, fail),
        None => match (checked.result, render::render_case(case, false).result) {
            (Ok(checked), Ok(engine)) if checked == engine => Verdict::Pass,
            (Ok(_), _) => fail("with the values policy, the output differs from Helm's".into()),
            (Err(text), _) => fail(format!(
                "the values policy refuses values Helm renders (say so with policy_error): {:?}",
                cut(text.trim(), 300)
            )),
        },
    }
}

/// Why `result` is not the failure `expected` describes, if it is not.
fn failure(result: Result<String, String>, expected: &ExpectedError, context: &str) -> Option<String> {
    match result {
        Ok(_) => Some(format!("{context}expected a render error, got a rendered stream")),
        Err(text) if text.trim().is_empty() => Some(format!("{context}the render failed with an empty message")),
        Err(text) => match expected {
            ExpectedError::Containing(wanted) if !text.contains(wanted.as_str()) => {
                Some(format!("{context}the error lacks {wanted:?}: {:?}", cut(text.trim(), 300)))
            }
            _ => None,
        },
    }
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).map_or(text, |(end, _)| &text[..end])
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// A case folder `<temp>/<rel>` written for a test, removed when dropped.
    pub(crate) struct TempCase {
        pub(crate) root: PathBuf,
        pub(crate) dir: PathBuf,
    }

    impl TempCase {
        pub(crate) fn new(rel: &str, values: &str, case_yaml: Option<&str>, expected: Option<&str>) -> TempCase {
            let root =
                std::env::temp_dir().join(format!("chartplay-tests-{}-{}", std::process::id(), rel.replace('/', "-")));
            let dir = root.join(rel);
            let write = |name: &str, text: &str| {
                std::fs::write(dir.join(name), text).unwrap_or_else(|error| panic!("{name}: {error}"));
            };
            std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
            write("values.yaml", values);
            case_yaml.into_iter().for_each(|text| write("case.yaml", text));
            expected.into_iter().for_each(|text| write("expected.yaml", text));
            TempCase { root, dir }
        }

        pub(crate) fn case(&self) -> Result<Case, String> {
            Case::load(&self.dir)
        }
    }

    impl Drop for TempCase {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }

    fn verdict(temp: &TempCase) -> Verdict {
        temp.case().map(|case| check(&case)).unwrap_or_else(|reason| Verdict::Fail { reason, differences: Vec::new() })
    }

    const NO_NAME: &str = "containerImage: {repository: nginx, tag: '1.27'}\n";

    #[test]
    fn an_error_case_passes_when_the_error_contains_its_substring() {
        let temp = TempCase::new("k8s-job/err-a", NO_NAME, Some("expect_error: applicationName is required\n"), None);
        assert_eq!(verdict(&temp), Verdict::Pass);
        let temp = TempCase::new("k8s-job/err-b", NO_NAME, Some("expect_error: true\n"), None);
        assert_eq!(verdict(&temp), Verdict::Pass);
        let temp = TempCase::new("k8s-job/err-c", NO_NAME, Some("expect_error: something else\n"), None);
        let reason = match verdict(&temp) {
            Verdict::Fail { reason, .. } => reason,
            Verdict::Pass => String::new(),
        };
        assert!(reason.starts_with("the error lacks \"something else\""), "{reason}");
    }

    #[test]
    fn an_error_case_fails_when_the_render_succeeds() {
        let values = format!("applicationName: web\n{NO_NAME}");
        let temp = TempCase::new("k8s-job/err-d", &values, Some("expect_error: true\n"), None);
        let expected =
            Verdict::Fail { reason: "expected a render error, got a rendered stream".into(), differences: vec![] };
        assert_eq!(verdict(&temp), expected);
    }

    #[test]
    fn a_rendering_case_needs_helm_s_answer() {
        let values = format!("applicationName: web\n{NO_NAME}");
        let temp = TempCase::new("k8s-job/render-a", &values, None, None);
        assert!(matches!(verdict(&temp), Verdict::Fail { reason, .. } if reason.starts_with("no expected.yaml")));
        let temp = TempCase::new("k8s-job/render-b", &values, None, Some("kind: Job\nmetadata: {name: x}\n"));
        assert!(matches!(verdict(&temp), Verdict::Fail { differences, .. } if differences.len() > 1));
    }
}
