// The playground's check latency in Chromium, message round trip to the worker included: from
// the input event to the problems list updating, for a 300-line module, and the worker's bytes.
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
const page = await browser.newPage();
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
await browser.close();

const dir = new URL(".", "file://" + process.cwd() + "/target/bench-site/").pathname;
for (const file of readdirSync(dir).filter((name) => name.startsWith("atlas-playground-worker"))) {
  const bytes = readFileSync(dir + file);
  console.log(`playground worker: ${file} ${statSync(dir + file).size} B raw, ${brotliCompressSync(bytes).length} B brotli`);
}
