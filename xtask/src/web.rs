//! The playground: tools, build, serve and browser tests.
//!
//! The build is `trunk build --release --offline` with every tool pinned (Trunk.toml `[tools]`) and installed
//! here first, so Trunk never downloads; wasm-opt comes from npm's `binaryen` in `node_modules/.bin`. The server
//! is a small static file server on 127.0.0.1 (std only): enough for `dist/`, and the same one the browser tests
//! and the benchmark use.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{apt_install, cargo_install, npm_ci, rust_target};
use crate::util::{project_root, run, Result};

/// Trunk's version: 0.22 needs a newer rustc than this project's.
const TRUNK_VERSION: &str = "0.21.14";

/// Installs what the playground build and its browser tests need.
pub fn install_tools() -> Result {
    rust_target("wasm32-unknown-unknown")?;
    cargo_install("trunk", TRUNK_VERSION, "trunk", true)?;
    // wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock exactly; its own lockfile pins a crate version
    // the registry lacks, so it installs without --locked.
    cargo_install("wasm-bindgen-cli", &locked_version("wasm-bindgen")?, "wasm-bindgen", false)?;
    apt_install(&["chromium", "chromium-driver"])?;
    npm_ci()
}

/// The version of `krate` in Cargo.lock.
fn locked_version(krate: &str) -> Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{krate}\"") {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err(format!("{krate} is not in Cargo.lock"))
}

/// Builds `dist/` with Trunk, offline, with node_modules/.bin (wasm-opt, esbuild) first on PATH.
pub fn build() -> Result {
    let root = project_root();
    let bin = root.join("node_modules/.bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(&path));
    let path = std::env::join_paths(paths).map_err(|e| format!("cannot set PATH: {e}"))?;
    run(Command::new("trunk").args(["build", "--release", "--offline"]).env("PATH", path).env("TRUNK_OFFLINE", "true"))
}

/// Builds the playground and serves it on 127.0.0.1 (`--port N`, default 8080).
pub fn serve(args: &[String]) -> Result {
    let port = match args.iter().position(|a| a == "--port") {
        Some(index) => args.get(index + 1).and_then(|p| p.parse::<u16>().ok()).ok_or("--port needs a port number")?,
        None => 8080,
    };
    install_tools()?;
    build()?;
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("chartplay playground: http://127.0.0.1:{port}/");
    serve_forever(listener, project_root().join("dist"));
    Ok(())
}

/// Runs the browser end-to-end tests against a fresh build.
pub fn e2e() -> Result {
    install_tools()?;
    build()?;
    // The tests compare the playground with the CLI it offers as a command.
    run(Command::new("cargo").args(["build", "-q", "-p", "chartplay"]))?;
    let cli = project_root().join("target/debug/chartplay");
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let dist = project_root().join("dist");
    // The server thread ends with the process; the tests never outlive this function.
    std::thread::spawn(move || serve_forever(listener, dist));
    let url = format!("http://127.0.0.1:{port}/");
    eprintln!("serving dist/ at {url}");
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .env("CHARTPLAY_URL", &url)
        .env("CHARTPLAY_BIN", &cli))
}

/// Serves files from `root` on `listener`, one thread per connection.
pub fn serve_forever(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // Skip the headers; this server needs none of them.
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        let (status, content_type, body) = respond(method, target, root);
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
    }
}

fn respond(method: &str, target: &str, root: &Path) -> (&'static str, &'static str, Vec<u8>) {
    if method != "GET" && method != "HEAD" {
        return ("405 Method Not Allowed", "text/plain", b"method not allowed\n".to_vec());
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    // No way out of root: only plain path segments.
    if relative.split('/').any(|segment| segment == ".." || segment.contains('\\')) {
        return ("400 Bad Request", "text/plain", b"bad path\n".to_vec());
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => ("200 OK", mime_type(&file), body),
        Err(_) => ("404 Not Found", "text/plain", b"not found\n".to_vec()),
    }
}

/// The Content-Type for a file name; `.wasm` must be `application/wasm` for streaming compilation.
fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webmanifest" => "application/manifest+json",
        "yaml" | "yml" => "application/yaml",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        assert_eq!(mime_type(Path::new("a/chartplay-web_bg.wasm")), "application/wasm");
        assert_eq!(mime_type(Path::new("boot.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime_type(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(mime_type(Path::new("manifest.webmanifest")), "application/manifest+json");
    }

    #[test]
    fn refuses_paths_outside_root() {
        let (status, _, _) = respond("GET", "/../Cargo.toml", Path::new("/nonexistent"));
        assert_eq!(status, "400 Bad Request");
    }

    #[test]
    fn locked_wasm_bindgen_is_found() {
        assert!(locked_version("wasm-bindgen").unwrap().starts_with("0.2."));
    }
}
