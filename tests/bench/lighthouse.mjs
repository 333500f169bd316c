// Lighthouse (mobile, its default simulated throttling) over every kind of route, against a
// server that compresses as a production host does. Prints the median of RUNS runs per route:
// performance score, the metrics it is made of, and the bytes transferred. Measures; asserts
// nothing (scores move with the machine's load).
// Usage: node tests/bench/lighthouse.mjs BASE_URL [RUNS] [ROUTE...]   (lighthouse from
// target/bench-tools; by default one route of each kind)
import { createRequire } from "node:module";
import { resolve } from "node:path";

const require = createRequire(resolve("target/bench-tools/package.json"));
const { default: lighthouse } = await import(require.resolve("lighthouse"));
const chromeLauncher = await import(require.resolve("chrome-launcher"));

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const chosen = process.argv.slice(4);
const routes = chosen.length ? chosen : ["", "gpus/", "api-function/", "search/?q=gpu", "cron/", "calculator/", "playground/"];

const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  console.log(`${"route".padEnd(18)} ${"score".padStart(5)} ${"FCP ms".padStart(7)} ${"LCP ms".padStart(7)} ` +
    `${"TBT ms".padStart(7)} ${"CLS".padStart(6)} ${"SI ms".padStart(7)} ${"KB".padStart(6)}`);
  for (const route of routes) {
    const results = [];
    for (let run = 0; run < runs; run++) {
      const { lhr } = await lighthouse(base + route, { port: chrome.port, onlyCategories: ["performance"], logLevel: "error" });
      const metric = (id) => lhr.audits[id].numericValue;
      results.push({
        score: Math.round(lhr.categories.performance.score * 100),
        fcp: metric("first-contentful-paint"), lcp: metric("largest-contentful-paint"),
        tbt: metric("total-blocking-time"), cls: metric("cumulative-layout-shift"),
        si: metric("speed-index"), kb: metric("total-byte-weight") / 1000,
      });
    }
    const m = (key) => median(results.map((result) => result[key]));
    console.log(`/${route}`.padEnd(18) + ` ${String(m("score")).padStart(5)} ${m("fcp").toFixed(0).padStart(7)} ` +
      `${m("lcp").toFixed(0).padStart(7)} ${m("tbt").toFixed(0).padStart(7)} ${m("cls").toFixed(3).padStart(6)} ` +
      `${m("si").toFixed(0).padStart(7)} ${m("kb").toFixed(0).padStart(6)}`);
  }
} finally {
  await chrome.kill();
}
