// The site for coding assistants: each page's Markdown copy, llms.txt, and "Copy as Markdown".
import { test, expect, pages, appStarted } from "./site.js";

test("Copy as Markdown puts the page's Markdown copy on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("gpus/");
  await appStarted(page);
  const href = await page.locator('link[rel="alternate"][type="text/markdown"]').getAttribute("href");
  // Found by class: its accessible name changes to "Copied".
  const button = page.locator("button.copy-markdown");
  await button.click();
  await expect(button).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(copied).toBe(await response.text());
  expect(copied.startsWith("# GPUs\n\n> ")).toBe(true);
  expect(copied).toContain("| `H100` |");
  await expect(button).toHaveText("Copy as Markdown", { timeout: 5000 });
});

test("every page's Markdown copy is served, and llms.txt lists it", async ({ request }) => {
  const index = await (await request.get("llms.txt")).text();
  for (const { slug, route, title } of pages) {
    const response = await request.get(`${route}index.md`);
    expect(response.status(), slug).toBe(200);
    expect(response.headers()["content-type"], slug).toContain("text/markdown");
    expect((await response.text()).startsWith(`# ${title}\n`), slug).toBe(true);
    expect(index, slug).toContain(`[${title}](`);
    expect(index, slug).toContain(`${route}index.md)`);
  }
  const full = await request.get("llms-full.txt");
  expect(full.status()).toBe(200);
  expect(await full.text()).toContain("# Checker rules\n");
});
