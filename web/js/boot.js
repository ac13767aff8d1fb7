// Starts the playground: loads the wasm-bindgen glue and the WebAssembly beside this file (so the site also
// works under a sub-path). A file rather than Trunk's inline loader, so the CSP can forbid inline scripts.
//
// The editor bundle (editor.js, CodeMirror) is fetched in parallel (index.html preloads it) but runs only after
// the app's first render has painted, so the first output does not wait for it. `chartplayEditorReady` is the
// promise the app awaits before creating the editor; until then it shows the values as plain text.
//
// Once the editor has loaded, the service worker (sw.js; its strategy is described in web/sw.js) is registered,
// in embeds too: the next visit opens from its cache, with or without a network.
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

/**
 * Registers the service worker. A page it does not control (the first visit, loaded before the worker existed)
 * tells it which Kubernetes schemas it fetched, so they are there offline too.
 */
async function registerWorker() {
  // None outside a secure context; reading it throws in a sandboxed frame.
  const workers = navigator.serviceWorker;
  if (!workers) return;
  await workers.register(new URL("sw.js", import.meta.url));
  if (workers.controller) return;
  const registration = await workers.ready;
  const schemas = registration.scope + "kube-schemas/";
  new PerformanceObserver((list) => {
    const fetched = list.getEntries().map((entry) => entry.name).filter((url) => url.startsWith(schemas));
    if (fetched.length) {
      registration.active?.postMessage({ type: "cache", paths: fetched.map((url) => url.slice(registration.scope.length)) });
    }
  }).observe({ type: "resource", buffered: true });
}

window.chartplayEditorReady.then(
  () => registerWorker().catch((error) => console.warn("chartplay works online only:", error)),
  () => undefined,
);
