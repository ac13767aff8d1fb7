// Screenshots of the playground for review: desktop, 375 px phone, dark mode, embed, the values browser and
// completion inside a Kubernetes field.
// Usage: CHARTPLAY_URL=http://127.0.0.1:8080/ node tests/e2e/screenshots.mjs [out-dir]
import { mkdirSync } from "node:fs";
import { launch, BASE_URL, replaceValues } from "./browser.mjs";

const out = process.argv[2] || "target/screenshots";

/** The explained output: a line pointed at, the lines of the key at the editor's cursor, an unused key, and the
 * Changes view after an edit; each in light and dark mode at 1440 px and at 375 px. */
function explainShots() {
  const values = 'applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\nreplicaCount: 3\n' +
    "ingress:\n  hosts: [web.example.com]\n";
  const url = "#chart=k8s-service&values=" + encodeURIComponent(values);
  const line = (page, kind, text) => page.locator(`[data-testid=output] .card[data-kind=${kind}] .line`)
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
  const cursorOn = async (page, text) => {
    await page.locator(".cm-line", { hasText: new RegExp(`^\\s*${text}$`) }).click();
  };
  const acts = {
    "explain-line": async (page) => {
      await line(page, "Deployment", "replicas: 3").and(page.locator(".traced")).waitFor();
      await line(page, "Deployment", "replicas: 3").hover();
      await page.waitForFunction(() => document.querySelector("[data-testid=explain]").textContent.includes("replicaCount ←"));
    },
    "explain-key": async (page) => {
      await page.waitForSelector(".line.traced");
      await cursorOn(page, "applicationName: web");
      await page.waitForSelector("[data-testid=output] .focused-line");
    },
    "explain-unused": async (page) => {
      await page.waitForSelector(".line.traced");
      await cursorOn(page, "hosts: \\[web\\.example\\.com\\]");
      await page.waitForFunction(() => document.querySelector("[data-testid=explain]").textContent.includes("not used"));
    },
    "changes": async (page) => {
      await page.click("[data-testid=changes-toggle]");
      await cursorOn(page, "replicaCount: 3");
      await page.keyboard.press("End");
      await page.keyboard.press("Backspace");
      await page.keyboard.type("5");
      await page.waitForSelector(".added-line");
    },
  };
  const shots = [];
  for (const [name, act] of Object.entries(acts)) {
    shots.push({ name, url, viewport: { width: 1440, height: 900 }, act });
    shots.push({ name: `${name}-dark`, url, viewport: { width: 1440, height: 900 }, dark: true, act });
    shots.push({ name: `${name}-375`, url, viewport: { width: 375, height: 812 }, act });
  }
  return shots;
}
/** Layered values: the tabs with a problem badge, the --set tab and the Command menu, at 1440 px and 375 px. */
function layerShots() {
  const values = encodeURIComponent('applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\n');
  const prod = encodeURIComponent("replicaCount: 5\nenvVars:\n  MODE: prod\n");
  const url = `#chart=k8s-service&values=${values}&file.values-prod.yaml=${prod}&set=${encodeURIComponent("replicaCount=x")}` +
    `&set-string=${encodeURIComponent("containerImage.tag=0123")}`;
  const acts = {
    "layers": async (page) => { await page.waitForSelector(".tab-badge"); },
    "layers-set": async (page) => { await page.click('[data-testid=file-tab][data-name="--set"]'); await page.waitForSelector(".cm-lintRange"); },
    "layers-command": async (page) => {
      await page.click('[data-testid=file-tab][data-name="--set"]');
      await replaceValues(page, "--set replicaCount=7\n--set-string containerImage.tag=0123\n");
      await page.click("[data-testid=command] summary");
      await page.waitForSelector("[data-testid=command-helm]");
    },
    "layers-history": async (page) => {
      await page.click("[data-testid=example]");
      await page.click("[data-testid=history] summary");
      await page.waitForSelector("[data-testid=history-entry]");
    },
  };
  return Object.entries(acts).flatMap(([name, act]) => [
    { name, url, viewport: { width: 1440, height: 900 }, act },
    { name: `${name}-dark`, url, viewport: { width: 1440, height: 900 }, dark: true, act },
    { name: `${name}-375`, url, viewport: { width: 375, height: 812 }, act },
  ]);
}
mkdirSync(out, { recursive: true });
const ready = "[data-testid=output] .card, [data-testid=problems]";
const { context, close } = await launch();
try {
  const shots = [
    { name: "desktop", url: "", viewport: { width: 1440, height: 900 } },
    { name: "phone-375", url: "", viewport: { width: 375, height: 812 } },
    { name: "phone-375-full", url: "", viewport: { width: 375, height: 812 }, fullPage: true },
    { name: "dark", url: "", viewport: { width: 1440, height: 900 }, dark: true },
    { name: "embed", url: "?embed=1", viewport: { width: 900, height: 700 }, fullPage: true },
    { name: "embed-demo", url: "embed-demo.html", viewport: { width: 1100, height: 900 }, fullPage: true, ready: "iframe" },
    { name: "warning", url: "#chart=k8s-service&values=applicationName%3A%20web%0AcontainerImage%3A%0A%20%20repository%3A%20nginx%0A%20%20tag%3A%20%221.27%22%0AcontanerImage%3A%0A%20%20tag%3A%20x%0A", viewport: { width: 1440, height: 900 } },
    { name: "kube", url: "#chart=k8s-service&values=applicationName%3A%20web%0AcontainerImage%3A%0A%20%20repository%3A%20nginx%0A%20%20tag%3A%20%221.27%22%0AsideCarContainers%3A%0A%20%20proxy%3A%0A%20%20%20%20args%3A%20%5Brun%5D%0AlivenessProbe%3A%0A%20%20periodSeconds%3A%20soon%0A", viewport: { width: 1440, height: 900 }, ready: "[data-testid=kube-problems]" },
    {
      name: "fix", viewport: { width: 1440, height: 900 }, url: "#chart=k8s-service&values=" + encodeURIComponent(
        'applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\nenvVars:\n  COUNTRY_CODE: NO\ncontanerPorts: {}\n'),
      ready: ".cm-lintRange-warning",
      act: async (page) => { await page.hover(".cm-lintRange-warning"); await page.waitForSelector(".cm-tooltip-lint .cm-fix"); },
    },
    ...explainShots(),
    ...layerShots(),
    { name: "error", url: "#chart=k8s-service&values=applicationName%3A%20web%0Aservice%3A%20%5Bnot%0A", viewport: { width: 1440, height: 900 } },
    {
      name: "stale", url: "#chart=k8s-service", viewport: { width: 1440, height: 900 },
      act: async (page) => {
        await replaceValues(page, "applicationName: web\nservice: [not\n");
        await page.waitForSelector("[data-testid=stale]");
      },
    },
    {
      name: "values-browser", url: "#chart=k8s-service", viewport: { width: 1440, height: 900 },
      act: async (page) => {
        await page.click("#tab-values");
        await page.fill("[data-testid=values-search]", "replicas");
        await page.waitForSelector("[data-testid=values-results]");
      },
    },
    {
      name: "values-browser-tree-dark", url: "#chart=k8s-service", viewport: { width: 1440, height: 900 }, dark: true,
      act: async (page) => {
        await page.click("#tab-values");
        await page.click('[data-testid=values-tree] .entry[data-path="service"] .tree-toggle');
        await page.waitForSelector('.entry[data-path="service.type"]');
      },
    },
    {
      name: "completion-kube", url: "#chart=k8s-service", viewport: { width: 1440, height: 900 },
      act: async (page) => {
        await page.waitForFunction(() => document.querySelector("[data-kube]")?.dataset.kube);
        await replaceValues(page, 'applicationName: web\ncontainerImage:\n  repository: nginx\n  tag: "1.27"\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    ');
        await page.keyboard.press("Control+Space");
        await page.waitForSelector(".cm-tooltip-autocomplete .cm-completionInfo, .cm-tooltip-autocomplete li");
      },
    },
    {
      name: "kube-version-note", url: "#chart=k8s-service&kube=1.18.0", viewport: { width: 1440, height: 900 },
      ready: "[data-testid=kube-version-note]",
    },
  ];
  for (const shot of shots) {
    const page = await context.newPage();
    await page.setViewportSize(shot.viewport);
    if (shot.dark) await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(new URL(shot.url, BASE_URL).href);
    await page.waitForSelector(shot.ready || ready);
    if (shot.act) await shot.act(page);
    if (shot.ready === "iframe") await page.waitForFunction(() => [...document.querySelectorAll("iframe")].every((f) => f.contentDocument?.querySelector(".card")));
    await page.screenshot({ path: `${out}/${shot.name}.png`, fullPage: !!shot.fullPage });
    console.log(`${out}/${shot.name}.png`);
    await page.close();
  }
} finally {
  await close();
}
