// End-to-end tests of the built playground in headless Chromium. Every wait is on a DOM condition, never a sleep.
// Run by `cargo xtask e2e` (which builds dist/, serves it and sets CHARTPLAY_URL).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { launch, open, kinds, replaceValues, BASE_URL } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh browser profile (empty localStorage) for tests that must not see each other's drafts. */
async function freshContext() {
  const fresh = await launch();
  after(() => fresh.close());
  return fresh.context;
}

async function charts(page) {
  return page.$$eval("#chart option", (options) => options.map((o) => o.value));
}

test("first load shows a Deployment and a Service", async () => {
  const page = await open(browser.context);
  const found = await kinds(page);
  assert.ok(found.includes("Deployment"), `kinds: ${found}`);
  assert.ok(found.includes("Service"), `kinds: ${found}`);
  assert.equal(await page.$("[data-testid=stale]"), null);
  await page.close();
});

test("typing changes the output", async () => {
  const page = await open(browser.context);
  await replaceValues(page, 'applicationName: typed-app\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  await page.waitForSelector('[data-testid=output] .card[data-kind=Deployment][data-name="release-name-typed-app"]');
  // One keystroke more re-renders again.
  await page.keyboard.type("replicaCount: 7\n");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=output] .card[data-kind=Deployment] pre")].some((pre) => pre.textContent.includes("replicas: 7")));
  await page.close();
});

test("the editor colours YAML with the output's classes; Ctrl+/ comments a line out", async () => {
  const page = await open(browser.context);
  await replaceValues(page, 'applicationName: web # the app\ncontainerImage: {repository: nginx, tag: "1.27"}\nreplicaCount: 2\n');
  await page.waitForSelector('.card[data-name="release-name-web"]');
  const marked = (name) => page.$$eval(`.cm-content .${name}`, (spans) => spans.map((s) => s.textContent));
  assert.deepEqual(await marked("tok-key"), ["applicationName", "containerImage", "repository", "tag", "replicaCount"]);
  assert.deepEqual(await marked("tok-string"), ["web", "nginx", '"1.27"']);
  assert.deepEqual(await marked("tok-literal"), ["2"]);
  assert.deepEqual(await marked("tok-comment"), ["# the app"]);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Control+/");
  await page.waitForFunction(() => document.querySelector(".cm-activeLine")?.textContent === "# replicaCount: 2");
  await page.close();
});

test("the editor indents with spaces on Tab, shows indentation, undoes and searches", async () => {
  const page = await open(browser.context);
  await replaceValues(page, "applicationName: web\ncontainerImage:\nrepository: nginx\n");
  await page.waitForSelector(".cm-content");
  const line = (n) => page.$eval(".cm-content", (content, n) => content.querySelectorAll(".cm-line")[n].textContent, n);
  // Tab on the third line indents it by two spaces (never a tab); the indentation shows as a guide.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  assert.equal(await line(2), "  repository: nginx");
  await page.waitForSelector(".cm-line .cm-indent-guide");
  // Undo takes it back.
  await page.keyboard.press("Control+z");
  assert.equal(await line(2), "repository: nginx");
  // Ctrl+F opens the search panel; matches are marked.
  await page.keyboard.press("Control+f");
  await page.waitForSelector(".cm-search input[name=search]");
  await page.keyboard.type("nginx");
  await page.waitForSelector(".cm-searchMatch");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector(".cm-search"));
  await page.close();
});

for (const [chart, kind] of [["k8s-daemon-set", "DaemonSet"], ["k8s-job", "Job"]]) {
  test(`switching chart shows a ${kind}`, async (t) => {
    const page = await open(browser.context);
    if (!(await charts(page)).includes(chart)) {
      t.skip(`${chart} is not among builtin_names() yet`);
      await page.close();
      return;
    }
    await page.selectOption("#chart", chart);
    await page.waitForSelector(`[data-testid=output] .card[data-kind=${kind}]`);
    assert.equal(await page.$("[data-testid=stale]"), null);
    await page.close();
  });
}

test("invalid YAML shows the error at its line and keeps the stale output", async () => {
  const page = await open(browser.context);
  const before = await kinds(page);
  assert.ok(before.length > 0);
  await replaceValues(page, "applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: [broken\n");
  await page.waitForSelector("[data-testid=stale]");
  const problem = await page.textContent("[data-testid=problems]");
  assert.match(problem, /line [45], column \d+/, problem);
  // The gutter marker sits on the reported line.
  await page.waitForSelector(".cm-lint-marker-error");
  assert.deepEqual(await kinds(page), before, "the last good output stays");
  await page.close();
});

test("a misspelled key gets an error marker and message at its line; the output stays fresh", async () => {
  const page = await open(browser.context);
  await replaceValues(page, 'applicationName: typo\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\ncontanerImage:\n  tag: x\n');
  await page.waitForSelector('.card[data-name="release-name-typo"]');
  await page.waitForSelector("[data-testid=diagnostics]");
  const warnings = await page.textContent("[data-testid=diagnostics]");
  assert.ok(warnings.includes('unknown key "contanerImage"'), warnings);
  assert.ok(warnings.includes('use "containerImage"'), warnings);
  assert.match(warnings, /line 5, column 1/, warnings);
  assert.equal(await page.$("[data-testid=stale]"), null, "a values problem does not make the output stale");
  // The gutter marker sits on line 5, and the key is underlined.
  await page.waitForSelector(".cm-lint-marker-error");
  const [markerTop, lineTop] = await page.evaluate(() => {
    const marker = document.querySelector(".cm-lint-marker-error").closest(".cm-gutterElement");
    const line = [...document.querySelectorAll(".cm-lineNumbers .cm-gutterElement")].find((e) => e.textContent === "5");
    return [marker.getBoundingClientRect().top, line.getBoundingClientRect().top];
  });
  assert.ok(Math.abs(markerTop - lineTop) < 2, `marker at ${markerTop}, line 5 at ${lineTop}`);
  assert.match(await page.textContent(".cm-lintRange-error"), /contanerImage/);
  // The position in the list moves the cursor there.
  await page.click("[data-testid=diagnostics] button.place");
  await page.waitForFunction(() => document.querySelector(".cm-activeLine")?.textContent.startsWith("contanerImage"));
  await page.close();
});

test("a fix is one click away, in the list and in the marker's tooltip, and undoes like any edit", async () => {
  const page = await open(browser.context);
  await replaceValues(page, 'applicationName: fixme\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\ncontanerPorts: {}\nenvVars:\n  COUNTRY_CODE: NO\n');
  await page.waitForSelector('.card[data-name="release-name-fixme"]');
  // The list offers each fix as a button.
  await page.waitForSelector("[data-testid=diagnostics] [data-testid=fix]");
  const fixes = await page.$$eval("[data-testid=diagnostics] [data-testid=fix]", (buttons) => buttons.map((b) => b.textContent));
  assert.deepEqual(fixes, ['use "containerPorts"', 'quote it: "NO"']);
  await page.click("[data-testid=diagnostics] [data-testid=fix]:has-text('use')");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "containerPorts: {}"));
  // The marker's tooltip offers the other one; hovering the underlined value shows it.
  const value = await page.waitForSelector(".cm-lintRange-warning");
  await value.hover();
  await page.waitForSelector(".cm-tooltip-lint .cm-fix");
  await page.click(".cm-tooltip-lint .cm-fix");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === '  COUNTRY_CODE: "NO"'));
  await page.waitForFunction(() => !document.querySelector("[data-testid=diagnostics]"));
  // Each fix is an ordinary edit: undo takes it back, and the warning returns.
  await page.click(".cm-content");
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "  COUNTRY_CODE: NO"));
  await page.waitForSelector("[data-testid=diagnostics] [data-testid=fix]");
  await page.close();
});

test("completion offers the chart's keys and enum values from its schema; hover documents a key", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, 'applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  await page.waitForSelector('.card[data-name="release-name-web"]');
  const offered = () => page.$$eval(".cm-tooltip-autocomplete li .cm-completionLabel", (labels) => labels.map((l) => l.textContent));
  // Typing at a new line opens the popup with the top-level keys.
  await page.keyboard.type("conta");
  await page.waitForSelector(".cm-tooltip-autocomplete");
  assert.ok((await offered()).includes("containerImage"), `offered: ${await offered()}`);
  await page.keyboard.press("Escape");
  // Ctrl+Space after "type: " under service offers the enum values.
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\nservice:\n  type: ');
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-tooltip-autocomplete .cm-completionLabel")].some((l) => l.textContent === "NodePort"));
  // The schema allows null there too (the key may stay unset); that is not offered.
  assert.ok(!(await offered()).includes("null"), `offered: ${await offered()}`);
  await page.keyboard.press("Escape");
  // Hovering a key shows its documentation.
  const box = await page.evaluate(() => {
    const line = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent.startsWith("containerImage"));
    const range = document.createRange();
    range.setStart(line.firstChild.firstChild || line.firstChild, 3);
    range.setEnd(line.firstChild.firstChild || line.firstChild, 4);
    const rect = range.getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector(".cm-schema-doc");
  assert.match(await page.textContent(".cm-schema-doc"), /containerImage/);
  await page.close();
});

test("Kubernetes validation flags what the values schema cannot see, on the manifest's card", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, 'applicationName: checked\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n' +
    "sideCarContainers:\n  proxy:\n    args: [run]\nlivenessProbe:\n  periodSeconds: soon\n");
  const card = '.card[data-kind=Deployment][data-name="release-name-checked"]';
  await page.waitForSelector(`${card} [data-testid=kube-problems]`);
  const listed = await page.textContent(`${card} [data-testid=kube-problems]`);
  assert.match(listed, /spec\.template\.spec\.containers\[1\]\.image: required value/, listed);
  assert.match(listed, /livenessProbe\.periodSeconds: .*"soon"/, listed);
  assert.match(await page.textContent(`${card} .kube-badge`), /⚠ \d/);
  const warnings = await page.textContent("[data-testid=diagnostics]");
  assert.match(warnings, /Deployment\/release-name-checked.*containers\[1\]\.image: required value/, warnings);
  assert.equal(await page.$("[data-testid=stale]"), null);
  assert.match(await page.textContent("[data-testid=status] .summary"), /checked against Kubernetes v1\.36/);
  // The Service is fine.
  assert.equal(await page.$('.card[data-kind=Service] [data-testid=kube-problems]'), null);
  await page.close();
});

test("clicking a Kubernetes problem in the list shows its manifest: expanded, scrolled to, highlighted", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, 'applicationName: shown\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n' +
    "sideCarContainers:\n  proxy:\n    args: [run]\n");
  const card = '.card[data-kind=Deployment][data-name="release-name-shown"]';
  await page.waitForSelector(`${card} [data-testid=kube-problems]`);
  // Collapse the card, then look at another panel: the click must undo both.
  await page.click(`${card} .card-toggle`);
  await page.waitForSelector(`${card} .card-toggle[aria-expanded=false]`);
  await page.click("text=README");
  await page.click("[data-testid=diagnostics] button.place:has-text('Deployment/release-name-shown')");
  await page.waitForSelector(`${card}.focused .card-toggle[aria-expanded=true]`);
  // The card's top comes to the top of the output, below the sticky toolbar.
  await page.waitForFunction((card) => {
    const top = document.querySelector(card).getBoundingClientRect().top;
    const pane = document.querySelector(".pane-body").getBoundingClientRect().top;
    return Math.abs(top - pane - 50) < 4;
  }, card);
  assert.equal(await page.$$eval(".card.focused", (cards) => cards.length), 1);
  // Editing the values ends the highlight.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("replicaCount: 2\n");
  await page.waitForFunction(() => !document.querySelector(".card.focused"));
  await page.close();
});

test("a share link opened in a fresh page restores the state", async () => {
  const context = await freshContext();
  const page = await open(context);
  await page.fill("#release-name", "shared-release");
  await page.fill("#namespace", "shared-ns");
  await replaceValues(page, 'applicationName: shared-app\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  await page.waitForSelector('.card[data-name="shared-release-shared-app"]');
  await page.click("#share");
  await page.waitForFunction(() => location.hash.startsWith("#s="));
  const link = page.url();

  const other = await open(await freshContext(), link.replace(BASE_URL, ""), { waitFor: '.card[data-name="shared-release-shared-app"]' });
  assert.equal(await other.inputValue("#release-name"), "shared-release");
  assert.equal(await other.inputValue("#namespace"), "shared-ns");
  assert.match(await other.textContent(".cm-content"), /applicationName: shared-app/);
});

test("a link pasted into an open tab opens it", async () => {
  const page = await open(await freshContext());
  await page.evaluate(() => { location.hash = "chart=k8s-service&release=pasted"; });
  await page.waitForSelector('.card[data-name^="pasted-"]');
  assert.equal(await page.inputValue("#release-name"), "pasted");
});

test("a hand-written plain link works and a damaged link says so without losing the draft", async () => {
  const context = await freshContext();
  const plain = await open(context, "#chart=k8s-service&release=docs&values=applicationName%3A%20plain%0AcontainerImage%3A%0A%20%20repository%3A%20nginx%0A%20%20tag%3A%20%221%22%0A",
    { waitFor: '.card[data-name="docs-plain"]' });
  await replaceValues(plain, 'applicationName: mine\ncontainerImage:\n  repository: nginx\n  tag: "1"\n');
  await plain.waitForSelector('.card[data-name="docs-mine"]');
  await plain.close();

  const damaged = await open(context, "#s=q1YqSEgMyUvNVbJSSs_PS8xJLVJIy8xLz0nVUcrLz", { waitFor: "[data-testid=notice]" });
  const notice = await damaged.textContent("[data-testid=notice]");
  assert.match(notice, /cannot open the share link/, notice);
  assert.match(await damaged.textContent(".cm-content"), /applicationName: mine/, "the draft is still there");

  // A link that would unpack to more than 1 MiB is refused while the browser inflates it.
  const huge = deflateRawSync(Buffer.alloc((1 << 20) + 10, " ")).toString("base64url");
  const bomb = await open(context, `#s=${huge}`, { waitFor: "[data-testid=notice]" });
  assert.match(await bomb.textContent("[data-testid=notice]"), /unpacks to more than 1024 KiB/);
});

test("a link written by the deflater the playground used before still opens", async () => {
  // miniz_oxide's raw deflate of {"f":1,"c":"k8s-job",…,"v":"a: 1\n"} (core/src/share.rs tests the same link).
  const page = await open(await freshContext(), "#s=JcchCgAgDAXQq8jPGmyys1hUMDiYoGAR7-5g6fEuOih6NBA47TBmhcfSKWKwcZRCLmbB-w");
  await page.waitForSelector(".cm-content");
  assert.equal(await page.inputValue("#chart"), "k8s-job");
  assert.equal(await page.textContent(".cm-content"), "a: 1");
});

test("reload restores the draft", async () => {
  const context = await freshContext();
  const page = await open(context);
  await replaceValues(page, 'applicationName: reloaded\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  await page.fill("#release-name", "kept");
  await page.waitForSelector('.card[data-name="kept-reloaded"]');
  await page.reload();
  await page.waitForSelector('.card[data-name="kept-reloaded"]');
  assert.equal(await page.inputValue("#release-name"), "kept");
});

test("embed mode hides the header and posts its height", async () => {
  const page = await browser.context.newPage();
  // The documentation side: a page that embeds the playground and listens for its height (as docs/embedding.md).
  await page.setContent(`<!doctype html><body>
    <script>
      window.heights = [];
      window.addEventListener("message", (event) => {
        if (event.data && event.data.type === "chartplay:height") {
          window.heights.push(event.data.height);
          document.querySelector("iframe").style.height = event.data.height + "px";
        }
      });
    </script>
    <iframe src="${new URL("?embed=1&readonly=1", BASE_URL).href}" style="width: 900px; border: 0"></iframe>
  </body>`);
  await page.waitForFunction(() => window.heights.some((h) => h > 200));
  const frame = page.frames().find((f) => f.url().includes("embed=1"));
  await frame.waitForSelector("[data-testid=output] .card");
  assert.equal(await frame.$("[data-testid=header]"), null, "no header chrome");
  // The link to the full playground is deflated by the browser, a moment after the first render.
  await frame.waitForSelector("[data-testid=open-playground]");
  const open = await frame.getAttribute("[data-testid=open-playground]", "href");
  assert.ok(open.startsWith(BASE_URL) && open.includes("#s=") && !open.includes("embed"), open);
  assert.equal(await frame.getAttribute(".cm-content", "contenteditable"), "false", "read-only values");
  await page.close();
});

test("a value's text stays text", async () => {
  const page = await open(browser.context);
  let dialogs = 0;
  page.on("dialog", async (dialog) => { dialogs += 1; await dialog.dismiss(); });
  const xss = "<img src=x onerror=alert(1)>";
  await replaceValues(page, `applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\nenvVars:\n  XSS: "${xss}"\n`);
  await page.waitForFunction((xss) =>
    [...document.querySelectorAll("[data-testid=output] pre")].some((pre) => pre.textContent.includes(xss)), xss);
  assert.equal(await page.$("[data-testid=output] img"), null, "no element was made from the value");
  assert.equal(await page.$(".cm-content img"), null);
  assert.equal(dialogs, 0);
  await page.close();
});

test("no request leaves the origin; after load, only the Kubernetes schema from the same origin", async () => {
  const context = await freshContext();
  const page = await context.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  // The context also sees the service worker's requests (it caches the app once installed).
  const everything = [];
  context.on("request", (request) => everything.push(request.url()));
  await page.goto(BASE_URL);
  await page.waitForSelector("[data-testid=output] .card");
  const atLoad = requests.length;
  await replaceValues(page, 'applicationName: quiet\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  await page.waitForSelector('.card[data-name="release-name-quiet"]');
  await page.click("#share");
  await page.waitForFunction(() => location.hash.startsWith("#s="));
  await page.click("text=Default values");
  await page.click("text=README");
  await page.evaluate(() => navigator.serviceWorker.ready);
  const origin = new URL(BASE_URL).origin;
  const foreign = everything.filter((url) => !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  const wasm = everything.filter((url) => url.endsWith("/chartplay-web_bg.wasm"));
  assert.ok(wasm.length >= 2, `the page's and the worker's requests are both seen: ${everything}`);
  const later = requests.slice(atLoad).map((url) => url.slice(BASE_URL.length));
  assert.ok(later.every((path) => /^kube-schemas\/v1\.\d+\.json$/.test(path)), `requests after load: ${later}`);
});
