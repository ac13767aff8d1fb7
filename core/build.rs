//! Embeds the charts of `../charts` into the crate: one `include_str!` per file, so CLI, library and browser
//! render from the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let charts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../charts");
    println!("cargo:rerun-if-changed={}", charts_dir.display());
    let mut charts: Vec<PathBuf> = std::fs::read_dir(&charts_dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    charts.sort();
    let mut code =
        String::from("/// Every chart folder under `charts/`: (folder name, [(path inside the chart, contents)]).\n");
    code.push_str("pub static CHARTS: &[(&str, &[(&str, &str)])] = &[\n");
    for chart in &charts {
        let name = chart.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, &[");
        let mut files = Vec::new();
        collect_files(chart, chart, &mut files);
        files.sort();
        for (rel, abs) in files {
            println!("cargo:rerun-if-changed={}", abs.display());
            let _ = writeln!(code, "        ({rel:?}, include_str!({:?})),", abs.display().to_string());
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_charts.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
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
