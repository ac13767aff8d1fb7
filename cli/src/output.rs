//! Where the manifests go: standard output as one stream, or files under `--output-dir` as `helm template` writes
//! them.
//!
//! Helm v4 (`pkg/action/action.go` `renderResources`, `pkg/cmd/template.go` `writeToFile`) writes each manifest to
//! `DIR/<chart>/templates/<file>`, joining DIR and the template's name with a plain `/` (so `out/` gives
//! `out//k8s-service/…`), in the stream's order, as `---\n# Source: <name>\n<manifest>\n`: the first manifest of
//! a template creates (or truncates) its file, the next ones are appended. With `--release-name` the files go
//! under `filepath.Join(DIR, NAME)`, which cleans the path. It prints `wrote <path>` for every manifest, then an
//! empty line: the stream it would have printed is empty, and Helm prints it with a newline.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use chartplay_core::Rendered;

use crate::Failure;

/// Prints the manifests to standard output as `helm template` does.
pub fn print_stream(rendered: &Rendered) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`chartplay … | head`) is not an error worth reporting.
    let _ = stdout.write_all(rendered.to_stream().as_bytes());
    let _ = stdout.flush();
    Ok(())
}

/// Writes the manifests under `dir` (in `dir/release` with `release`) and prints a `wrote` line for each.
pub fn write_dir(rendered: &Rendered, dir: &str, release: Option<&str>) -> Result<(), Failure> {
    let base = match release {
        Some(release) => go_join(dir, release),
        None => dir.to_string(),
    };
    let mut written = HashSet::new();
    let mut stdout = std::io::stdout().lock();
    for manifest in &rendered.manifests {
        let path = format!("{base}/{}", manifest.source);
        let append = !written.insert(manifest.source.as_str());
        write_manifest(Path::new(&path), append, &manifest.source, &manifest.text)
            .map_err(|error| Failure::Output(format!("cannot write {path}: {error}")))?;
        let _ = writeln!(stdout, "wrote {path}");
    }
    let _ = writeln!(stdout);
    let _ = stdout.flush();
    Ok(())
}

fn write_manifest(path: &Path, append: bool, source: &str, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file =
        if append { std::fs::OpenOptions::new().append(true).open(path)? } else { std::fs::File::create(path)? };
    file.write_all(format!("---\n# Source: {source}\n{text}\n").as_bytes())
}

/// Go's `filepath.Join(a, b)` on a Unix system: the two joined with `/`, then cleaned like `filepath.Clean`
/// (repeated slashes collapsed, `.` dropped, `dir/..` resolved, no trailing slash).
fn go_join(a: &str, b: &str) -> String {
    let joined = match (a.is_empty(), b.is_empty()) {
        (true, true) => return String::new(),
        (true, false) => b.to_string(),
        (false, true) => a.to_string(),
        (false, false) => format!("{a}/{b}"),
    };
    let rooted = joined.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            part => parts.push(part),
        }
    }
    let cleaned = parts.join("/");
    match (rooted, cleaned.is_empty()) {
        (true, _) => format!("/{cleaned}"),
        (false, true) => ".".to_string(),
        (false, false) => cleaned,
    }
}

#[cfg(test)]
mod tests {
    use super::go_join;

    #[test]
    fn joins_like_go_filepath_join() {
        assert_eq!(go_join("out", "web"), "out/web");
        assert_eq!(go_join("out/", "web"), "out/web");
        assert_eq!(go_join("./out//x/..", "web"), "out/web");
        assert_eq!(go_join("/", "web"), "/web");
        assert_eq!(go_join("/..", "web"), "/web");
        assert_eq!(go_join("..", "web"), "../web");
        assert_eq!(go_join("../..", "web"), "../../web");
        assert_eq!(go_join(".", ".."), "..");
        assert_eq!(go_join("a", ".."), ".");
    }
}
