//! The chartplay playground: `chartplay-core` in the browser, as a Yew single-page app.
//!
//! [`state`] is the pure state and its reducer; [`app`] wires it to [`components`] (views), [`hooks`]
//! (named behaviour) and [`services`] (browser glue and rendering, no `html!`).

pub mod app;
pub mod components;
pub mod cursor;
pub mod examples;
pub mod highlight;
pub mod hooks;
pub mod services;
pub mod state;

/// Mounts the playground on `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
