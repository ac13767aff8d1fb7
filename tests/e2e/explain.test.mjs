// Explaining the output in real Chromium: from an output line to the value behind it (pointer, click,
// keyboard), from the value at the editor's cursor to its lines, and the Changes view. Waits on DOM conditions only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, replaceValues } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const VALUES = 'applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\nreplicaCount: 3\n' +
  "ingress:\n  hosts: [web.example.com]\n";

/** The output line of the card `kind` whose text is `text`, with the classes `classes` (a locator). */
function line(page, kind, text, classes = "") {
  const exact = new RegExp(`^\\s*${text.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  return page.locator(`[data-testid=output] .card[data-kind=${kind}] .line${classes}`).filter({ hasText: exact });
}

/** Waits until the explain bar's text contains `text`. */
const explains = (page, text) =>
  page.waitForFunction((text) => document.querySelector("[data-testid=explain]").textContent.includes(text), text);

test("pointing at an output line names the value behind it; its place leads to the line in the editor", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, VALUES);
  await line(page, "Deployment", "  replicas: 3").waitFor();
  // The output is explained once the page is idle after the edit.
  await line(page, "Deployment", "  replicas: 3", ".traced").waitFor();
  await line(page, "Deployment", "  replicas: 3").hover();
  await explains(page, "replicaCount ← values.yaml:5:15");
  assert.match(await page.textContent("[data-testid=explain]"), /Deployment\/release-name-web:spec\.replicas/);
  await page.click("[data-testid=explain-goto]");
  await page.waitForFunction(() => document.querySelector(".cm-activeLine")?.textContent === "replicaCount: 3");
  // The cursor rests on the value now: the bar says what it produced.
  await explains(page, "replicaCount: 1 line in 1 manifest");
  // Constant text is the chart's own.
  await line(page, "Deployment", "kind: Deployment").hover();
  await explains(page, "the chart's own text");
  // A default leads to the key in Default values.
  await line(page, "Service", "      port: 80").hover();
  await explains(page, "service.ports.app.port ← chart default");
  await page.click("[data-testid=explain-default]");
  await page.waitForSelector(".doc-view .focused-line");
  assert.match(await page.textContent(".doc-view .focused-line"), /port: 80/);
  await page.close();
});

test("from the keyboard: a card's lines are selected with Up and Down, and Enter goes to the value", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, VALUES);
  await line(page, "Deployment", "  replicas: 3", ".traced").waitFor();
  // Select the line above, then move down onto replicas with the keyboard.
  await line(page, "Deployment", "spec:").first().click();
  await line(page, "Deployment", "spec:", ".selected-line").waitFor();
  await page.keyboard.press("ArrowDown");
  await line(page, "Deployment", "  replicas: 3", ".selected-line").waitFor();
  await page.mouse.move(0, 0);
  await explains(page, "replicaCount ← values.yaml:5:15");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".cm-activeLine")?.textContent === "replicaCount: 3");
  await page.close();
});

test("the value at the editor's cursor highlights its lines in every manifest, or says why there are none", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, VALUES);
  await line(page, "Deployment", "  replicas: 3", ".traced").waitFor();
  await page.locator(".cm-line", { hasText: /^replicaCount: 3$/ }).click();
  await line(page, "Deployment", "  replicas: 3", ".focused-line").waitFor();
  assert.match(await page.textContent("[data-testid=explain]"), /replicaCount: 1 line in 1 manifest/);
  // applicationName names objects and labels in every manifest.
  await page.locator(".cm-line", { hasText: /^applicationName: web$/ }).click();
  await page.waitForFunction(() => /applicationName: \d+ lines in 2 manifests/.test(document.querySelector("[data-testid=explain]").textContent));
  assert.ok((await page.$$("[data-testid=output] .focused-line")).length >= 4);
  // ingress.hosts is written, but the Ingress is off.
  await page.locator(".cm-line", { hasText: /^\s*hosts: \[web\.example\.com\]$/ }).click();
  await explains(page, "ingress.hosts[0]: not used with these values (ingress.enabled is false)");
  assert.equal(await page.$("[data-testid=output] .focused-line"), null);
  await page.close();
});

test("the Changes view marks what changed since the page opened; an edit's lines flash", async () => {
  const page = await open(browser.context, "#chart=k8s-service&values=" + encodeURIComponent(VALUES));
  await line(page, "Deployment", "  replicas: 3").waitFor();
  await page.click("[data-testid=changes-toggle]");
  await page.waitForSelector("[data-testid=changes-toggle][aria-pressed=true]");
  assert.equal(await page.$(".added-line"), null, "nothing changed yet");
  // Edit: replicas 3 → 5, and turn the Ingress on.
  await page.locator(".cm-line", { hasText: /^replicaCount: 3$/ }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("5");
  await line(page, "Deployment", "  replicas: 5", ".added-line").waitFor();
  await line(page, "Deployment", "  replicas: 5", ".flash-line").waitFor();
  assert.match(await page.textContent(".card[data-kind=Deployment] [data-testid=change-badge]"), /\+1 −1 lines/);
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("  path: /\n  pathType: Prefix\n");
  await page.locator(".cm-line", { hasText: /^ingress:$/ }).click();
  await page.keyboard.press("End");
  await page.keyboard.insertText("\n  enabled: true");
  await page.waitForSelector(".card[data-kind=Ingress] [data-testid=change-badge]");
  assert.equal(await page.textContent(".card[data-kind=Ingress] [data-testid=change-badge]"), "new");
  // Off again: nothing is marked.
  await page.click("[data-testid=changes-toggle]");
  await page.waitForFunction(() => !document.querySelector(".added-line"));
  await page.close();
});
