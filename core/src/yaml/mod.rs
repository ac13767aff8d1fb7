//! YAML the way Helm reads and writes it.
//!
//! [`read`] turns a values file (or a rendered manifest) into a [`Value`](crate::Value) tree with go-yaml v2 +
//! sigs.k8s.io/yaml semantics, recording where each value is written. [`write`] is Helm's `toYaml`.

#[doc(hidden)]
pub mod block;
pub mod read;
pub mod scalar;
pub mod write;

/// Deepest nesting of collections accepted; deeper documents are rejected before being built.
pub const MAX_DEPTH: usize = 256;
