// The playground's check latency in Chromium, message round trip to the worker included: from
// the input event to the problems list updating, for a 300-line module; typing after large
// pastes (keydown to the next frame, beside a bare textarea with the same text); and the
// worker's bytes.
// Usage: node tests/bench/playground.mjs http://127.0.0.1:4300/ target/bench-module.py
import { chromium } from "playwright-core";
import { readFileSync, statSync, readdirSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";

const site = process.argv[2] ?? "http://127.0.0.1:4300/";
const module = readFileSync(process.argv[3] ?? "target/bench-module.py", "utf8");
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * p) - 1)];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext();
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(site).origin });
const page = await context.newPage();
await page.goto(new URL("playground/", site).href);
await page.locator(".diagnostic").first().waitFor();
const times = await page.evaluate(async (code) => {
  const area = document.querySelector("#playground-code");
  const summary = document.querySelector("#playground-summary");
  const results = [];
  for (let round = 0; round < 30; round++) {
    // Every other round adds a problem, so each check changes what the page shows.
    const text = round % 2 ? code : code + "\n@app.function\ndef extra():\n    return 1\n";
    const started = performance.now();
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now() - started);
      });
      // A round that shows nothing new within 5 s counts as 5 s rather than hanging the bench.
      setTimeout(() => {
        observer.disconnect();
        resolve(5000);
      }, 5000);
      observer.observe(document.querySelector(".diagnostics"), { childList: true, subtree: true, characterData: true });
      observer.observe(summary, { childList: true, subtree: true, characterData: true });
    });
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    results.push(await changed);
  }
  return results;
}, module);
console.log(`playground: check of a ${module.split("\n").length}-line module, input to problems shown (worker round trip included): p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);

/** Pastes `lines` short lines into the text box at `selector` through the clipboard, then types
 * 20 keys at its end; returns how long the paste held the page and each key's latency. */
async function typingAfterPaste(page, selector, lines) {
  const text = Array(lines).fill("x=1").join("\n");
  await page.evaluate((text) => navigator.clipboard.writeText(text), text);
  await page.focus(selector);
  await page.keyboard.press("Control+A");
  const started = Date.now();
  await page.keyboard.press("Control+V");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  const paste = Date.now() - started;
  await page.waitForTimeout(2000);
  await page.evaluate((selector) => {
    window.keyLatencies = [];
    document.querySelector(selector).addEventListener("keydown", () => {
      const start = performance.now();
      requestAnimationFrame(() => setTimeout(() => window.keyLatencies.push(performance.now() - start)));
    }, true);
  }, selector);
  await page.keyboard.press("Control+End");
  for (let key = 0; key < 20; key++) {
    await page.keyboard.type("a");
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(500);
  const keys = (await page.evaluate(() => window.keyLatencies)).slice(2);
  return { paste, keys };
}

for (const lines of [5000, 20000]) {
  await page.goto(new URL("playground/", site).href);
  await page.locator(".diagnostic").first().waitFor();
  const ours = await typingAfterPaste(page, "#playground-code", lines);
  await page.setContent('<textarea id="bare" wrap="off" style="width:100%;height:32rem;font-family:monospace"></textarea>');
  const bare = await typingAfterPaste(page, "#bare", lines);
  const figures = ({ keys }) => `p50 ${percentile(keys, 0.5).toFixed(0)} ms, p95 ${percentile(keys, 0.95).toFixed(0)} ms`;
  console.log(
    `playground: typing after pasting ${lines} short lines (paste ${ours.paste} ms): ${figures(ours)} a key; a bare textarea: paste ${bare.paste} ms, ${figures(bare)}`,
  );
}
await page.goto(new URL("playground/", site).href);
await page.locator(".diagnostic").first().waitFor();
await page.evaluate((text) => navigator.clipboard.writeText(text), Array(50000).fill("x=1").join("\n"));
await page.focus("#playground-code");
await page.keyboard.press("Control+A");
await page.keyboard.press("Control+V");
console.log(`playground: a paste of 50000 lines: ${await page.locator(".tool-failure").first().textContent()}`);
await browser.close();

const dir = new URL(".", "file://" + process.cwd() + "/target/bench-site/").pathname;
for (const file of readdirSync(dir).filter((name) => name.startsWith("atlas-playground-worker"))) {
  const bytes = readFileSync(dir + file);
  console.log(`playground worker: ${file} ${statSync(dir + file).size} B raw, ${brotliCompressSync(bytes).length} B brotli`);
}
