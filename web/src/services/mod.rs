//! Browser glue and rendering, with no `html!`: each module wraps one outside thing the app talks to.

pub mod deflate;
pub mod editor;
pub mod embed;
pub mod export;
pub mod help;
pub mod kube_schemas;
pub mod link;
pub mod renderer;
pub mod storage;
