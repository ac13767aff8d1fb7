//! The CLI and the playground run the same core pipeline, so for the same values they report the same
//! diagnostics (the CLI's `error:` lines are the playground's list, in the same order), and the command the
//! playground offers renders, byte for byte, what the playground shows.

use chartplay_core::share::VALUES_FILE;
use chartplay_core::ValuesFile;
use chartplay_web::draft::Draft;
use chartplay_web::services::command::{quote, Commands};
use chartplay_web::services::renderer::Renderer;

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
    let draft = Draft::with_values(values);
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

#[test]
fn the_command_offered_for_layers_renders_what_the_playground_shows() {
    let draft = Draft {
        files: vec![
            ValuesFile::new(VALUES_FILE, format!("{MINIMAL}replicaCount: 2\nenvVars:\n  MODE: base\n")),
            ValuesFile::new("values prod.yaml", "replicaCount: 5\nenvVars:\n  MODE: prod\n  LEVEL: 'on'\n"),
        ],
        flags: "--set replicaCount=7\n# the tag as a string\n--set-string containerImage.tag=0123\n".into(),
        release_name: "shop".into(),
        namespace: "prod".into(),
        kube_version: "1.30.0".into(),
    };
    let shown = Renderer::default().render("k8s-service", &draft);
    let shown = shown.rendered.expect("the layers render").to_stream();
    assert!(
        shown.contains("replicas: 7") && shown.contains("nginx:0123") && shown.contains("value: \"on\""),
        "{shown}"
    );
    let dir = std::env::temp_dir().join(format!("chartplay-command-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for file in &draft.files {
        std::fs::write(dir.join(&file.name), &file.text).unwrap();
    }
    let command = Commands::new("k8s-service", &draft).unwrap().chartplay;
    let line = command.replacen("chartplay", &quote(env!("CARGO_BIN_EXE_chartplay")), 1);
    let output = std::process::Command::new("sh").current_dir(&dir).args(["-c", &line]).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "{command}: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown, "{command}");
}
