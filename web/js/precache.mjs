// Writes the service worker of one build: web/sw.js with its PRECACHE line replaced by the build id and every
// file of the build with its SRI hash (sha384, as Subresource Integrity and fetch's `integrity` take it).
//
// Run by web/js/post-build.mjs in Trunk's staging folder, after everything else has written its files, or by hand
// on a built folder: `node web/js/precache.mjs DIR`. It reads files and writes DIR/sw.js; nothing is downloaded.
//
// The shell is every file of the folder but sw.js and kube-schemas/ (cached by the worker at install); the
// Kubernetes schemas (kube-schemas/*.json, one per version, fetched when a version is selected) are listed
// apart and cached on first use. The build id hashes both lists and the worker's own code, so any change to
// what is served makes a new cache.
import { transformSync } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const TEMPLATE = fileURLToPath(new URL("../sw.js", import.meta.url));
const PLACEHOLDER = /^const PRECACHE = null;.*$/m;

/** The folder's files, as sorted `/`-separated paths relative to it (dot files left out). */
function filesOf(dir) {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return files.sort();
}

const integrityOf = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

/** Writes `dir/sw.js` for the build in `dir`; returns its build id. */
export function writeServiceWorker(dir) {
  const template = readFileSync(TEMPLATE, "utf8");
  if (!PLACEHOLDER.test(template)) throw new Error(`${TEMPLATE} has no "const PRECACHE = null;" line`);
  const shell = {};
  const lazy = {};
  for (const path of filesOf(dir)) {
    if (path === "sw.js") continue;
    if (path.startsWith("kube-schemas/")) {
      if (path.endsWith(".json")) lazy[path] = integrityOf(readFileSync(join(dir, path)));
    } else {
      shell[path] = integrityOf(readFileSync(join(dir, path)));
    }
  }
  if (!shell["index.html"]) throw new Error(`${dir} has no index.html`);
  const build = createHash("sha256").update(JSON.stringify([shell, lazy, template])).digest("hex").slice(0, 16);
  const precache = JSON.stringify({ build, shell, lazy });
  const code = template.replace(PLACEHOLDER, () => `const PRECACHE = ${precache};`);
  // Minified like the other scripts; the strategy is documented in web/sw.js.
  const { code: minified } = transformSync(code, { minify: true, legalComments: "none", target: "es2022" });
  writeFileSync(join(dir, "sw.js"), minified);
  return build;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node web/js/precache.mjs DIR");
    process.exit(2);
  }
  console.log(`${dir}/sw.js: build ${writeServiceWorker(dir)}`);
}
