//! chartplay-core: renders Gruntwork's Kubernetes Services charts the way `helm template` does, in pure Rust.
#![warn(missing_docs)]

pub mod error;
pub mod strvals;
pub mod values;
pub mod yaml;

pub use error::{Error, ErrorKind, Location, Result};
pub use values::{Map, Value};
