// The playground's workflow in headless Chromium: no draft is ever lost (links opened one after another, the
// notice dismissed, Example, an embed's "Open in playground"), layered values (files in tabs, a --set tab) that
// render byte for byte what the command the page offers renders, and share links that carry the layers.
// Run by `cargo xtask e2e`, which also builds the CLI and sets CHARTPLAY_BIN.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, open, replaceValues, BASE_URL } from "./browser.mjs";

/** A fresh browser profile (empty localStorage), closed after the tests. */
async function fresh() {
  const browser = await launch();
  after(() => browser.close());
  return browser.context;
}

const plain = (values, extra = "") => `#chart=k8s-service&values=${encodeURIComponent(values)}${extra}`;
const app = (name) => `applicationName: ${name}\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n`;

/** The text of the editor's tab in view. */
const editorText = (page) => page.evaluate(() =>
  [...document.querySelectorAll(".cm-content .cm-line")].map((line) => line.textContent).join("\n"));

/** Waits until the editor shows a text that starts with `start`. */
async function editorStartsWith(page, start) {
  await page.waitForFunction((start) =>
    [...document.querySelectorAll(".cm-content .cm-line")].map((l) => l.textContent).join("\n").startsWith(start), start);
}

/** Types a draft of one's own on a fresh page. */
async function typeDraft(context, name) {
  const page = await open(context);
  await page.waitForSelector(".cm-content");
  await replaceValues(page, app(name));
  await page.waitForSelector(`.card[data-name="release-name-${name}"]`);
  return page;
}

/** Opens a link in the same profile, as following it from another page would. */
async function follow(context, fragment) {
  const page = await open(context, fragment);
  await page.waitForSelector(".cm-content");
  return page;
}

test("links opened one after another, the notice dismissed in between: Restore my draft brings back the user's own", async () => {
  const context = await fresh();
  (await typeDraft(context, "mine")).close();
  const a = await follow(context, plain(app("link-a")));
  await a.waitForSelector("[data-testid=notice-offer]");
  await a.click("[aria-label=Dismiss]");
  // Edits made on the link are kept too.
  await replaceValues(a, app("link-a-edited"));
  await a.waitForSelector('.card[data-name="release-name-link-a-edited"]');
  await a.close();
  const b = await follow(context, plain(app("link-b")));
  const offer = b.locator("[data-testid=notice-offer]");
  assert.equal(await offer.textContent(), "Restore my draft");
  await offer.click();
  await b.waitForSelector('.card[data-name="release-name-mine"]');
  await editorStartsWith(b, "applicationName: mine");
  // The history holds the link's edits and link B's values: nothing was lost on the way.
  await b.click("[data-testid=history] summary");
  const entries = await b.locator("[data-testid=history-entry]").allTextContents();
  assert.ok(entries.some((e) => e.startsWith("A shared link's values") && e.includes("before a restore")), entries.join("\n"));
  assert.ok(entries.some((e) => e.startsWith("A shared link's values") && e.includes("before a shared link opened")), entries.join("\n"));
  const restore = b.locator("[data-testid=history-entry]", { hasText: "before a shared link opened" }).locator("[data-testid=history-restore]");
  await restore.click();
  await b.waitForSelector('.card[data-name="release-name-link-a-edited"]');
  await b.close();
});

test("Example keeps the draft it replaces, and a reload keeps the history", async () => {
  const context = await fresh();
  const page = await typeDraft(context, "before-example");
  await page.click("[data-testid=example]");
  await page.waitForSelector('.card[data-name="release-name-web"]');
  await page.reload();
  await page.waitForSelector(".cm-content");
  await page.click("[data-testid=history] summary");
  const entry = page.locator("[data-testid=history-entry]").first();
  assert.match(await entry.textContent(), /^Your draft, kept just now before Example/);
  await entry.locator("[data-testid=history-restore]").click();
  await page.waitForSelector('.card[data-name="release-name-before-example"]');
  await editorStartsWith(page, "applicationName: before-example");
  await page.close();
});

test("an embed's Open in playground keeps the reader's own draft", async () => {
  const context = await fresh();
  (await typeDraft(context, "reader")).close();
  const embed = await open(context, `?embed=1${plain(app("docs-example"))}`);
  const [opened] = await Promise.all([
    context.waitForEvent("page"),
    embed.click("[data-testid=open-playground]"),
  ]);
  await opened.waitForSelector('.card[data-name="release-name-docs-example"]');
  await opened.click("[data-testid=notice-offer]");
  await opened.waitForSelector('.card[data-name="release-name-reader"]');
  await editorStartsWith(opened, "applicationName: reader");
  await embed.close();
  await opened.close();
});

/** Adds a values file named `name` with `text` after the others. */
async function addFile(page, name, text) {
  await page.click("[data-testid=add-file]");
  await page.click("[data-testid=rename-file]");
  await page.fill("[data-testid=rename-input]", name);
  await page.keyboard.press("Enter");
  await page.waitForSelector(`[data-testid=file-tab][data-name="${name}"][aria-selected=true]`);
  await replaceValues(page, text);
}

test("two files and --set flags render byte for byte what the offered command renders, and a share link carries them", async () => {
  const context = await fresh();
  const page = await typeDraft(context, "layered");
  await replaceValues(page, `${app("layered")}replicaCount: 2\nenvVars:\n  MODE: base\n`);
  await addFile(page, "values-prod.yaml", "replicaCount: 5\nenvVars:\n  MODE: prod\n  LEVEL: 'on'\n");
  await page.click('[data-testid=file-tab][data-name="--set"]');
  await replaceValues(page, "--set replicaCount=7\n--set-string containerImage.tag=0123\n--set-literal podAnnotations.note=a,b\\c\\\n");
  await page.waitForFunction(() => document.querySelector(".card[data-kind=Deployment]")?.textContent.includes("nginx:0123"));
  await page.fill("#release-name", "shop");
  await page.waitForSelector('.card[data-name="shop-layered"]');

  // What the page shows, as its download gives it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Download .yaml")]);
  const shown = readFileSync(await download.path(), "utf8");
  assert.match(shown, /replicas: 7/);
  assert.match(shown, /value: "on"/);
  assert.match(shown, /note: a,b\\c\\\n/);

  // What the offered command renders, with each file saved under its tab's name.
  await page.click("[data-testid=command] summary");
  const command = await page.locator("[data-testid=command-chartplay]").textContent();
  assert.equal(command, "chartplay render k8s-service -f values.yaml -f values-prod.yaml --set replicaCount=7 " +
    "--set-string containerImage.tag=0123 --set-literal 'podAnnotations.note=a,b\\c\\' --release-name shop");
  assert.match(await page.locator("[data-testid=command-helm]").textContent(), /^helm template shop charts\/k8s-service -f values.yaml -f values-prod.yaml /);
  const dir = mkdtempSync(join(tmpdir(), "chartplay-layers-"));
  try {
    writeFileSync(join(dir, "values.yaml"), `${app("layered")}replicaCount: 2\nenvVars:\n  MODE: base\n`);
    writeFileSync(join(dir, "values-prod.yaml"), "replicaCount: 5\nenvVars:\n  MODE: prod\n  LEVEL: 'on'\n");
    const cli = process.env.CHARTPLAY_BIN || "chartplay";
    const rendered = execFileSync("sh", ["-c", command.replace(/^chartplay /, `'${cli}' `)], { cwd: dir, encoding: "utf8" });
    assert.equal(rendered, shown);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The share link carries both files and the flags into a fresh browser.
  await page.click("#share");
  await page.waitForFunction(() => location.hash.startsWith("#s="));
  const link = await page.evaluate(() => location.hash);
  const other = await open(await fresh(), link);
  await other.waitForSelector('.card[data-name="shop-layered"]');
  assert.deepEqual(await other.$$eval("[data-testid=file-tab]", (tabs) => tabs.map((t) => t.dataset.name)),
    ["values.yaml", "values-prod.yaml", "--set"]);
  await other.click('[data-testid=file-tab][data-name="--set"]');
  await editorStartsWith(other, "--set replicaCount=7\n--set-string containerImage.tag=0123");
  const [again] = await Promise.all([other.waitForEvent("download"), other.click("text=Download .yaml")]);
  assert.equal(readFileSync(await again.path(), "utf8"), shown);
  await other.close();
  await page.close();
});

test("a hand-written link carries layers; a problem in a flag points at its line in the --set tab", async () => {
  const context = await fresh();
  const page = await open(context, plain(app("handmade"), `&file.values-prod.yaml=${encodeURIComponent("replicaCount: 4\n")}&set=${encodeURIComponent("replicaCount=x")}`));
  const place = page.locator("[data-testid=diagnostics] .place", { hasText: "--set line 1, column 7" });
  await place.waitFor();
  assert.equal(await page.locator('[data-testid=file-tab][data-name="--set"] .tab-badge').textContent(), "1");
  await place.click();
  await page.waitForSelector('[data-testid=file-tab][data-name="--set"][aria-selected=true]');
  await editorStartsWith(page, "--set replicaCount=x");
  // The tabs follow the WAI-ARIA tabs pattern: arrows move between them and show the tab reached.
  await page.focus('[data-testid=file-tab][data-name="--set"]');
  await page.keyboard.press("Home");
  await page.waitForSelector('[data-testid=file-tab][data-name="values.yaml"][aria-selected=true]');
  // Focus follows the selection once the tab is drawn; the next arrow moves on from there, as a user sees it.
  await page.waitForFunction(() => document.activeElement?.dataset.name === "values.yaml");
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector('[data-testid=file-tab][data-name="values-prod.yaml"][aria-selected=true]');
  await page.waitForFunction(() => document.activeElement?.dataset.name === "values-prod.yaml");
  await editorStartsWith(page, "replicaCount: 4");
  // Removing a file can be undone.
  await page.click("[data-testid=remove-file]");
  await page.waitForFunction(() => !document.querySelector('[data-testid=file-tab][data-name="values-prod.yaml"]'));
  await page.click("[data-testid=notice-offer]");
  await page.waitForSelector('[data-testid=file-tab][data-name="values-prod.yaml"]');
  await page.close();
});

test("each tab keeps its own undo history", async () => {
  const page = await open(await fresh());
  await page.waitForSelector(".cm-content");
  await addFile(page, "overlay.yaml", "replicaCount: 3\n");
  await page.click('[data-testid=file-tab][data-name="values.yaml"]');
  await page.click('[data-testid=file-tab][data-name="overlay.yaml"]');
  await page.click(".cm-content");
  await page.keyboard.press("Control+z");
  assert.equal(await editorText(page), "");
  await page.close();
});
