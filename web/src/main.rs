//! The playground's entry point (built by Trunk for wasm32).

fn main() {
    chartplay_web::start();
}
