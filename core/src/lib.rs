//! chartplay-core: renders Gruntwork's Kubernetes Services charts the way `helm template` does, in pure Rust.
//!
//! The charts (k8s-service, k8s-daemon-set, k8s-job) are embedded; values are read with Helm's YAML rules, merged
//! and coalesced as Helm does, and rendered by templates whose output matches Helm's object for object, field for
//! field, type for type. A [`Session`] runs the whole pipeline — read the values, check them against the chart's
//! values schema, render, check the objects against the Kubernetes API — and returns the manifests with one list of
//! [`Diagnostic`]s, each placed where the user can fix it.
//!
//! ```
//! use chartplay_core::{Checks, Inputs, Session, SetFlag, SetKind, ValuesFile};
//!
//! let mut session = Session::builtin("k8s-service")?;
//! let inputs = Inputs {
//!     files: vec![ValuesFile::new(
//!         "values.yaml",
//!         "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: \"1.27\"\ncontanerPorts: {}\n",
//!     )],
//!     flags: vec![SetFlag::new(SetKind::Set, "replicaCount=3")],
//!     ..Inputs::default()
//! };
//! let outcome = session.run(&inputs, Checks::default());
//!
//! // The misspelled key is reported where it is written, with a fix.
//! let typo = &outcome.diagnostics[0];
//! assert_eq!(typo.to_string(), r#"values.yaml:5:1: contanerPorts: unknown key "contanerPorts" (did you mean "containerPorts"?)"#);
//! assert_eq!(typo.fixes[0].title, r#"use "containerPorts""#);
//!
//! // The manifests render anyway: the shell decides what an error means (the CLI prints nothing and exits 1).
//! let stream = outcome.rendered.expect("rendered").to_stream();
//! assert!(stream.contains("kind: Deployment") && stream.contains("replicas: 3"));
//! # Ok::<(), chartplay_core::Error>(())
//! ```
#![warn(missing_docs)]

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

mod capabilities;
mod chart;
mod coalesced;
pub mod diagnostic;
pub mod diff;
mod engine;
mod error;
pub mod kube;
mod output;
mod policy;
mod render;
pub mod schema;
mod session;
pub mod share;
mod strvals;
pub mod trace;
pub mod values;
pub mod yaml;

pub use capabilities::{KubeVersion, DEFAULT_KUBE_VERSION};
pub use chart::{builtin_names, Chart, ChartFile, ChartMetadata};
pub use diagnostic::{Cause, Diagnostic, Field, Fix, Note, Severity, TextEdit};
pub use error::{Error, ErrorKind, Location, Result};
pub use output::{Manifest, Rendered};
pub use render::{load_values, render, RenderOptions, Renderer, UserValues, DEFAULT_NAMESPACE, DEFAULT_RELEASE_NAME};
pub use session::{Checks, Inputs, Outcome, Session, Timings};
pub use values::path::ValuePath;
pub use values::source::{Origin, SetFlag, SetKind, Sources, ValuesFile};
pub use values::{Map, Value};
