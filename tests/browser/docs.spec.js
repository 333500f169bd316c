// The docs site as a reader meets it: every route, navigation, deep links, theme, copy, 404,
// reading without JavaScript, narrow screens, and no layout shift when the app starts.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, pages, appStarted, follow, watchShifts, shiftSoFar, MISSING_PAGE } from "./site.js";

const home = pages.find((page) => page.slug === "index");

for (const page of pages) {
  test(`${page.slug}: loads with its article, title and metadata, and no a11y violation`, async ({ page: tab, baseURL }) => {
    // axe checks every node of the page (contrast of each highlighted token included): on the
    // longest pages (the rules page, long articles) that alone takes 10-30 s on two busy cores.
    test.slow();
    const response = await tab.goto(page.route);
    expect(response.status()).toBe(200);
    await expect(tab.locator("main h1")).toHaveText(page.title);
    await expect(tab).toHaveTitle(page.slug === "index" ? /^Modal Atlas: / : `${page.title} · Modal Atlas`);
    await expect(tab.locator('meta[name="description"]')).toHaveAttribute("content", page.description);
    const canonical = new URL(baseURL).pathname + page.route;
    await expect(tab.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${canonical}$`));
    await expect(tab.locator('meta[property="og:title"]')).toHaveAttribute("content", page.title);
    await appStarted(tab);
    const results = await new AxeBuilder({ page: tab }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  });
}

test("the raw HTML of every route holds its article, for readers and crawlers without JavaScript", async ({ request }) => {
  for (const page of pages) {
    const html = await (await request.get(page.route)).text();
    expect(html, page.slug).toContain(`<h1>${page.title.replace(/&/g, "&amp;")}</h1>`);
    expect(page.prose, `${page.slug} has a prose line to look for`).toBeTruthy();
    expect(html, page.slug).toContain(page.prose);
  }
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("an article is readable and its links work", async ({ page }) => {
    await page.goto("gpus/");
    await expect(page.locator("main h1")).toHaveText(pages.find((p) => p.slug === "gpus").title);
    await expect(page.locator(".doc pre").first()).toBeVisible();
    await expect(page.locator(".copy").first()).toBeHidden();
    await follow(page, page.locator(".pager-next"));
    const title = await page.locator("main h1").textContent();
    expect(title).not.toBe(pages.find((p) => p.slug === "gpus").title);
    await expect(page.locator('.sidebar a[aria-current="page"]')).toHaveText(title);
  });
});

test("the sidebar reaches every page and marks the current one", async ({ page }) => {
  await page.goto("");
  const links = page.locator(".sidebar a");
  const count = await links.count();
  expect(count).toBe(pages.length);
  // One page load a page of the site, each with its budget.
  test.setTimeout(count * 1_500);
  for (let i = 0; i < count; i++) {
    const link = page.locator(".sidebar a").nth(i);
    const title = await link.textContent();
    await follow(page, link);
    await expect(page.locator("main h1")).toHaveText(title);
    await expect(page.locator('.sidebar a[aria-current="page"]')).toHaveText(title);
  }
});

test("next and previous walk the whole site in sidebar order, both ways", async ({ page }) => {
  await page.goto("");
  const order = await page.locator(".sidebar a").allTextContents();
  // Two page loads a page of the site (there and back), each with its budget.
  test.setTimeout(order.length * 2 * 1_500);
  // Each click waits for the page it should lead to, as a reader waits for it to load.
  const walk = async (link, titles) => {
    await expect(page.locator("main h1")).toHaveText(titles[0]);
    for (const title of titles.slice(1)) {
      await follow(page, page.locator(link));
      await expect(page.locator("main h1")).toHaveText(title);
    }
    await expect(page.locator(link)).toHaveCount(0);
  };
  await walk(".pager-next", order);
  await walk(".pager-prev", [...order].reverse());
});

test("a deep link lands on its heading, and heading anchors link to themselves", async ({ page }) => {
  await page.goto("gpus/");
  const anchor = await page.locator(".toc a").nth(1).getAttribute("href");
  await page.goto(`gpus/${anchor}`);
  await appStarted(page);
  const heading = page.locator(anchor);
  await expect(heading).toBeInViewport();
  const top = await heading.evaluate((element) => element.getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(200);
  await expect(heading.locator("a.anchor")).toHaveAttribute("href", anchor);
});

/** Counts the page's requests for the documentation app's wasm from now on. */
function countDocsApp(page) {
  const seen = { count: 0 };
  page.on("request", (request) => {
    if (/\/atlas-site-[0-9a-f]+_bg\.wasm$/.test(new URL(request.url()).pathname)) seen.count += 1;
  });
  return seen;
}

test("the theme toggle's first click switches theme, and the choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  const app = countDocsApp(page);
  await page.goto("");
  await appStarted(page);
  const toggle = page.getByRole("button", { name: "Dark theme" });
  const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(app.count, "the app waits for the reader").toBe(0);
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(app.count).toBe(1);
  const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBackground).not.toBe(lightBackground);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await appStarted(page);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(darkBackground);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id), "dark theme").toEqual([]);
  // The app starts with the first click after the reload too, and that click switches back.
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "false");
});

test("the page follows the system theme until the reader chooses", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("gpus/");
  await appStarted(page);
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  // The toggle starts from the theme shown, the system's: its first click chooses light.
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "false");
});

test("a copy button's first click on a fresh page copies its code block", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const app = countDocsApp(page);
  await page.goto("apps-and-functions/");
  await appStarted(page);
  expect(app.count, "the app waits for the reader").toBe(0);
  const block = page.locator(".code").first();
  const button = block.locator("button.copy");
  await button.click();
  await expect(button).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await block.locator("code").textContent());
  await expect(button).toHaveText("Copy", { timeout: 5000 });
  // Later clicks copy as the first did, through the app alone.
  await page.locator(".code").nth(1).locator("button.copy").click();
  await expect(page.locator(".code").nth(1).locator("button.copy")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.locator(".code").nth(1).locator("code").textContent());
  expect(app.count).toBe(1);
});

test("an unknown path answers 404 with a page that leads back", async ({ page }) => {
  const response = await page.goto(MISSING_PAGE);
  expect(response.status()).toBe(404);
  await expect(page.locator("main h1")).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.locator("main h1")).toHaveText(home.title);
});

test("the skip link is the first stop and moves focus to the article", async ({ page }) => {
  await page.goto("gpus/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test.describe("at 360 px wide", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("nothing scrolls sideways and the menu link reaches the site list", async ({ page }) => {
    for (const route of ["", "gpus/", "pricing/", "whats-changed/"]) {
      await page.goto(route);
      await appStarted(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, route).toBeLessThanOrEqual(360);
    }
    await page.getByRole("link", { name: "Menu" }).click();
    await expect(page.locator("#site-nav")).toBeInViewport();
  });
});

test("the app starts without shifting the layout", async ({ page }) => {
  await watchShifts(page);
  await page.goto("gpus/");
  await appStarted(page);
  expect(await shiftSoFar(page)).toBe(0);
  // A documentation page starts its app at the reader's first use of a widget: here the search.
  await page.locator(".search-input").focus();
  await expect(page.getByRole("combobox", { name: "Search the reference" })).toBeFocused();
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", /true|false/);
  expect(await shiftSoFar(page)).toBe(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 412, height: 823 } });
  test("tools start and answer without shifting the layout", async ({ page }) => {
    await watchShifts(page);
    for (const [route, answered] of [
      ["cron/", ".cron-runs"],
      ["calculator/", ".calculator-tool[aria-busy=false]"],
      ["playground/", ".diagnostic"],
    ]) {
      await page.goto(route);
      await page.locator(answered).first().waitFor();
      expect(await shiftSoFar(page), route).toBe(0);
    }
  });
});

test.describe("at 1280 px wide", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test("a tool page has no contents column: its tool takes the article's width", async ({ page }) => {
    for (const route of ["cron/", "calculator/", "playground/"]) {
      await page.goto(route);
      await appStarted(page);
      await expect(page.locator(".toc"), route).toHaveCount(0);
      const [tool, main] = await Promise.all(
        ["#tool", "main"].map((selector) => page.locator(selector).evaluate((element) => element.getBoundingClientRect().width)),
      );
      // main has 2rem of padding each side.
      expect(tool, route).toBeGreaterThanOrEqual(main - 64 - 1);
    }
    // An article keeps its contents column.
    await page.goto("gpus/");
    await expect(page.locator(".toc")).toBeVisible();
  });
});

test("each tool page downloads its own tool's app and worker, and no other tool's", async ({ page }) => {
  for (const [tool, answered] of [
    ["cron", ".cron-runs"],
    ["calculator", "#calc-total"],
    ["playground", ".diagnostic"],
  ]) {
    const apps = new Set();
    const listen = (request) => {
      const name = new URL(request.url()).pathname.split("/").pop();
      const app = name.match(/^atlas-([a-z]+)-(tool|worker)\b/);
      if (app) apps.add(app[1]);
    };
    page.on("request", listen);
    await page.goto(`${tool}/`);
    await page.locator(answered).first().waitFor();
    page.off("request", listen);
    expect([...apps], tool).toEqual([tool]);
  }
});
