// Trunk post-build hook, in Trunk's staging folder. Trunk runs a stage's hooks in parallel, so the steps that
// depend on each other are one hook, in order: minify the wasm-bindgen glue, then write the service worker,
// whose file list must hash the final bytes.
import "./minify-glue.mjs";
import { writeServiceWorker } from "./precache.mjs";

writeServiceWorker(process.env.TRUNK_STAGING_DIR);
