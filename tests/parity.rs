//! The Helm parity corpus: every case of `tests/parity/cases` (what Helm v4.2.3 renders for the three charts) and
//! `tests/parity/extra` (extra k8s-service cases kept because chartplay once differed on them), rendered in-process
//! and compared with Helm's answer (see tests/parity/README.md).
//!
//! Prints each failing case with its differences in a frame, then `parity <corpus>/<chart>: N passed, N failed`
//! per chart. Fails when a case fails, and when a corpus folder is missing or holds fewer cases than it should: the
//! corpus never passes by being absent. `PARITY_FILTER=substr` runs the cases whose `<corpus>/<chart>/<case>`
//! contains `substr`.

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chartplay_tests::corpus::{discover, Case};
use chartplay_tests::{check, Verdict};

/// Each corpus folder, with the fewest cases it may hold (fewer means the corpus went missing).
const CORPORA: [(&str, &str, usize); 7] = [
    ("cases", "k8s-service", 100),
    ("cases", "k8s-daemon-set", 25),
    ("cases", "k8s-job", 25),
    ("extra", "k8s-service", 25),
    ("policy", "k8s-service", 15),
    ("policy", "k8s-daemon-set", 3),
    ("policy", "k8s-job", 1),
];

/// Differences shown per failing case; the rest are counted.
const MAX_SHOWN: usize = 60;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("parity");
    let filter = std::env::var("PARITY_FILTER").ok().filter(|filter| !filter.is_empty());
    let mut broken = false;
    // (label, group index, case or why it could not be read)
    let mut cases = Vec::new();
    for (group, (corpus, chart, minimum)) in CORPORA.iter().enumerate() {
        let dir = root.join(corpus).join(chart);
        let found = discover(&dir).unwrap_or_else(|error| {
            println!("error: {error}");
            Vec::new()
        });
        if found.len() < *minimum {
            println!("error: {} holds {} cases, expected at least {minimum}", dir.display(), found.len());
            broken = true;
        }
        for case_dir in found {
            let name = case_dir.strip_prefix(&dir).unwrap_or(&case_dir).to_string_lossy().replace('\\', "/");
            let label = format!("{corpus}/{chart}/{name}");
            if filter.as_ref().is_some_and(|filter| !label.contains(filter.as_str())) {
                continue;
            }
            cases.push((label, group, Case::load(&case_dir)));
        }
    }

    let verdicts: Vec<Mutex<Option<Verdict>>> = cases.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(cases.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let idx = next.fetch_add(1, Ordering::Relaxed);
                let Some((_, _, case)) = cases.get(idx) else { break };
                let verdict = match case {
                    // A panic fails its case (the core must not panic on any input) and the others still run.
                    Ok(case) => std::panic::catch_unwind(AssertUnwindSafe(|| check(case))).unwrap_or_else(|_| {
                        Verdict::Fail { reason: "the render panicked".into(), differences: Vec::new() }
                    }),
                    Err(error) => Verdict::Fail { reason: error.clone(), differences: Vec::new() },
                };
                if let Ok(mut slot) = verdicts[idx].lock() {
                    *slot = Some(verdict);
                }
            });
        }
    });

    // (passed, failed, refused by the values policy although Helm renders them)
    let mut counts = [(0usize, 0usize, 0usize); CORPORA.len()];
    for ((label, group, case), verdict) in cases.iter().zip(verdicts) {
        let verdict = verdict.into_inner().ok().flatten();
        match verdict {
            Some(Verdict::Pass) => {
                counts[*group].0 += 1;
                counts[*group].2 += usize::from(case.as_ref().is_ok_and(|case| case.policy_error.is_some()));
            }
            Some(Verdict::Fail { reason, differences }) => {
                counts[*group].1 += 1;
                println!("FAIL {label}: {reason}");
                print_framed(&differences);
            }
            None => {
                counts[*group].1 += 1;
                println!("FAIL {label}: no verdict");
            }
        }
    }
    for ((corpus, chart, _), (passed, failed, refused)) in CORPORA.iter().zip(counts) {
        let refused = match refused {
            0 => String::new(),
            n => format!(" ({n} of them refused by the values policy, as listed)"),
        };
        println!("parity {corpus}/{chart}: {passed} passed, {failed} failed{refused}");
        broken |= failed > 0;
    }
    if broken {
        std::process::exit(1);
    }
}

/// The differences of a case between two rules, expected values first.
fn print_framed(differences: &[String]) {
    if differences.is_empty() {
        return;
    }
    let rule = "-".repeat(24);
    println!("{rule} expected != got {rule}");
    for line in differences.iter().take(MAX_SHOWN) {
        println!("{line}");
    }
    if differences.len() > MAX_SHOWN {
        println!("... {} more", differences.len() - MAX_SHOWN);
    }
    println!("{}", "-".repeat(rule.len() * 2 + 17));
}
