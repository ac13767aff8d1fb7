// Browser tests of the page's manners (issue 13): the values browser, completion that finds keys (also inside
// Kubernetes fields), the kube version field, keyboard use, accessibility (axe-core over the page's states, in
// light and dark), a phone's width and embeds that fit their content. Every wait is on a DOM condition.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, replaceValues, axeViolations, BASE_URL } from "./browser.mjs";

let browser;
before(async () => { browser = await launch({ bypassCSP: true }); });
after(async () => { await browser?.close(); });

const VALUES = 'applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n';

/** The editor's text, line by line. */
async function editorLines(page) {
  return page.$$eval(".cm-content .cm-line", (lines) => lines.map((l) => l.textContent));
}

/** The labels offered by the open completion popup, in order. */
async function offered(page) {
  return page.$$eval(".cm-tooltip-autocomplete li .cm-completionLabel", (labels) => labels.map((l) => l.textContent));
}

/** Types `text` on a new last line and waits for the popup to offer `first` first. */
async function completeAtEnd(page, text, first) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
  await page.waitForFunction((first) =>
    document.querySelector(".cm-tooltip-autocomplete li .cm-completionLabel")?.textContent === first, first);
}

async function showValuesBrowser(page) {
  await page.click("[role=tab]#tab-values");
  await page.waitForSelector("[data-testid=values-tree]");
}

test("the values browser searches nested paths and descriptions and shows the README as HTML", async () => {
  const page = await open(browser.context);
  await showValuesBrowser(page);
  // The tree starts with the chart's own order, each row with its type and description as text.
  const first = await page.$eval("[data-testid=values-tree] .entry", (entry) => entry.textContent);
  assert.match(first, /applicationName\s*string.*Name of the application/, first);
  const results = async (query) => {
    await page.fill("[data-testid=values-search]", query);
    await page.waitForSelector("[data-testid=values-results]");
    return page.$$eval("[data-testid=values-results] > li > .entry", (entries) => entries.map((e) => e.dataset.path));
  };
  const replicas = await results("replicas");
  assert.equal(replicas[0], "replicaCount", replicas);
  assert.ok(replicas.includes("horizontalPodAutoscaler.maxReplicas"), replicas);
  const tls = await results("tls");
  assert.deepEqual(tls.slice(0, 2), ["ingress.tls", "ingress.tls[]"]);
  const taints = await results("taint");
  assert.equal(taints[0], "tolerations", "descriptions are searched too");
  await page.fill("[data-testid=values-search]", "");
  // The README is HTML: headings and tables, no raw Markdown, no notes for the chart's contributors.
  const readme = await page.$eval("[data-testid=readme]", (section) => ({
    text: section.textContent, html: section.innerHTML, tables: section.querySelectorAll("table").length,
    heading: section.querySelector("h2")?.textContent,
  }));
  assert.equal(readme.heading, "k8s-service");
  assert.ok(readme.tables >= 1);
  for (const raw of ["```", "values-table", "xtask", "<!--", "| Key |"]) {
    assert.ok(!readme.text.includes(raw) && !readme.html.includes(raw), `${raw} in the README`);
  }
  await page.close();
});

test("inserting a key from the values browser writes it at its place as one undoable edit, or goes to it", async () => {
  const page = await open(browser.context);
  await replaceValues(page, VALUES + "replicaCount: 2\n");
  await page.waitForSelector('.card[data-name="release-name-web"]');
  await showValuesBrowser(page);
  const insert = async (path) => {
    await page.fill("[data-testid=values-search]", path);
    await page.click(`[data-testid=values-results] .entry[data-path="${path}"] [data-testid=insert-key]`);
  };
  // A missing parent is created, after the last key.
  await insert("horizontalPodAutoscaler.maxReplicas");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "  maxReplicas: "));
  assert.deepEqual((await editorLines(page)).slice(-4), ["replicaCount: 2", "horizontalPodAutoscaler:", "  maxReplicas: ", ""]);
  // The cursor waits at the value.
  await page.keyboard.type("5");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "  maxReplicas: 5"));
  // Under a parent that is there, at its children's indentation.
  await insert("containerImage.pullPolicy");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "  pullPolicy: "));
  assert.deepEqual((await editorLines(page)).slice(1, 5), ["containerImage:", "  repository: nginx", '  tag: "1.27"', "  pullPolicy: "]);
  // One undo takes the insertion back whole.
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => ![...document.querySelectorAll(".cm-line")].some((l) => l.textContent.startsWith("  pullPolicy")));
  assert.deepEqual((await editorLines(page)).slice(1, 5), ["containerImage:", "  repository: nginx", '  tag: "1.27"', "replicaCount: 2"]);
  // A key that is there is gone to, and nothing is written.
  const before = await editorLines(page);
  await insert("containerImage.tag");
  await page.waitForFunction(() => document.querySelector(".cm-activeLine")?.textContent === '  tag: "1.27"');
  assert.deepEqual(await editorLines(page), before);
  await page.close();
});

test("completion finds keys anywhere below the cursor, ranks them, and opens an object's block", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, "applicationName: web\n");
  await page.waitForSelector('.card[data-name="release-name-web"]');
  // "replicas" finds replicaCount first, and the autoscaler's keys.
  await completeAtEnd(page, "replicas", "replicaCount");
  assert.ok((await offered(page)).includes("horizontalPodAutoscaler.maxReplicas"), `${await offered(page)}`);
  await page.keyboard.press("Escape");
  // "tls" puts the ingress's TLS first, not tolerations; Enter writes its parents too.
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("applicationName: web\n");
  await completeAtEnd(page, "tls", "ingress.tls");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "    - "));
  assert.deepEqual((await editorLines(page)).slice(-3), ["ingress:", "  tls:", "    - "]);
  // Keys documented as unused come last.
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("applicationName: web\n");
  await completeAtEnd(page, "secret", "secrets");
  assert.equal((await offered(page)).at(-1), "secretProviderClass");
  await page.keyboard.press("Escape");
  // "cont" + Enter picks containerImage, an object: the next line is indented under it.
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("applicationName: web\n");
  await completeAtEnd(page, "cont", "containerImage");
  await page.keyboard.press("Enter");
  await page.keyboard.type("repository: nginx");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-line")].some((l) => l.textContent === "  repository: nginx"));
  // Enter after a key that opens a block indents by itself too.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("service: ");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("x");
  assert.deepEqual(await editorLines(page), ["service: ", "  x"]);
  await page.close();
});

test("completion and hover inside Kubernetes fields come from the Kubernetes schema", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  await replaceValues(page, VALUES);
  await page.waitForFunction(() => document.querySelector("[data-kube]")?.dataset.kube === "v1.36");
  const explicitly = async (text, wanted) => {
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(VALUES + text);
    await page.keyboard.press("Control+Space");
    await page.waitForFunction((wanted) => {
      const labels = [...document.querySelectorAll(".cm-tooltip-autocomplete .cm-completionLabel")].map((l) => l.textContent);
      return wanted.every((w) => labels.includes(w));
    }, wanted);
    await page.keyboard.press("Escape");
  };
  await page.click(".cm-content");
  await explicitly("livenessProbe:\n  ", ["httpGet", "periodSeconds", "tcpSocket"]);
  await explicitly("ingress:\n  tls:\n    - ", ["hosts", "secretName"]);
  await explicitly("additionalContainerEnv:\n  - name: A\n    ", ["value", "valueFrom"]);
  await explicitly("securityContext:\n  ", ["runAsNonRoot", "capabilities"]);
  await explicitly("sideCarContainers:\n  proxy:\n    ", ["image", "readinessProbe"]);
  // Hover names the Kubernetes definition and the schema's version.
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(VALUES + "livenessProbe:\n  periodSeconds: 10\n");
  const box = await page.evaluate(() => {
    const line = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent.startsWith("  periodSeconds"));
    const rect = line.querySelector(".tok-key").getBoundingClientRect();
    return { x: rect.x + 10, y: rect.y + rect.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector(".cm-schema-doc");
  const doc = await page.textContent(".cm-schema-doc");
  assert.match(doc, /livenessProbe\.periodSeconds/);
  assert.match(doc, /integer/);
  assert.match(doc, /core\.v1\.Probe, Kubernetes v1\.36/);
  await page.close();
});

test("the kube version offers the versions with a schema and says at the field what checks the others", async () => {
  const page = await open(browser.context, "#chart=k8s-service");
  const offeredVersions = await page.$$eval("#kube-versions option", (options) => options.map((o) => o.value));
  assert.equal(offeredVersions[0], "1.36.0");
  assert.equal(offeredVersions.at(-1), "1.28.0");
  assert.equal(await page.getAttribute("#kube-version", "list"), "kube-versions");
  await page.fill("#kube-version", "1.18.0");
  await page.waitForSelector("[data-testid=kube-version-note]");
  assert.equal(await page.textContent("[data-testid=kube-version-note]"), "checked against v1.28, the oldest schema: 1.18.0 is older");
  assert.equal(await page.getAttribute("#kube-version", "aria-describedby"), "kube-version-note");
  await page.waitForFunction(() => document.querySelector("[data-kube]")?.dataset.kube === "v1.28");
  await page.fill("#kube-version", "abc");
  await page.waitForSelector("#kube-version[aria-invalid=true]");
  assert.match(await page.textContent("[data-testid=kube-version-note]"), /invalid kube version "abc"/);
  assert.match(await page.textContent("[data-testid=problems]"), /invalid kube version "abc"/);
  await page.fill("#kube-version", "1.31.2");
  await page.waitForFunction(() => !document.querySelector("[data-testid=kube-version-note]"));
  assert.equal(await page.getAttribute("#kube-version", "aria-invalid"), null);
  await page.fill("#kube-version", ""); // the draft is autosaved: the next tests want Helm's default
  await page.close();
});

test("the output tabs follow the WAI-ARIA tabs pattern", async () => {
  const page = await open(browser.context);
  const state = () => page.evaluate(() => {
    const tabs = [...document.querySelectorAll(".output-pane [role=tablist] [role=tab]")];
    const panel = document.getElementById("output-tabpanel");
    return {
      selected: tabs.filter((t) => t.getAttribute("aria-selected") === "true").map((t) => t.id),
      tabbable: tabs.filter((t) => t.tabIndex === 0).map((t) => t.id),
      focused: document.activeElement?.id,
      controls: tabs.every((t) => document.getElementById(t.getAttribute("aria-controls")) === panel),
      labelledBy: panel.getAttribute("aria-labelledby"),
    };
  });
  const expect = async (id) => {
    await page.waitForFunction((id) => document.getElementById(id)?.getAttribute("aria-selected") === "true", id);
    assert.deepEqual(await state(), { selected: [id], tabbable: [id], focused: id, controls: true, labelledBy: id });
  };
  await page.focus("#tab-manifests");
  await page.keyboard.press("ArrowRight");
  await expect("tab-defaults");
  await page.keyboard.press("End");
  await expect("tab-values");
  await page.keyboard.press("ArrowRight");
  await expect("tab-manifests");
  await page.keyboard.press("ArrowLeft");
  await expect("tab-values");
  await page.keyboard.press("Home");
  await expect("tab-manifests");
  // Tab from the selected tab goes into its panel, which takes focus itself.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "output-tabpanel");
  await page.close();
});

test("the editor shows how to leave it while it has focus, and Esc then Tab leaves", async () => {
  const page = await open(browser.context);
  await page.waitForSelector(".cm-content");
  assert.equal(await page.isVisible("[data-testid=editor-hint]"), false);
  await page.click(".cm-content");
  await page.waitForSelector("[data-testid=editor-hint]", { state: "visible" });
  assert.equal(await page.textContent("[data-testid=editor-hint]"), "Esc then Tab to leave the editor");
  assert.equal(await page.getAttribute(".cm-content", "aria-describedby"), "editor-hint");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => !document.activeElement?.closest(".cm-editor"));
  await page.waitForSelector("[data-testid=editor-hint]", { state: "hidden" });
  await page.close();
});

const axeStates = [
  { name: "main page", url: "#chart=k8s-service" },
  { name: "main page, dark", url: "#chart=k8s-service", dark: true },
  {
    name: "warnings", url: "#chart=k8s-service&values=" + encodeURIComponent(VALUES + "contanerImage:\n  tag: x\nenvVars:\n  COUNTRY_CODE: NO\n"),
    ready: "[data-testid=diagnostics]",
  },
  {
    name: "warnings, dark", dark: true, ready: "[data-testid=diagnostics]",
    url: "#chart=k8s-service&values=" + encodeURIComponent(VALUES + "contanerImage:\n  tag: x\nenvVars:\n  COUNTRY_CODE: NO\n"),
  },
  { name: "a YAML error (stale output)", url: "#chart=k8s-service", act: async (page) => {
    await replaceValues(page, "applicationName: web\nservice: [not\n");
    await page.waitForSelector("[data-testid=stale]");
  } },
  { name: "a YAML error, dark", url: "#chart=k8s-service", dark: true, act: async (page) => {
    await replaceValues(page, "applicationName: web\nservice: [not\n");
    await page.waitForSelector("[data-testid=stale]");
  } },
  { name: "the values browser", url: "#chart=k8s-service", act: async (page) => {
    await showValuesBrowser(page);
    await page.click("[data-testid=values-tree] .tree-toggle[aria-expanded=false]");
  } },
  { name: "the values browser, dark", url: "#chart=k8s-service", dark: true, act: async (page) => {
    await showValuesBrowser(page);
    await page.fill("[data-testid=values-search]", "tls");
    await page.waitForSelector("[data-testid=values-results]");
  } },
  { name: "default values", url: "#chart=k8s-service", act: async (page) => {
    await page.click("#tab-defaults");
    await page.waitForSelector(".doc-view .yaml");
  } },
  { name: "the embed", url: "?embed=1#chart=k8s-service&values=" + encodeURIComponent(VALUES) },
  { name: "the read-only embed, dark", url: "?embed=1&readonly=1#chart=k8s-job", dark: true },
];

for (const state of axeStates) {
  test(`axe-core finds no serious or critical violation: ${state.name}`, async () => {
    const page = await browser.context.newPage();
    if (state.dark) await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(new URL(state.url, BASE_URL).href);
    await page.waitForSelector(state.ready || "[data-testid=output] .card");
    await page.waitForSelector(".cm-content");
    await page.waitForFunction(() => document.querySelector("[data-kube]")?.dataset.kube || document.querySelector("[data-testid=stale], .status-error"));
    if (state.act) await state.act(page);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], violations.join("\n"));
    await page.close();
  });
}

test("at 375 px nothing is cut off: output and editor lines wrap, the page does not scroll sideways", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(new URL("#chart=k8s-service", BASE_URL).href);
  await page.waitForSelector("[data-testid=output] .card pre");
  await page.waitForSelector(".cm-content");
  const cut = await page.evaluate(() => {
    const found = [];
    for (const element of document.querySelectorAll(".yaml, .card-name, .card-head, .status, .header, .pane-head, .tabs, .cm-scroller")) {
      if (element.scrollWidth > element.clientWidth + 1) found.push(`${element.className}: ${element.scrollWidth} > ${element.clientWidth}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) found.push(`page: ${document.documentElement.scrollWidth}`);
    // A long line of the output is on screen in full: the name of the Service's selector.
    const line = [...document.querySelectorAll(".yaml .line")].find((l) => l.textContent.includes("app.kubernetes.io/instance: release-name"));
    const box = line.getBoundingClientRect();
    if (box.right > window.innerWidth) found.push(`a line ends at ${box.right}`);
    return found;
  });
  assert.deepEqual(cut, []);
  await page.close();
});

test("embeds size to their content on a documentation page and keep its values", async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL("embed-demo.html", BASE_URL).href);
  const frames = () => page.frames().filter((f) => f.url().includes("embed=1"));
  await page.waitForFunction(() => document.querySelectorAll("iframe.chartplay").length === 2);
  await page.waitForFunction(() => [...document.querySelectorAll("iframe.chartplay")].every((f) => f.contentDocument?.querySelector(".card")));
  // Each iframe is as tall as its playground: nothing scrolls inside it.
  const fits = () => [...document.querySelectorAll("iframe.chartplay")].every((frame) => {
    const app = frame.contentDocument.querySelector(".app");
    return Math.abs(frame.clientHeight - app.getBoundingClientRect().height) <= 2
      && frame.contentDocument.documentElement.scrollHeight <= frame.clientHeight + 1;
  });
  await page.waitForFunction(fits);
  const scrolling = await page.evaluate(() => [...document.querySelectorAll("iframe.chartplay")].flatMap((frame) =>
    [...frame.contentDocument.querySelectorAll(".pane-body, .status, .editor, .cm-scroller, .yaml")]
      .filter((e) => e.scrollHeight > e.clientHeight + 1)
      .map((e) => e.className)));
  assert.deepEqual(scrolling, [], "no region scrolls inside an embed");
  // The docs page's values stay: no "Example" that would replace them.
  const [service] = frames();
  assert.match(await service.textContent(".cm-content"), /applicationName: shop/);
  assert.equal(await service.$("text=Example"), null);
  // Editing grows the frame.
  const before = await page.evaluate(() => document.querySelector("iframe.chartplay").clientHeight);
  await service.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("podAnnotations:\n  a: b\n  c: d\n  e: f\n");
  await page.waitForFunction((before) => document.querySelector("iframe.chartplay").clientHeight > before, before);
  await page.waitForFunction(fits);
  assert.ok(before > 620, `the frame is as tall as its output (${before} px), not capped`);
  await page.close();
});
