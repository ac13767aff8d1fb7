// Starts the playground: loads the wasm-bindgen glue and the WebAssembly beside this file (so the site also
// works under a sub-path). A file rather than Trunk's inline loader, so the CSP can forbid inline scripts.
//
// The editor bundle (editor.js, CodeMirror) is fetched and run only after the app's first render has painted, so
// the first output does not wait for it. It is not preloaded: on two cores, downloading and parsing its 350 KB
// beside the WebAssembly's compile slowed the first render (median of 25 fresh loads: 255 ms preloaded, 241 ms
// not). The service worker serves it from its cache on later visits. `chartplayEditorReady` is the promise the
// app awaits before creating the editor; until then it shows the values as plain text.
//
// Once the editor has loaded, the service worker (sw.js; its strategy is described in web/sw.js) is registered,
// in embeds too: the next visit opens from its cache, with or without a network. A page of an older build offers
// the newer one once it is installed (a Reload button); taking it reloads every open page of the old build.
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
  const registration = await workers.register(new URL("sw.js", import.meta.url));
  if (workers.controller) {
    offerUpdates(registration);
    return;
  }
  await workers.ready;
  const schemas = registration.scope + "kube-schemas/";
  new PerformanceObserver((list) => {
    const fetched = list.getEntries().map((entry) => entry.name).filter((url) => url.startsWith(schemas));
    if (fetched.length) {
      registration.active?.postMessage({ type: "cache", paths: fetched.map((url) => url.slice(registration.scope.length)) });
    }
  }).observe({ type: "resource", buffered: true });
}

/**
 * In a page the worker controls: once a new build's worker is installed and waiting, offers to reload into it.
 * Taking the offer lets that worker take over (skipWaiting, on request only), and every page of the old build
 * reloads when it does, so no page goes on running one build against another's worker. The draft is saved on
 * every edit, so a reload keeps it.
 */
function offerUpdates(registration) {
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
  const offer = () => registration.waiting && showUpdate(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => worker.state === "installed" && offer());
  });
  offer();
}

/** The offer: a status line with a Reload button, once per page. */
function showUpdate(worker) {
  if (document.querySelector("[data-testid=update]")) return;
  const bar = document.createElement("div");
  bar.className = "notice update-notice";
  bar.setAttribute("role", "status");
  bar.dataset.testid = "update";
  const text = document.createElement("span");
  text.className = "notice-text";
  text.textContent = "A new version of the playground is ready.";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button small";
  button.textContent = "Reload";
  button.addEventListener("click", () => {
    button.disabled = true;
    worker.postMessage({ type: "skipWaiting" });
  });
  bar.append(text, button);
  document.body.append(bar);
}

window.chartplayEditorReady.then(
  () => registerWorker().catch((error) => console.warn("chartplay works online only:", error)),
  () => undefined,
);
