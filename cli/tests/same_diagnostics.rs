//! The CLI and the playground run the same core pipeline, so for the same values they report the same
//! diagnostics: the CLI's `error:` lines are the playground's list, in the same order.

use chartplay_web::services::renderer::{Renderer, VALUES_FILE};
use chartplay_web::state::Draft;

/// Values that render.
const MINIMAL: &str = "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: '1.27'\n";

/// The CLI's headlines (`error: values.yaml:5:1: …`) for `values` in a file named like the playground's.
fn cli(chart: &str, values: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("chartplay-same-{}-{chart}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(VALUES_FILE), values).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_chartplay"))
        .current_dir(&dir)
        .args(["render", chart, "-f", VALUES_FILE])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    stderr.lines().filter(|l| l.starts_with("error: ") || l.starts_with("warning: ")).map(str::to_string).collect()
}

/// The playground's diagnostics for `values`, headlined as the CLI prints them.
fn playground(chart: &str, values: &str) -> Vec<String> {
    let draft = Draft { values: values.to_string(), ..Draft::default() };
    let rendering = Renderer::default().render(chart, &draft);
    rendering
        .diagnostics
        .into_iter()
        .map(|mut d| {
            d.help = None;
            format!("{}: {d}", d.severity.name())
        })
        .collect()
}

#[test]
fn cli_and_playground_report_the_same_diagnostics() {
    let cases = [
        format!("{MINIMAL}contanerPorts: {{}}\n"),
        format!("{MINIMAL}containerPorts:\n  http:\n    port: [80]\nservice:\n  type: Foo\n"),
        "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: [broken\n".to_string(),
        "containerImage:\n  repository: nginx\n  tag: x\nsecrets:\n  s:\n    as: file\n".to_string(),
        format!("{MINIMAL}replicaCount: three\n"),
    ];
    for chart in ["k8s-service", "k8s-daemon-set", "k8s-job"] {
        for values in &cases {
            let (cli, playground) = (cli(chart, values), playground(chart, values));
            assert!(!cli.is_empty(), "{chart}: no diagnostics for {values:?}");
            assert_eq!(cli, playground, "{chart}: {values:?}");
        }
    }
}
