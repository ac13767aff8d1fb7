//! The flags every rendering command shares, as `helm template` spells them: where the values come from (`-f`,
//! `--set`, `--set-string`, `--set-json`, `--set-file`, `--set-literal`), the release and cluster settings (`-n`, `--kube-version`,
//! `-a`, `-s`) and which checks run (`--skip-schema-validation`, `--validate`, `--strict`).
//!
//! A command reads its own arguments with lexopt and offers each option to [`RenderFlags::take`] first; then
//! [`RenderFlags::inputs`] reads the files the flags name and builds the core's [`Inputs`], and
//! [`RenderFlags::session`] the [`Session`] with the checks asked for. This is the one place files named on the
//! command line are read.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use chartplay_core::{
    kube, Chart, Checks, Inputs, RenderOptions, Session, SetFlag, SetKind, ValuesFile, DEFAULT_KUBE_VERSION,
};

use lexopt::ValueExt;

use crate::Failure;

/// The name diagnostics give to values read from standard input.
const STDIN_NAME: &str = "<stdin>";

/// The shared flags of one command line. `options.release_name` is the command's to set (`render` has
/// `--release-name NAME`, `template` a NAME argument).
#[derive(Debug, Default)]
pub struct RenderFlags {
    /// `-f/--values FILE`, in order; `-` is standard input.
    pub values_files: Vec<String>,
    /// `--set`-style flags in command-line order; a `--set-file` flag's contents are read by [`RenderFlags::inputs`].
    pub set_flags: Vec<SetFlag>,
    /// Release name, namespace, kube version, API versions, `--show-only`.
    pub options: RenderOptions,
    /// `--skip-schema-validation`: no values checks, render what Helm renders.
    pub skip_schema_validation: bool,
    /// `--validate`: check the rendered objects against the Kubernetes API of the kube version.
    pub validate: bool,
    /// `--strict`: warnings are errors.
    pub strict: bool,
}

impl RenderFlags {
    /// Takes `option` (as written: `-f`, `--set`) when it is one of these flags, reading its value from `parser`;
    /// `false` when it is not, for the command to handle.
    pub fn take(&mut self, option: &str, parser: &mut lexopt::Parser) -> Result<bool, Failure> {
        let mut value = || -> Result<String, Failure> { Ok(parser.value()?.string()?) };
        match option {
            "-f" | "--values" => self.values_files.push(value()?),
            "--set" => self.set_flags.push(SetFlag::new(SetKind::Set, value()?)),
            "--set-string" => self.set_flags.push(SetFlag::new(SetKind::String, value()?)),
            "--set-json" => self.set_flags.push(SetFlag::new(SetKind::Json, value()?)),
            "--set-file" => self.set_flags.push(SetFlag::new(SetKind::File(BTreeMap::new()), value()?)),
            "--set-literal" => self.set_flags.push(SetFlag::new(SetKind::Literal, value()?)),
            "-n" | "--namespace" => self.options.namespace = value()?,
            "--kube-version" => self.options.kube_version = Some(value()?),
            // Helm's is a string slice: repeatable and comma-separated.
            "-a" | "--api-versions" => self.options.api_versions.extend(value()?.split(',').map(str::to_string)),
            "-s" | "--show-only" => self.options.show_only.push(value()?),
            "--skip-schema-validation" => self.skip_schema_validation = true,
            "--validate" => self.validate = true,
            "--strict" => self.strict = true,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Reads the values files and the files of `--set-file` flags, and returns the inputs of a run: the files in
    /// order, then the flags in the order Helm applies them (every `--set-json`, then `--set`, `--set-string`,
    /// `--set-file`, `--set-literal`). A file that cannot be read is a usage error naming the flag.
    pub fn inputs(&self) -> Result<Inputs, Failure> {
        let mut stdin = Stdin::default();
        let mut files = Vec::new();
        for path in &self.values_files {
            let text = stdin.read_path(path).map_err(Failure::Usage)?;
            let name = if is_stdin(path) { STDIN_NAME.to_string() } else { path.clone() };
            files.push(ValuesFile::new(name, text));
        }
        let mut flags = self.set_flags.clone();
        for flag in &mut flags {
            if let SetKind::File(contents) = &mut flag.kind {
                for path in SetFlag::file_paths(&flag.expr) {
                    let text = stdin
                        .read_path(&path)
                        .map_err(|error| Failure::Usage(format!("{}: {error}", flag.location)))?;
                    contents.insert(path, text);
                }
            }
        }
        Ok(Inputs { files, flags, options: self.options.clone() })
    }

    /// The checks to run.
    pub fn checks(&self) -> Checks {
        Checks { values: !self.skip_schema_validation, objects: self.validate }
    }

    /// A session for `chart`, with the Kubernetes validator of the kube version when `--validate` is given.
    pub fn session(&self, chart: Chart) -> Result<Session, Failure> {
        let mut session = Session::new(chart);
        if self.validate {
            let requested = self.options.kube_version.as_deref().unwrap_or(DEFAULT_KUBE_VERSION);
            let validator =
                kube::bundled(kube::schema_version(requested)).map_err(|e| Failure::Render(e, Vec::new()))?;
            session.set_kube_validator(Some(Arc::new(validator)));
        }
        Ok(session)
    }
}

/// Whether `path` means standard input (Helm trims it first).
fn is_stdin(path: &str) -> bool {
    path.trim() == "-"
}

/// Standard input, read once: `-f -` and `--set-file k=-` may both name it, and each gets the same text.
#[derive(Default)]
struct Stdin(Option<String>);

impl Stdin {
    /// The text of the file at `path`, or of standard input for `-`; the error says what could not be read.
    fn read_path(&mut self, path: &str) -> Result<String, String> {
        if !is_stdin(path) {
            return std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"));
        }
        if let Some(text) = &self.0 {
            return Ok(text.clone());
        }
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
        self.0 = Some(text.clone());
        Ok(text)
    }
}
