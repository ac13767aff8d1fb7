// Starts the playground: loads the wasm-bindgen glue and the WebAssembly beside this file (so the site also
// works under a sub-path). A file rather than Trunk's inline loader, so the CSP can forbid inline scripts.
//
// The editor bundle (editor.js, CodeMirror) is fetched in parallel (index.html preloads it) but runs only after
// the app's first render has painted, so the first output does not wait for it. `chartplayEditorReady` is the
// promise the app awaits before creating the editor; until then it shows the values as plain text.
import init from "./chartplay-web.js";

let loadEditor;
window.chartplayEditorReady = new Promise((resolve, reject) => {
  loadEditor = () => {
    const script = document.createElement("script");
    script.src = new URL("editor.js", import.meta.url).href;
    script.onload = () => resolve(window.ChartplayEditor);
    script.onerror = () => reject(new Error("cannot load the editor (editor.js)"));
    document.head.appendChild(script);
  };
});

init({ module_or_path: new URL("chartplay-web_bg.wasm", import.meta.url) }).then(
  () => requestAnimationFrame(() => setTimeout(loadEditor, 0)),
  (error) => {
    document.body.textContent = "The playground could not start: " + error;
  },
);
