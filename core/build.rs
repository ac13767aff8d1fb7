//! Embeds the charts of `../charts` into the crate: one `include_str!` per file, so CLI, library and browser
//! render from the same bytes. A chart's README.md is embedded as `README.html`, made here (see `build/readme.rs`):
//! the playground shows it, and neither it nor the wasm needs the Markdown.

#[path = "build/readme.rs"]
mod readme;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let charts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../charts");
    println!("cargo:rerun-if-changed={}", charts_dir.display());
    let mut charts: Vec<PathBuf> = std::fs::read_dir(&charts_dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    charts.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build/readme.rs");
    let mut code =
        String::from("/// Every chart folder under `charts/`: (folder name, [(path inside the chart, contents)]).\n");
    code.push_str("pub static CHARTS: &[(&str, &[(&str, &str)])] = &[\n");
    for chart in &charts {
        let name = chart.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, &[");
        let mut files = Vec::new();
        collect_files(chart, chart, &mut files);
        files.sort();
        // A library chart is never shown (only its templates are used): its README stays out.
        let library = std::fs::read_to_string(chart.join("Chart.yaml"))
            .is_ok_and(|text| text.lines().any(|line| line.trim() == "type: library"));
        files.retain(|(rel, _)| !(library && rel == "README.md"));
        for (rel, mut abs) in files {
            println!("cargo:rerun-if-changed={}", abs.display());
            let mut rel = rel;
            if rel == "README.md" {
                let markdown = std::fs::read_to_string(&abs).expect("the README is readable");
                abs = out_dir.join(format!("{name}-README.html"));
                std::fs::write(&abs, readme::to_html(&markdown)).expect("OUT_DIR is writable");
                rel = "README.html".to_string();
            }
            let _ = writeln!(code, "        ({rel:?}, include_str!({:?})),", abs.display().to_string());
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("embedded_charts.rs"), code).expect("OUT_DIR is writable");
}

fn collect_files(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect_files(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push((rel, path.canonicalize().unwrap_or(path.clone())));
        }
    }
}
