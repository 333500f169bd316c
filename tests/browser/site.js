// What the browser tests know about the site: its routes and pages, read from the build and
// from content/, and a page fixture that fails the test on any console error or failed request.
import { test as base, expect } from "@playwright/test";
import { readFileSync, readdirSync, existsSync } from "node:fs";
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

export const test = base.extend({
  distDir: ["dist", { option: true }],
  page: async ({ page }, use) => {
    const problems = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on("response", (response) => {
      // The 404 page is the one response allowed to be an error, when a test asks for it.
      if (response.status() >= 400 && !response.url().includes("no-such-page")) {
        problems.push(`HTTP ${response.status()}: ${response.url()}`);
      }
    });
    await use(page);
    expect(problems, "console errors and failed requests").toEqual([]);
  },
});

/** Waits until the app has mounted its widgets (the theme toggle is the first). */
export async function appStarted(page) {
  await page.locator(".theme-toggle").waitFor();
}

export function distHas(distDir, path) {
  return existsSync(join(distDir, path));
}
