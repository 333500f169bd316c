// Embeds: the /embed/ routes, the widget loader on a host page from another origin, the
// messages between them, the Embed button, oEmbed cards, and the security policy of every route.
import { test as plain } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import { test, expect, appStarted, routesOf, distOf, serve } from "./site.js";

test("every route and embed is served with the security policy and breaks none of it", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.violations.push(event.violatedDirective));
  });
  for (const route of routesOf(distOf(baseURL))) {
    const response = await page.goto(route);
    const policy = response.headers()["content-security-policy"];
    expect(policy, route).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy, route).not.toContain("unsafe-inline");
    expect(policy, route).toContain(route.startsWith("embed/") ? "frame-ancestors *" : "frame-ancestors 'none'");
    await expect(page.locator("main").first()).toBeVisible();
    if (route.startsWith("embed/") || ["cron/", "calculator/", "playground/"].includes(route)) {
      // Tools start their apps and workers: give them the moment they take.
      await page.waitForLoadState("networkidle");
    }
    expect(await page.evaluate(() => window.violations), route).toEqual([]);
  }
});

test("an embed is compact, follows its theme parameter and links to the full tool in the same state", async ({ page }) => {
  await page.goto("embed/cron/?expr=0+8+*+*+*&tz=UTC&theme=dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.locator(".cron-description")).toHaveText("At 08:00 every day, UTC time");
  await expect(page.locator(".site-header, .sidebar")).toHaveCount(0);
  await page.getByLabel("Cron expression").fill("30 9 * * 1");
  const open = page.getByRole("link", { name: "Open in Modal Atlas" });
  await open.focus();
  await expect(open).toHaveAttribute("href", /\/cron\/\?expr=30\+9\+\*\+\*\+1$/);
  expect(await new AxeBuilder({ page }).analyze().then((result) => result.violations)).toEqual([]);
});

test("a page embed shows the whole page for a fragment that names no section", async ({ page }) => {
  for (const fragment of ["#no-such-section", "#%E0%A4%A", "#"]) {
    await page.goto(`embed/page/gpus/${fragment}`);
    await expect(page.locator("#requesting-a-gpu"), fragment).toBeVisible();
    await expect(page.locator("#available-gpus"), fragment).toBeVisible();
  }
});

test("a page embed can show one section alone", async ({ page }) => {
  await page.goto("embed/page/gpus/#available-gpus");
  await expect(page.locator("#available-gpus")).toBeVisible();
  await expect(page.locator(".data-table").first()).toBeVisible();
  await expect(page.locator("#requesting-a-gpu")).toBeHidden();
  await expect(page.locator("#multiple-gpus-per-container")).toBeHidden();
});

test("each tool's Embed button gives the snippets for the tool as it is now", async ({ page, baseURL }) => {
  await page.goto("cron/?expr=0+8+*+*+1-5&tz=Europe%2FLondon");
  await appStarted(page);
  await page.getByRole("button", { name: "Embed" }).click();
  const snippets = page.locator(".embed-snippets code");
  await expect(snippets.nth(0)).toContainText(`<script src="${baseURL}widget.js" defer></script>`);
  await expect(snippets.nth(0)).toContainText('<modal-atlas-widget tool="cron" expr="0 8 * * 1-5" tz="Europe/London">');
  await expect(snippets.nth(1)).toContainText(`<iframe src="${baseURL}embed/cron/?expr=0+8+*+*+1-5&amp;tz=Europe%2FLondon"`);
});

test("every page has an oEmbed card whose iframe is the page's embed", async ({ page, request }) => {
  await page.goto("gpus/");
  const href = await page.locator('link[rel=alternate][type="application/json+oembed"]').getAttribute("href");
  const card = await (await request.get(href)).json();
  expect(card).toMatchObject({ version: "1.0", type: "rich", title: "GPUs", provider_name: "Modal Atlas" });
  expect(card.html).toContain("embed/page/gpus/");
  const tool = await (await request.get(href.replace("gpus.json", "cron.json"))).json();
  expect(tool.html).toContain("embed/cron/");
});

// The host page is another origin: it loads the widget script from the site and embeds every
// widget twice, through the loader and through a plain iframe.
const PLAYGROUND_CODE = `code=${deflateRawSync("import modal\napp = modal.App()\n\n@app.function(keep_warm=1)\ndef f():\n    pass\n").toString("base64url")}`;
const WIDGETS = [
  { id: "cron", attributes: 'tool="cron" expr="0 8 * * *" tz="UTC"', path: "embed/cron/?expr=0+8+*+*+*&tz=UTC", ready: ".cron-description" },
  { id: "calculator", attributes: 'tool="calculator" gpu="L4"', path: "embed/calculator/?gpu=L4", ready: "#calc-total" },
  { id: "playground", attributes: `tool="playground" fragment="${PLAYGROUND_CODE}"`, path: `embed/playground/#${PLAYGROUND_CODE}`, ready: ".diagnostic" },
  { id: "search", attributes: 'tool="search" q="scaledown"', path: "embed/search/?q=scaledown", ready: ".search-page-results a" },
  { id: "page", attributes: 'tool="page" page="gpus" section="available-gpus" theme="dark"', path: "embed/page/gpus/?theme=dark#available-gpus", ready: "#available-gpus" },
];

plain.describe("on a host page from another origin", () => {
  let host;
  plain.beforeAll(async ({}, testInfo) => {
    const site = testInfo.project.use.baseURL;
    const dir = resolve(`target/embed-host-${testInfo.project.name}`);
    mkdirSync(dir, { recursive: true });
    const widgets = WIDGETS.map(({ id, attributes }) => `<modal-atlas-widget id="${id}" ${attributes}></modal-atlas-widget>`);
    const frames = WIDGETS.map(({ id, path }) => `<iframe id="plain-${id}" title="${id}" src="${site}${path}" style="width:100%;height:300px;border:0"></iframe>`);
    writeFileSync(
      `${dir}/index.html`,
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Team wiki</title>
<script src="${site}widget.js" defer></script></head><body>
<h1>Team wiki</h1>
${widgets.join("\n")}
${frames.join("\n")}
<iframe id="framed-page" title="A page that refuses frames" src="${site}gpus/"></iframe>
</body></html>`,
    );
    host = await serve({ dir, port: testInfo.project.name === "root" ? 4185 : 4186 });
  });
  plain.afterAll(() => host?.close());

  plain("every widget renders both ways and sizes itself; foreign messages are ignored; pages refuse frames", async ({ page }) => {
    plain.setTimeout(90_000);
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(host.url);
    const height = (locator) => locator.boundingBox().then((box) => box.height);
    const contentHeight = (id) =>
      page.frameLocator(`#${id} iframe`).locator(".embed-root").evaluate((root) => Math.ceil(root.getBoundingClientRect().height));
    for (const { id, ready } of WIDGETS) {
      await expect(page.frameLocator(`#${id} iframe`).locator(ready).first(), id).toBeVisible();
      await expect(page.frameLocator(`#plain-${id}`).locator(ready).first(), id).toBeVisible();
      // The widget takes the height its embed reports, not the 480 px it starts with. (Browsers
      // defer the rendering work of cross-origin frames out of view, so look at it first.)
      const frame = page.locator(`#${id} iframe`);
      await frame.scrollIntoViewIfNeeded();
      await expect.poll(async () => Math.abs((await height(frame)) - (await contentHeight(id))), id).toBeLessThan(2);
    }
    await expect(page.frameLocator("#page iframe").locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.frameLocator("#page iframe").locator("#requesting-a-gpu")).toBeHidden();

    // A message from the host's own origin, and one from the site's origin but another frame (a
    // plain iframe), both claiming a height: the widget ignores both.
    const cron = page.locator("#cron iframe");
    const settled = await height(cron);
    // Messages from one sender arrive in order: once a marker sent after each claim has arrived,
    // the widget has heard the claim.
    await page.evaluate(() => {
      window.__heard = new Promise((resolve) => {
        let markers = 0;
        window.addEventListener("message", (event) => event.data?.type === "test:marker" && ++markers === 2 && resolve());
      });
    });
    await page.evaluate(() => {
      window.postMessage({ type: "modal-atlas:height", height: 77 }, "*");
      window.postMessage({ type: "test:marker" }, "*");
    });
    await page.frameLocator("#plain-cron").locator("body").evaluate(() => {
      parent.postMessage({ type: "modal-atlas:height", height: 66 }, "*");
      parent.postMessage({ type: "test:marker" }, "*");
    });
    await page.evaluate(() => window.__heard);
    expect(await height(cron)).toBe(settled);

    // It follows its own embed when that grows: a longer run list.
    await cron.scrollIntoViewIfNeeded();
    await page.frameLocator("#cron iframe").getByLabel("Runs to list").fill("30");
    await expect.poll(() => height(cron)).toBeGreaterThan(settled + 200);
    await expect.poll(async () => Math.abs((await height(cron)) - (await contentHeight("cron")))).toBeLessThan(2);

    // A full page says frame-ancestors 'none': the browser shows nothing of it.
    await expect(page.frameLocator("#framed-page").locator("main")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
