//! `Renderer` reuses template outputs and parsed documents between renders, and `Session` what its values checks
//! found; whatever they reuse, the outcome must equal a fresh one. Runs every corpus case of each chart in turn with
//! one renderer or session (so each run starts from the previous case's caches) and compares with a fresh one.

use std::path::Path;

use chartplay_core::{load_values, render, Chart, Checks, Inputs, RenderOptions, Renderer, Session, ValuesFile};

fn corpus_values(chart: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parity/cases").join(chart);
    let mut cases: Vec<(String, String)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let text = std::fs::read_to_string(entry.path().join("values.yaml")).ok()?;
            Some((entry.file_name().to_string_lossy().into_owned(), text))
        })
        .collect();
    assert!(!cases.is_empty(), "the parity corpus is missing: no case in {}", dir.display());
    cases.sort();
    cases
}

#[test]
fn renderer_matches_one_shot_render_across_edits() {
    for chart_name in chartplay_core::builtin_names() {
        let cases = corpus_values(chart_name);
        let chart = Chart::builtin(chart_name).expect("built-in chart loads");
        let mut renderer = Renderer::new(Chart::builtin(chart_name).expect("built-in chart loads"));
        // Each case, then each case with one more key, one that makes a template fail, then again: caches hit
        // and miss in every pattern.
        let variants = ["", "\nreplicaCount: 7\n", "\npodAnnotations: {a: b}\n", "\ncontainerPorts: 5\n"];
        for round in 0..2 {
            for (name, text) in &cases {
                for (option_idx, variant) in variants.iter().enumerate() {
                    let file = ValuesFile { name: "values.yaml".into(), text: format!("{text}{variant}") };
                    let Ok(user) = load_values(&[file], &[]) else { continue };
                    let options = RenderOptions {
                        release_name: if option_idx == 2 && round == 1 {
                            "other".into()
                        } else {
                            "release-name".into()
                        },
                        ..RenderOptions::default()
                    };
                    if round == 1 {
                        // A render that leaves templates out first: the full one after it must not reuse their
                        // outputs from before these values.
                        let only = RenderOptions { show_only: chart.templates()[..1].to_vec(), ..options.clone() };
                        let fresh = render(&chart, &user, &only).map(|r| r.to_stream()).map_err(|e| e.to_string());
                        let reused = renderer.render(&user, &only).map(|r| r.to_stream()).map_err(|e| e.to_string());
                        assert_eq!(reused, fresh, "{chart_name}/{name} variant {option_idx} show-only");
                    }
                    let fresh = render(&chart, &user, &options).map(|r| r.to_stream()).map_err(|e| e.to_string());
                    let reused = renderer.render(&user, &options).map(|r| r.to_stream()).map_err(|e| e.to_string());
                    assert_eq!(reused, fresh, "{chart_name}/{name} variant {option_idx} round {round}");
                }
            }
        }
    }
}

#[test]
fn a_new_renderer_starts_from_the_defaults_outputs_and_matches_one_shot_render() {
    // A new renderer reuses what the chart's templates printed over its defaults, for the templates that read no key
    // these values set; its first render must still equal a render that reuses nothing.
    for chart_name in chartplay_core::builtin_names() {
        let chart = Chart::builtin(chart_name).expect("built-in chart loads");
        // A chart's first renderer starts with nothing; the later ones from the defaults' outputs.
        drop(Renderer::new(chart.clone()));
        for (name, text) in corpus_values(chart_name) {
            let file = ValuesFile { name: "values.yaml".into(), text };
            let Ok(user) = load_values(&[file], &[]) else { continue };
            let options = RenderOptions::default();
            let fresh = render(&chart, &user, &options).map(|r| r.to_stream()).map_err(|e| e.to_string());
            let first = Renderer::new(chart.clone()).render(&user, &options).map(|r| r.to_stream());
            assert_eq!(first.map_err(|e| e.to_string()), fresh, "{chart_name}/{name}");
        }
    }
}

#[test]
fn session_matches_a_fresh_session_across_edits() {
    for chart_name in chartplay_core::builtin_names() {
        let mut session = Session::builtin(chart_name).expect("built-in chart loads");
        // Each case, then with a key added, one nulled, one of the wrong type and a flag written as a string: the
        // checks of a key are reused, redone and dropped in every pattern.
        let variants = [
            "",
            "\nreplicaCount: 7\n",
            "\nservice: null\n",
            "\ncontainerPorts: 5\n",
            "\ningress: {enabled: \"false\"}\n",
        ];
        for round in 0..2 {
            for (name, text) in &corpus_values(chart_name) {
                for (variant_idx, variant) in variants.iter().enumerate() {
                    let inputs = Inputs {
                        files: vec![ValuesFile::new("values.yaml", format!("{text}{variant}"))],
                        ..Inputs::default()
                    };
                    let outcome = |session: &mut Session| {
                        let outcome = session.run(&inputs, Checks::default());
                        let diagnostics: Vec<String> = outcome.diagnostics.iter().map(|d| format!("{d:?}")).collect();
                        (outcome.rendered.map(|r| r.to_stream()), diagnostics)
                    };
                    let fresh = outcome(&mut Session::builtin(chart_name).expect("built-in chart loads"));
                    assert_eq!(outcome(&mut session), fresh, "{chart_name}/{name} variant {variant_idx} round {round}");
                }
            }
        }
    }
}
