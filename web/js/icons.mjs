// Renders the app icon (web/icons/icon.svg) to the PNG sizes the web manifest lists, with Debian's Chromium.
// Run by hand when the SVG changes (`node web/js/icons.mjs`); the PNGs are committed, so builds never need it.
import { readFileSync } from "node:fs";
import { launch } from "../../tests/e2e/browser.mjs";

const icons = new URL("../icons/", import.meta.url);
const svg = readFileSync(new URL("icon.svg", icons)).toString("base64");
const { context, close } = await launch();
try {
  const page = await context.newPage();
  for (const size of [192, 512]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html, body { margin: 0; background: transparent; }</style>
      <img src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}" style="display: block">`);
    await page.waitForFunction(() => document.querySelector("img").complete);
    const out = new URL(`icon-${size}.png`, icons);
    await page.screenshot({ path: out.pathname, omitBackground: true });
    console.log(`wrote ${out.pathname}`);
  }
} finally {
  await close();
}
