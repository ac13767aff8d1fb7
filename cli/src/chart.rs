//! Finding the chart a command names: a built-in chart, or a chart folder read from disk.

use std::path::Path;

use chartplay_core::{Chart, ChartFile, Error};

/// A built-in chart by name, or a chart folder on disk.
pub fn load_chart(arg: &str) -> Result<Chart, Error> {
    let path = Path::new(arg);
    if !path.is_dir() {
        return Chart::builtin(arg);
    }
    let mut files = Vec::new();
    collect(path, path, &mut files);
    Chart::load(files)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<ChartFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let (Ok(rel), Ok(contents)) = (path.strip_prefix(root), std::fs::read_to_string(&path)) {
            files.push(ChartFile { path: rel.to_string_lossy().replace('\\', "/"), contents });
        }
    }
}
