// The playground offline and across deploys, in headless Chromium with its service worker (web/sw.js).
//
// Each test serves its own copies of the built dist/ (the one `cargo xtask e2e` has just built) from a small
// server on 127.0.0.1 (a secure context, as service workers require), so it can stop the server to be truly
// offline, or swap the folder it serves to deploy a new build. Every wait is on a condition in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, kinds, launch, replaceValues } from "./browser.mjs";
import { writeServiceWorker } from "../../web/js/precache.mjs";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
const RENDERED = "[data-testid=output] .card";

/**
 * A copy of dist/ marked `tag` in each of its files (index.html, boot.js, the glue, editor.js, the stylesheet),
 * with its service worker written again for its new bytes: a build of its own. `change(dir)` may change it
 * further first. Removed after the test.
 */
function build(t, tag, change = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), `chartplay-${tag}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(DIST, dir, { recursive: true });
  const append = (file, text) => writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8") + text);
  append("boot.js", `\nwindow.chartplayTestBoot = "${tag}";\n`);
  append("chartplay-web.js", `\nglobalThis.chartplayTestGlue = "${tag}";\n`);
  append("editor.js", `\nwindow.chartplayTestEditor = "${tag}";\n`);
  append("style.css", `\n:root{--chartplay-test:"${tag}"}\n`);
  const css = readFileSync(join(dir, "style.css"));
  const integrity = "sha384-" + createHash("sha384").update(css).digest("base64");
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const marked = html
    .replace(/(href="\.\/style\.css" integrity=")[^"]+/, (_, head) => head + integrity)
    .replace("</head>", `<meta name="chartplay-test" content="${tag}">\n</head>`);
  assert.notEqual(marked.indexOf(integrity), -1, "the stylesheet's integrity is in index.html");
  writeFileSync(join(dir, "index.html"), marked);
  change(dir);
  writeServiceWorker(dir);
  return dir;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `root` under /app/ on 127.0.0.1 (a sub-path, as on a documentation site), and a blank page outside it
 * at /watcher.html. `site.root = other` deploys another folder; `site.close()` takes the site down.
 */
async function serve(t, root) {
  const site = { root };
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    if (pathname === "/watcher.html") {
      response.writeHead(200, { "Content-Type": TYPES[".html"] }).end("<!doctype html><title>watcher</title>");
      return;
    }
    if (!pathname.startsWith("/app/")) {
      response.writeHead(404).end();
      return;
    }
    // The URL parser has already resolved any "..".
    let path = normalize(pathname.slice("/app".length));
    if (path.endsWith(sep)) path += "index.html";
    try {
      const body = readFileSync(join(site.root, path));
      response.writeHead(200, { "Content-Type": TYPES[extname(path)] || "application/octet-stream", "Cache-Control": "no-cache" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  site.url = `${origin}/app/`;
  site.watcher = `${origin}/watcher.html`;
  site.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  t.after(() => server.listening && site.close());
  return site;
}

/** Which build each file of the page came from. */
async function builds(page) {
  await page.waitForSelector(".cm-content");
  return page.evaluate(() => ({
    "index.html": document.querySelector("meta[name=chartplay-test]")?.content,
    "boot.js": window.chartplayTestBoot,
    "chartplay-web.js": globalThis.chartplayTestGlue,
    "editor.js": window.chartplayTestEditor,
    "style.css": JSON.parse(getComputedStyle(document.documentElement).getPropertyValue("--chartplay-test") || "null"),
  }));
}

const all = (tag) => Object.fromEntries(["index.html", "boot.js", "chartplay-web.js", "editor.js", "style.css"].map((f) => [f, tag]));

/** This origin's caches. */
const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Opens the site in a new page and waits for the first render. */
async function visit(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(RENDERED);
  return page;
}

/** Waits until the page's service worker is active and has `path` (relative to the page) in its cache. */
const cached = (page, path) => page.evaluate(async (path) => {
  await navigator.serviceWorker.ready;
  const url = new URL(path, location.href).href;
  while (!(await caches.match(url))) await new Promise((resolve) => requestAnimationFrame(resolve));
}, path);

/**
 * Checks for a new build now (the browser also does on navigations, at a moment a test cannot choose) and
 * waits until its worker is installed and waiting for its turn.
 */
const findUpdate = (page) => page.evaluate(async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
  const worker = registration.installing || registration.waiting;
  if (!worker) throw new Error("no new build found");
  while (worker.state === "installing") {
    await new Promise((resolve) => worker.addEventListener("statechange", resolve, { once: true }));
  }
  if (worker.state !== "installed") throw new Error(`the new build's worker is ${worker.state}`);
});

/**
 * Watches the site's waiting worker from a page of the same origin outside the site's scope (a page of the site
 * would keep the old worker in place); `activated()` resolves once it has taken over.
 */
async function waitingTakesOver(context, site) {
  const watcher = await context.newPage();
  await watcher.goto(site.watcher);
  const activated = watcher.evaluate(async (siteUrl) => {
    const registration = await navigator.serviceWorker.getRegistration(siteUrl);
    const next = registration?.waiting;
    if (!next) throw new Error("no worker is waiting");
    while (next.state !== "activated") {
      if (next.state === "redundant") throw new Error("the waiting worker was discarded");
      await new Promise((resolve) => next.addEventListener("statechange", resolve, { once: true }));
    }
  }, site.url);
  return { activated: () => activated.finally(() => watcher.close()) };
}

/** Waits until the objects are checked against Kubernetes `version` (v1.NN). */
const checkedAgainst = (page, version) =>
  page.waitForFunction((version) => document.querySelector("[data-kube]")?.dataset.kube === version, version);

test("after one visit the playground opens offline: it renders, edits, checks against Kubernetes, embeds", { timeout: 120_000 }, async (t) => {
  const site = await serve(t, build(t, "offline"));
  const browser = await launch();
  t.after(() => browser.close());
  const page = await visit(browser.context, site.url);
  // The first visit fetches the selected version's Kubernetes schema; the service worker, installed meanwhile,
  // caches the app and that schema too (the page is not its client, and tells it what it fetched).
  await page.waitForFunction(() => document.querySelector("[data-kube]")?.dataset.kube);
  const version = await page.$eval("[data-kube]", (status) => status.dataset.kube);
  await cached(page, `kube-schemas/${version}.json`);

  // The network off: the site is down and the browser offline.
  await site.close();
  await browser.context.setOffline(true);
  await page.reload();
  await page.waitForSelector(RENDERED);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the worker controls the page");
  assert.deepEqual(await builds(page), all("offline"));
  await checkedAgainst(page, version);
  await replaceValues(page, 'applicationName: offline\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  await page.waitForSelector('[data-testid=output] .card[data-kind=Deployment][data-name="release-name-offline"]');
  assert.equal(await page.$("[data-testid=stale]"), null);

  // An embedded playground (the same page with another query) opens offline too.
  const embed = await visit(browser.context, new URL("?embed=1#chart=k8s-job", site.url).href);
  assert.equal(await embed.$("[data-testid=header]"), null);
  assert.deepEqual(await kinds(embed), ["Job"]);
});

test("a new build takes over on the next visit; a page never mixes the files of two builds", { timeout: 120_000 }, async (t) => {
  const v1 = build(t, "v1");
  // v2 also changes a Kubernetes schema that v1's pages have not fetched yet (same content, another layout).
  const v2 = build(t, "v2", (dir) => {
    const schema = join(dir, "kube-schemas", "v1.30.json");
    writeFileSync(schema, JSON.stringify(JSON.parse(readFileSync(schema, "utf8")), null, 1));
  });
  const site = await serve(t, v1);
  const browser = await launch();
  t.after(() => browser.close());
  let page = await visit(browser.context, site.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector(RENDERED);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller));
  assert.deepEqual(await builds(page), all("v1"));

  // Deploy v2. The browser finds it and installs it in the background; v1's pages stay v1, all of them, reloaded
  // or new, and a schema v1 never fetched is refused rather than taken from v2.
  site.root = v2;
  await findUpdate(page);
  await page.reload();
  await page.waitForSelector(RENDERED);
  assert.deepEqual(await builds(page), all("v1"));
  const other = await visit(browser.context, site.url);
  assert.deepEqual(await builds(other), all("v1"));
  await other.fill("#kube-version", "1.30.0");
  await other.waitForFunction(() =>
    document.body.textContent.includes("not checked against Kubernetes v1.30: cannot fetch kube-schemas/v1.30.json"));
  assert.equal((await cacheNames(page)).length, 2, "v1's cache, and v2's ready");

  // Once no v1 page is open, the browser activates v2 (the test waits for that; a user coming back later would
  // not notice). The next visit is all v2, and v1's cache is gone. (The typed kube version is in the draft.)
  const takeOver = await waitingTakesOver(browser.context, site);
  await other.close();
  await page.close();
  await takeOver.activated();
  page = await visit(browser.context, site.url);
  assert.deepEqual(await builds(page), all("v2"));
  assert.equal(await page.inputValue("#kube-version"), "1.30.0");
  await checkedAgainst(page, "v1.30");
  assert.equal((await cacheNames(page)).length, 1, "only v2's cache is left");
});

test("a page of an old build offers the new one; Reload brings every open page to it, draft kept", { timeout: 120_000 }, async (t) => {
  const v1 = build(t, "v1");
  const v2 = build(t, "v2");
  const site = await serve(t, v1);
  const browser = await launch({ bypassCSP: true });
  t.after(() => browser.close());
  const page = await visit(browser.context, site.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector(RENDERED);
  await page.fill("#release-name", "kept");
  await page.waitForSelector('.card[data-name="kept-web"]');
  const other = await visit(browser.context, site.url);
  assert.deepEqual(await builds(other), all("v1"));

  // Deploy v2: once its worker waits, the pages offer it, and stay v1 until asked.
  site.root = v2;
  await findUpdate(page);
  await page.waitForSelector("[data-testid=update] >> text=A new version of the playground is ready.");
  assert.equal(await page.getAttribute("[data-testid=update]", "role"), "status");
  assert.deepEqual(await builds(page), all("v1"));
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], violations.join("\n"));
  }

  // Reload: both pages reload into v2 (no page keeps running v1 against v2's worker), and the draft is there.
  const reloaded = [page, other].map((p) => p.waitForEvent("load"));
  await page.click("[data-testid=update] >> text=Reload");
  await Promise.all(reloaded);
  for (const p of [page, other]) {
    await p.waitForSelector('.card[data-name="kept-web"]');
    assert.deepEqual(await builds(p), all("v2"));
    assert.equal(await p.inputValue("#release-name"), "kept");
    assert.equal(await p.$("[data-testid=update]"), null, "the new build offers nothing");
  }
  assert.equal((await cacheNames(page)).length, 1, "only v2's cache is left");
});
