// Minifies the wasm-bindgen glue (chartplay-web.js), which wasm-bindgen writes readable,
// in Trunk's staging folder (run by post-build.mjs). esbuild comes from npm, pinned by package-lock.json.
import { buildSync } from "esbuild";
import { join } from "node:path";

const glue = join(process.env.TRUNK_STAGING_DIR, "chartplay-web.js");
buildSync({ entryPoints: [glue], outfile: glue, allowOverwrite: true, minify: true, format: "esm", target: "es2020", logLevel: "warning" });
