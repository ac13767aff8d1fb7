// Starts the playground: loads the wasm-bindgen glue and the WebAssembly beside this file (so the site also
// works under a sub-path). A file rather than Trunk's inline loader, so the CSP can forbid inline scripts.
import init from "./chartplay-web.js";

init({ module_or_path: new URL("chartplay-web_bg.wasm", import.meta.url) }).catch((error) => {
  document.body.textContent = "The playground could not start: " + error;
});
