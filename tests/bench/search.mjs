// Search figures measured in Chromium against a built site served on 127.0.0.1:
//  - keystroke to rendered results in the search box, over every query of the query set;
//  - bytes fetched before the first result, ours and Pagefind's (if the site has /pagefind/);
//  - how many typo queries each finds (expected page in the top three).
// Usage: node tests/bench/search.mjs http://127.0.0.1:4300/   (bash .ci/bench runs it)
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";

const site = process.argv[2] ?? "http://127.0.0.1:4300/";
const queries = [...readFileSync("tests/search-queries.toml", "utf8").matchAll(/\[\[query\]\]\s*text = "((?:[^"\\]|\\.)*)"[^\n]*\s*class = "(\w[\w-]*)"[^\n]*\s*page = "([\w-]+)"/g)].map(
  ([, text, cls, page]) => ({ text: text.replace(/\\(.)/g, "$1"), cls, page }),
);
const slugOf = (url) => new URL(url, site).pathname.replace(new URL(site).pathname, "").split("/")[0] || "index";
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * p) - 1)];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/** Bytes of the responses `action` causes whose URL `matcher` accepts: raw, and as a static host
 *  with brotli would send them (already-compressed files do not shrink). */
async function fetchedBytes(page, matcher, action) {
  const bytes = { raw: 0, brotli: 0, files: 0 };
  const onResponse = async (response) => {
    if (!matcher(response.url())) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    bytes.raw += body.length;
    bytes.brotli += Math.min(body.length, brotliCompressSync(body).length);
    bytes.files += 1;
  };
  page.on("response", onResponse);
  await action();
  await page.waitForTimeout(300);
  page.off("response", onResponse);
  return `${bytes.files} files, ${bytes.raw} B raw, ${bytes.brotli} B brotli`;
}

// Ours: keystroke latency and first-result bytes.
{
  const page = await browser.newPage();
  await page.goto(site);
  await page.locator(".theme-toggle").waitFor();
  const box = page.locator(".search-input");
  const firstBytes = await fetchedBytes(page, (url) => /search-(index|text)-/.test(url), async () => {
    await box.click();
    await box.pressSequentially("cron");
    await page.locator("#search-listbox [role=option]").first().waitFor();
  });
  await page.evaluate(() => {
    window.__updated = [];
    window.__painted = [];
    let started = null;
    document.addEventListener("keydown", () => (started = performance.now()), true);
    new MutationObserver(() => {
      if (started === null) return;
      const at = started;
      started = null;
      window.__updated.push(performance.now() - at);
      // Painted: the next frame after the change (this includes waiting for the display's refresh).
      requestAnimationFrame(() => setTimeout(() => window.__painted.push(performance.now() - at), 0));
    }).observe(document.querySelector(".search-popup"), { subtree: true, childList: true, characterData: true });
  });
  for (const query of queries) {
    await box.fill("");
    await box.pressSequentially(query.text, { delay: 25 });
    await page.waitForTimeout(60);
    await page.keyboard.press("ArrowDown");
    const tops = [];
    for (let i = 0; i < 3; i++) {
      const option = page.locator(`#search-option-${i}`);
      if (!(await option.count())) break;
      tops.push(await option.locator(".result-page").textContent());
    }
    await page.keyboard.press("Escape");
    query.oursTop = tops;
  }
  const report = (name, values) =>
    `${name} p50 ${percentile(values, 0.5).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
  const [updated, painted] = await page.evaluate(() => [window.__updated, window.__painted]);
  console.log(`ours: ${updated.length} keystrokes; keystroke to results in the DOM: ${report("", updated)}`);
  console.log(`ours: keystroke to the next painted frame: ${report("", painted)}`);
  console.log(`ours: fetched before the first result (index + excerpt text, once): ${firstBytes}`);
  await page.close();
}

// Pagefind over the same pages, through its JS API.
const hasPagefind = (await (await fetch(new URL("pagefind/pagefind.js", site))).status) === 200;
if (hasPagefind) {
  const page = await browser.newPage();
  await page.goto(site);
  const results = {};
  const firstBytes = await fetchedBytes(page, (url) => url.includes("/pagefind/"), async () => {
    await page.evaluate(async (base) => {
      window.__pagefind = await import(`${base}pagefind/pagefind.js`);
      await window.__pagefind.init();
      const search = await window.__pagefind.search("cron");
      await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
    }, new URL(site).pathname);
  });
  for (const query of queries.filter((q) => q.cls === "typo")) {
    results[query.text] = await page.evaluate(async (text) => {
      const search = await window.__pagefind.search(text);
      return Promise.all(search.results.slice(0, 3).map(async (r) => (await r.data()).url));
    }, query.text);
  }
  const typos = queries.filter((q) => q.cls === "typo");
  const pagefindFound = typos.filter((q) => results[q.text].map(slugOf).includes(q.page)).length;
  console.log(`pagefind: fetched before the first result: ${firstBytes}`);
  console.log(`pagefind: typo queries with the expected page in the top three: ${pagefindFound}/${typos.length}`);
  await page.close();
}

// Ours, typo recall, from the titles collected above (page titles map to slugs through the sidebar).
{
  const page = await browser.newPage();
  await page.goto(site);
  const titleToSlug = Object.fromEntries(
    await page.locator(".sidebar a").evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute("href")])),
  );
  const typos = queries.filter((q) => q.cls === "typo");
  const ours = typos.filter((q) => q.oursTop.map((title) => slugOf(titleToSlug[title] ?? "/x")).includes(q.page)).length;
  console.log(`ours: typo queries with the expected page in the top three: ${ours}/${typos.length}`);
  await page.close();
}
await browser.close();
