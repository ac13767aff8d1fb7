//! chartplay-core: renders Gruntwork's Kubernetes Services charts the way `helm template` does, in pure Rust.
#![warn(missing_docs)]

pub mod capabilities;
pub mod chart;
pub mod engine;
pub mod error;
pub mod kube;
pub mod output;
pub mod render;
pub mod schema;
pub mod share;
pub mod strvals;
pub mod validate;
pub mod values;
pub mod yaml;

pub use chart::{builtin_names, Chart, ChartFile};
pub use error::{Error, ErrorKind, Location, Result};
pub use output::{Manifest, Rendered};
pub use render::{load_values, render, RenderOptions, Renderer, UserValues, ValuesFile};
pub use values::{Map, Value};
