//! The chartplay playground: `chartplay-core` in the browser, as a Yew single-page app.
//!
//! [`state`] is the pure state and its reducer; [`app`] wires it to [`components`] (views), [`hooks`]
//! (named behaviour) and [`services`] (browser glue and rendering, no `html!`).

pub mod app;
pub mod components;
pub mod cursor;
pub mod draft;
pub mod examples;
pub mod fuzzy;
pub mod highlight;
pub mod hooks;
pub mod placement;
pub mod services;
pub mod state;

/// Reads the share link in the address, if any (the browser inflates a compressed one), then mounts the
/// playground on `<body>`.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let link = std::rc::Rc::new(services::link::from_fragment().await);
        yew::Renderer::<app::App>::with_props(app::AppProps { link }).render();
    });
}
