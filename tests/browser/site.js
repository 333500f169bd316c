// What the browser tests know about the site: its routes and pages, read from the build and
// from content/, and a page fixture that fails the test on any console error or failed request.
import { test as base, expect } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export { expect };

/** Every page of content/pages, in file order, with its front matter and a line of its text. */
export const pages = readdirSync("content/pages")
  .filter((file) => file.endsWith(".md"))
  .sort()
  .map((file) => {
    const source = readFileSync(join("content/pages", file), "utf8");
    const field = (key) => source.match(new RegExp(`^${key} = "(.*)"$`, "m"))[1].replace(/\\"/g, '"');
    const body = source.split(/^\+\+\+$/m)[2];
    // The first prose line, cut before any Markdown punctuation: text the HTML must contain as is.
    const prose = body
      .split("\n")
      .find((line) => /^[A-Z][a-z]/.test(line))
      ?.split(/[`*_[\]()<>&"']/)[0]
      .trim();
    const slug = file.replace(/\.md$/, "");
    return { slug, route: slug === "index" ? "" : `${slug}/`, title: field("title"), description: field("description"), prose };
  });

// The rules page is written by the build from the checker's rules (app/content/src/rule_docs.rs).
pages.push({
  slug: "rules",
  route: "rules/",
  title: "Checker rules",
  description: "Every rule of the snippet checker: what it finds, why the Modal client cares, and how to fix it.",
  prose: "rules, checked against the",
});

// The API reference pages are written by the build from the reference data
// (app/content/src/api_reference.rs): their titles and descriptions are read from the build, in
// sidebar order (index first, changes last).
const unescape = (text) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const built = existsSync("dist") ? readdirSync("dist").filter((slug) => /^api(-|$)/.test(slug) && existsSync(join("dist", slug, "index.html"))) : [];
for (const slug of built) {
  const html = readFileSync(join("dist", slug, "index.html"), "utf8");
  const title = unescape(html.match(/<h1>(.*?)<\/h1>/)[1]);
  const description = unescape(html.match(/<meta name="description" content="(.*?)">/)[1]);
  const prose = { api: "Every public name of", "api-changes": "Each release of" }[slug] ?? "Checked against";
  pages.push({ slug, route: `${slug}/`, title, description, prose });
}

/** A path no page has, for the 404 tests. */
export const MISSING_PAGE = "no-such-page/";

export const test = base.extend({
  page: async ({ page, javaScriptEnabled }, use) => {
    const problems = [];
    // The 404 page is the one error response allowed, where a test asks for a missing page.
    const expected404 = (url) => url.includes(MISSING_PAGE);
    page.on("console", (message) => {
      if (message.type() === "error" && !expected404(message.location().url)) problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => {
      const reason = request.failure()?.errorText;
      // A navigation cancels loads still under way; with scripts off, Chromium blocks script preloads.
      if (reason === "net::ERR_ABORTED" || (!javaScriptEnabled && reason === "csp")) return;
      problems.push(`request failed: ${request.url()} ${reason}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && !expected404(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await use(page);
    expect(problems, "console errors and failed requests").toEqual([]);
  },
});

/** Clicks `link` and waits until the page it opens has loaded, as a reader waits before reading:
 * a click only starts the navigation, and reading at once would read the page being left. */
export async function follow(page, link) {
  await Promise.all([page.waitForEvent("load"), link.click()]);
}

/** Starts summing the page's layout shifts from its first paint on; call it before `goto`. */
export async function watchShifts(page) {
  await page.addInitScript(() => {
    window.__shift = 0;
    window.__shifts = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shift += entry.value;
    });
    window.__shifts.observe({ type: "layout-shift", buffered: true });
  });
}

/** The page's layout shift so far. A shift is recorded in the frame that paints it, and the
 * observer hears of it in a later task: wait two frames, then take what it has not yet heard. */
export async function shiftSoFar(page) {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (const entry of window.__shifts.takeRecords()) window.__shift += entry.value;
    return window.__shift;
  });
}

/** Waits until the page is ready for the reader. A tool page's app starts as the page loads:
 * wait until it has mounted its widgets (the theme toggle, which has `aria-pressed` once the app
 * draws it). A documentation page starts its app at the reader's first use of a widget
 * (`public/on-demand.js`), so there is nothing to wait for but the page. */
export async function appStarted(page) {
  await page.waitForLoadState("load");
  if ((await page.locator("#tool").count()) && (await page.locator(".theme-toggle").count())) {
    await page.locator(".theme-toggle[aria-pressed]").waitFor();
  }
}

/** Every route the build writes below the base path, embeds included, read from `_headers`. */
export function routesOf(dist) {
  return readFileSync(join(dist, "_headers"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("/") && line.endsWith("/"))
    .map((line) => line.replace(/^\/(atlas\/)?/, ""));
}

/** The build a test project serves, from its base URL. */
export function distOf(baseURL) {
  return new URL(baseURL).pathname === "/" ? "dist" : "target/dist-atlas";
}

/** Starts `tests/server.mjs` on `port` (shifted by ATLAS_PORT_OFFSET, as in the config) and
 * resolves once it answers; `close()` stops it. */
export async function serve({ dir, base = "/", port: unshifted }) {
  const port = unshifted + Number(process.env.ATLAS_PORT_OFFSET ?? 0);
  const server = spawn("node", ["tests/server.mjs", "--dir", dir, "--base", base, "--port", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}${base}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url);
      return { url, close: () => server.kill() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  server.kill();
  throw new Error(`the server for ${dir} did not start on port ${port}`);
}
