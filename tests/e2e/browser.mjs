// Shared helpers for the browser tests, screenshots and benchmark: Debian's Chromium driven by playwright-core
// (which never downloads a browser), against the playground served on 127.0.0.1 by `cargo xtask`.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The served playground, from `cargo xtask e2e` (or set by hand). */
export const BASE_URL = process.env.CHARTPLAY_URL || "http://127.0.0.1:8080/";

/** Chromium as root, headless, with no background traffic (this machine's network is closed). `options` go to
 *  the browser context (e.g. `{ bypassCSP: true }` to inject a test's own script into the page). */
export async function launch(options = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), "chartplay-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ],
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/** Opens `path` (relative to BASE_URL) in a new page and waits for the first render. */
export async function open(context, path = "", { waitFor = "[data-testid=output] .card, [data-testid=problems]" } = {}) {
  const page = await context.newPage();
  await page.goto(new URL(path, BASE_URL).href);
  await page.waitForSelector(waitFor);
  return page;
}

/** The kinds of the rendered manifest cards, in order. */
export async function kinds(page) {
  return page.$$eval("[data-testid=output] .card", (cards) => cards.map((c) => c.dataset.kind));
}

/** Replaces the editor's whole text the way a user would: select all, type. */
export async function replaceValues(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

// axe-core from node_modules (package.json pins it), injected as a script: nothing comes from the network. The
// page's Content-Security-Policy allows only its own scripts, so the context must be launched with
// `{ bypassCSP: true }` for the test to add one.
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** The serious and critical axe-core violations on `target` (a page or one of its frames), as readable lines. */
export async function axeViolations(target) {
  await target.addScriptTag({ path: AXE });
  return target.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary.replace(/\s+/g, " ")}`));
  });
}
