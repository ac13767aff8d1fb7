// Browser benchmark of the built playground: keystroke-to-updated-output latency (p50, p95) while editing the
// largest values file of the parity corpus, time to the first render after navigation (median of 5 loads, each in a
// fresh browser profile, so nothing is cached), and the brotli size of dist/.
// Usage: cargo xtask serve (or e2e's server), then
//   CHARTPLAY_URL=http://127.0.0.1:8080/ node tests/e2e/bench.mjs [values.yaml] [keystrokes]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { launch, BASE_URL, replaceValues } from "./browser.mjs";

function largestCorpusValues() {
  // The corpus in tests/parity/cases; readdirSync throws when it is missing.
  const root = new URL("../parity/cases/", import.meta.url).pathname;
  let best = null;
  for (const chart of readdirSync(root)) {
    for (const kase of readdirSync(join(root, chart))) {
      const file = join(root, chart, kase, "values.yaml");
      try {
        const size = statSync(file).size;
        if (!best || size > best.size) best = { file, size, chart };
      } catch { /* a case without values.yaml */ }
    }
  }
  if (!best) throw new Error(`no values.yaml in the parity corpus at ${root}`);
  return best;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const corpus = process.argv[2] ? { file: process.argv[2], chart: "k8s-service" } : largestCorpusValues();
const keystrokes = Number(process.argv[3] || 100);
const values = readFileSync(corpus.file, "utf8");

/** Loads the page in a fresh profile: milliseconds from navigation start to the first manifest card and to the
 *  first Kubernetes check (its schema file is fetched after the first render), measured inside the page. */
async function load(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (window.firstRenderMs === undefined && document.querySelector("[data-testid=output] .card")) {
        window.firstRenderMs = performance.now();
      }
      if (document.querySelector("[data-kube]")?.dataset.kube) {
        window.kubeCheckedMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto(new URL(`#chart=${corpus.chart}`, BASE_URL).href);
  await page.waitForFunction(() => window.firstRenderMs !== undefined && window.kubeCheckedMs !== undefined);
  return { page, times: await page.evaluate(() => [window.firstRenderMs, window.kubeCheckedMs]) };
}

const loads = [];
for (let i = 0; i < 5; i++) {
  const fresh = await launch();
  try {
    loads.push((await load(fresh.context)).times);
  } finally {
    await fresh.close();
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const firstRenderMs = median(loads.map(([first]) => first));
const kubeCheckedMs = median(loads.map(([, kube]) => kube));

const { context, close } = await launch();
try {
  const { page } = await load(context);

  // Load the corpus values, plus a line whose value each keystroke changes, so every keystroke changes the output.
  await replaceValues(page, values.replace(/\s*$/, "\n") + "podAnnotations:\n  bench: \"x\"\n");
  await page.waitForSelector("[data-testid=output] .card:not(.x)");
  const rendered = await page.$$eval("[data-testid=output] .card", (cards) => cards.length);
  if (rendered === 0 || (await page.$("[data-testid=stale]"))) throw new Error("the corpus values do not render");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");

  await page.evaluate(() => {
    window.latencies = [];
    let pressedAt = null;
    document.addEventListener("keydown", (event) => { pressedAt = event.timeStamp; }, true);
    new MutationObserver(() => {
      if (pressedAt !== null) {
        window.latencies.push(performance.now() - pressedAt);
        pressedAt = null;
      }
    }).observe(document.querySelector("[data-testid=output]"), { childList: true, subtree: true, characterData: true });
  });
  // The checks of each render as the status line reports them (timer resolution ~0.1 ms): values against the
  // chart's schema, objects against the Kubernetes schema (once its file has arrived).
  await page.waitForFunction(() => document.querySelector("[data-kube]")?.dataset.kube);
  const checkMs = [];
  const kubeMs = [];
  for (let i = 0; i < keystrokes; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => window.latencies.length >= n, i + 1);
    const [check, kube] = await page.evaluate(() => {
      const summary = document.querySelector("[data-check-ms]");
      return [Number(summary?.dataset.checkMs), Number(summary?.dataset.kubeMs)];
    });
    checkMs.push(check);
    kubeMs.push(kube);
  }
  const latencies = (await page.evaluate(() => window.latencies)).sort((a, b) => a - b);
  checkMs.sort((a, b) => a - b);
  kubeMs.sort((a, b) => a - b);

  const dist = new URL("../../dist/", import.meta.url).pathname;
  let brotli = 0;
  let raw = 0;
  const files = [];
  for (const name of readdirSync(dist)) {
    if (!/\.(wasm|js|css|html)$/.test(name) || name === "embed-demo.html") continue;
    const bytes = readFileSync(join(dist, name));
    const compressed = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    raw += bytes.length;
    brotli += compressed;
    files.push(`${name} ${(bytes.length / 1024).toFixed(0)} KiB → ${(compressed / 1024).toFixed(0)} KiB`);
  }

  console.log(`values: ${corpus.file} (${values.length} bytes, ${rendered} manifests)`);
  console.log(`keystroke → updated output, ${latencies.length} keystrokes: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms`);
  console.log(`checks per render, p50 / p95: values schema ${percentile(checkMs, 50).toFixed(2)} / ${percentile(checkMs, 95).toFixed(2)} ms, Kubernetes schema ${percentile(kubeMs, 50).toFixed(2)} / ${percentile(kubeMs, 95).toFixed(2)} ms`);
  console.log(`first render, median of ${loads.length} fresh loads: ${firstRenderMs.toFixed(0)} ms after navigation start (${loads.map(([first]) => first.toFixed(0)).join(", ")}); output checked against the Kubernetes schema (fetched after the first render): ${kubeCheckedMs.toFixed(0)} ms`);
  console.log(`dist/: ${(raw / 1024).toFixed(0)} KiB, ${(brotli / 1024).toFixed(0)} KiB with brotli (${files.join("; ")})`);
} finally {
  await close();
}
