// Search as a reader uses it: the header box (an ARIA combobox) and the /search/ results page.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, appStarted, watchShifts, shiftSoFar } from "./site.js";

const box = (page) => page.getByRole("combobox", { name: "Search the reference" });
const options = (page) => page.locator("#search-listbox [role=option]");

/** Clicks the search box (on a documentation page, the first click starts the app, whose
 * live box replaces the prerendered one) and types `text` into it key by key. */
async function typeQuery(page, text) {
  await page.locator(".search-input").click();
  await box(page).pressSequentially(text, { delay: 20 });
}

test("results appear as you type, typos included, and name their page and section", async ({ page }) => {
  await page.goto("gpus/");
  await appStarted(page);
  await typeQuery(page, "timezon");
  await expect(box(page)).toHaveAttribute("aria-expanded", "true");
  await expect(options(page).first()).toContainText("Scheduling");
  await expect(options(page).first().locator("mark").first()).toHaveText(/timezone/i);
  await box(page).fill("");
  await typeQuery(page, "deplyo");
  // The list follows each keystroke: wait for the answer to the whole word, not to its start.
  await expect.poll(async () => (await options(page).locator(".result-page").allTextContents()).slice(0, 3)).toContain("Deployment");
});

test("slash and Ctrl+K focus the search box from anywhere on the page", async ({ page }) => {
  await page.goto("");
  await appStarted(page);
  await page.keyboard.press("/");
  await expect(box(page)).toBeFocused();
  await page.keyboard.press("Escape");
  await page.locator("main h1").click();
  await page.keyboard.press("Control+k");
  await expect(box(page)).toBeFocused();
});

test("on a fresh documentation page, '/' and the keystrokes typed at once all reach the search", async ({ page }) => {
  await page.goto("gpus/");
  await appStarted(page);
  await page.keyboard.press("/");
  await page.keyboard.type("volume", { delay: 10 });
  await expect(box(page)).toHaveValue("volume");
  await expect(box(page)).toBeFocused();
  await expect(options(page).first()).toContainText("Volumes");
});

test("arrow keys move through results and Enter opens the chosen section", async ({ page }) => {
  await page.goto("");
  await appStarted(page);
  await typeQuery(page, "modal.Cron");
  await expect(options(page).first()).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(options(page).nth(0)).toHaveAttribute("aria-selected", "true");
  await expect(box(page)).toHaveAttribute("aria-activedescendant", "search-option-0");
  await page.keyboard.press("ArrowDown");
  await expect(options(page).nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  const page0 = await options(page).nth(0).locator(".result-page").textContent();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText(page0);
});

test("Escape closes the list, and a second Escape clears the box", async ({ page }) => {
  await page.goto("");
  await appStarted(page);
  await typeQuery(page, "volume");
  await expect(box(page)).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(box(page)).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator(".search-popup")).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(box(page)).toHaveValue("");
});

test("Enter with no result chosen opens the results page, whose results are links in main, best first", async ({ page }) => {
  await page.goto("gpus/");
  await appStarted(page);
  await typeQuery(page, "container_idle_timeout");
  await expect(options(page).first()).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\/\?q=container_idle_timeout$/);
  await expect(page.locator(".search-summary")).toContainText("for “container_idle_timeout”");
  const links = page.locator("main .search-page-results a");
  await expect(links.nth(2)).toBeVisible();
  await expect.poll(async () => (await links.locator(".result-page").allTextContents()).slice(0, 3)).toContain("Concurrency and autoscaling");
  await expect(box(page)).toHaveValue("container_idle_timeout");
});

test("a results page URL opens its results, and the page passes axe", async ({ page }) => {
  await page.goto("search/?q=H100%3A4");
  await expect(page.locator(".search-summary")).toContainText("results for “H100:4”");
  await expect(page.locator("main .search-page-results a").first()).toHaveAttribute("href", /gpus\//);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("the results page fetches the index and the excerpts as it loads, and each only once", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => {
    const name = new URL(request.url()).pathname.split("/").pop();
    if (/^search-(index|text)-/.test(name)) fetched.push(name.replace(/-[0-9a-f]+\.bin$/, ""));
  });
  await page.goto("search/?q=volume");
  // Preloaded by the page's head: a preload the app's own fetch could not reuse is fetched twice.
  await expect(page.locator('head link[rel=preload][as=fetch][href*="search-"]')).toHaveCount(2);
  await expect(page.locator("main .search-page-results a").first()).toBeVisible();
  expect(fetched.toSorted()).toEqual(["search-index", "search-text"]);
});

for (const [how, turnToSearch] of [
  ["clicked", (page) => page.locator(".search-input").click()],
  ["reached with /", (page) => page.keyboard.press("/")],
]) {
  test(`on a tool page the search box is a form until it is first ${how}, then live, keeping what was typed`, async ({ page }) => {
    const docsApp = [];
    page.on("request", (request) => {
      if (/^atlas-site-/.test(new URL(request.url()).pathname.split("/").pop())) docsApp.push(request.url());
    });
    await page.goto("calculator/");
    await expect(page.locator("#calc-total")).toBeVisible();
    expect(docsApp, "the search engine is not part of a tool's first load").toEqual([]);
    await turnToSearch(page);
    // Typed at once, before the search has arrived: none of it may be lost.
    await page.keyboard.type("volume", { delay: 20 });
    await expect(box(page)).toHaveValue("volume");
    await expect(box(page)).toBeFocused();
    await expect(options(page).first()).toBeVisible();
    expect(docsApp.length).toBeGreaterThan(0);
  });
}

for (const [screen, viewport] of [
  ["a wide screen", { width: 1280, height: 800 }],
  ["a phone", { width: 412, height: 823 }],
]) {
  test(`on ${screen}, the results page fills in without shifting the layout`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await watchShifts(page);
    await page.goto("search/?q=volume");
    await expect(page.locator("main .search-page-results a").nth(2)).toBeVisible();
    expect(await shiftSoFar(page)).toBe(0);
  });
}

test("the open search list passes axe", async ({ page }) => {
  await page.goto("");
  await appStarted(page);
  await typeQuery(page, "secrets");
  await page.keyboard.press("ArrowDown");
  await expect(options(page).first()).toHaveAttribute("aria-selected", "true");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
});

test("hostile input is shown as text and never breaks the page", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    dialog.dismiss();
  });
  await page.goto("");
  await appStarted(page);
  await page.locator(".search-input").click();
  for (const input of ["<img src=x onerror=alert(1)>", ".*+?^${}()|[]\\", "!!!", "🦀 東京 ünïcödé", "x".repeat(10000)]) {
    await box(page).fill(input);
    await expect(page.locator(".search-status")).not.toBeEmpty();
  }
  await box(page).fill("<script>alert(1)</script>");
  await page.keyboard.press("Enter");
  await expect(page.locator(".search-summary")).toContainText("<script>alert(1)</script>");
  expect(dialogs).toBe(0);
  // The app still answers after all that.
  await box(page).fill("sandbox");
  await expect(options(page).first()).toContainText("Sandboxes");
});

test("what was typed before the app started is kept", async ({ page }) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("");
  const input = page.locator(".search-input");
  await input.click();
  await input.pressSequentially("volu");
  release();
  await appStarted(page);
  await expect(box(page)).toHaveValue("volu");
  await expect(box(page)).toBeFocused();
  await box(page).pressSequentially("me");
  await expect(options(page).first()).toContainText("Volumes");
});

test("a client name opens its API reference section", async ({ page }) => {
  await page.goto("");
  await appStarted(page);
  await typeQuery(page, "Function.spawn_map");
  await expect(options(page).first()).toContainText("Function.spawn_map");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/api-function\/#function-spawn_map$/);
  await expect(page.locator("#function-spawn_map")).toBeInViewport();
  await expect(page.locator("#function-spawn_map + p")).toContainText("Method · since 1.0.0");
});
