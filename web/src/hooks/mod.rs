//! Behaviour worth naming, as hooks.

pub mod use_autosave;
pub mod use_copy;
pub mod use_embed_height;
