// The offline app: the pages and tools a reader opens work offline from then on; the whole site
// is downloaded only on request ("Save for offline", installing the app, opening it as one, and
// not unasked under Save-Data), after which every route and tool works with the network off; a new
// build is offered as "Reload to update", after which only the new build's files are used.
import { cpSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test, expect, appStarted, routesOf, distOf, serve } from "./site.js";

test.use({ serviceWorkers: "allow" });

/** Loads the page and waits until this build's service worker is active and has kept the page
 * and every file it loaded. */
async function installOffline(page, url) {
  await page.goto(url);
  await appStarted(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const loaded = await page.evaluate(() => [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)]);
  // The browser fetches the tab's icon when it likes, sometimes after the worker took the page's
  // list: whether it is kept depends on that timing, and pages work without it.
  for (const file of loaded.filter((url) => !/\/favicon-[0-9a-f]+\.svg$/.test(url))) {
    await expect.poll(() => isKept(page, file), file).toBe(true);
  }
}

/** Whether the service worker's cache holds `url` (a route or a file). */
function isKept(page, url) {
  return page.evaluate((url) => caches.match(new URL(url).origin + new URL(url).pathname).then(Boolean), url);
}

const saveControl = (page) => page.getByRole("button", { name: /^Save for offline \(\d+\.\d MB\)$/ });
const savedNote = (page) => page.getByText("Saved for offline use: every page and tool works without a network.");

/** Clicks "Save for offline" and waits until the whole build is saved. */
async function saveForOffline(page) {
  await saveControl(page).click();
  await expect(page.getByRole("progressbar")).toBeVisible();
  // The whole build: 750-odd files, most of them time zones; seconds on a busy machine.
  await expect(savedNote(page)).toBeVisible({ timeout: 60_000 });
  await expect(saveControl(page)).toBeHidden();
}

/** On gpus/, the search finds "scaledown"; the cron tool answers a deep link, and again after a reload. */
async function searchAndCronWork(page) {
  await page.goto("gpus/");
  await appStarted(page);
  await page.locator(".search-input").click();
  await page.getByRole("combobox", { name: "Search the reference" }).fill("scaledown");
  await expect(page.locator("#search-listbox [role=option]").first()).toBeVisible();
  await page.goto("cron/?expr=0+8+*+*+1-5&tz=Europe%2FLondon");
  await expect(page.locator(".cron-description")).toHaveText("At 08:00 on Monday through Friday, Europe/London time");
  await page.reload();
  await expect(page.locator(".cron-runs tbody tr")).toHaveCount(10);
}

test("without a request, the pages and tools a reader opened work offline, and nothing else is downloaded", async ({
  page,
  context,
  baseURL,
}) => {
  await installOffline(page, `${baseURL}gpus/`);
  await expect(saveControl(page)).toBeVisible();
  await searchAndCronWork(page);

  // Nothing the reader has not opened: no other page, and not the playground's parser.
  for (const unopened of ["calculator/", "playground/", "atlas-playground-worker_bg.wasm"]) {
    expect(await isKept(page, new URL(unopened, baseURL).href), unopened).toBe(false);
  }
  const kept = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).keys()).length);
  expect(kept).toBeLessThan(40);

  await context.setOffline(true);
  await searchAndCronWork(page);
});

test("after 'Save for offline', every route, search and each tool work offline, deep links and reloads included", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await installOffline(page, baseURL);
  await saveForOffline(page);
  // Every page says so from then on.
  await page.goto("gpus/");
  await expect(savedNote(page)).toBeVisible();
  await context.setOffline(true);

  for (const route of routesOf(distOf(baseURL))) {
    const response = await page.goto(route);
    expect(response.status(), route).toBe(200);
    await expect(page.locator("main").first(), route).toBeVisible();
  }

  await searchAndCronWork(page);

  await page.goto("calculator/");
  await expect(page.locator("#calc-total")).toHaveText(/^\$[\d,]+\.\d\d$/);

  await page.goto("playground/");
  await page.getByLabel("Python code").fill("import modal\napp = modal.App()\n\n@app.function(keep_warm=1)\ndef f():\n    pass\n");
  await expect(page.locator(".diagnostic").first()).toContainText("MDL001");

  const missing = await page.goto("no-such-page/");
  expect(missing.status()).toBe(404);
  await expect(page.locator("main h1")).toHaveText("Page not found");
});

/** Makes the page believe it runs as an installed app, and, with `saveData`, that the browser asks to save data. */
async function pretend(page, { standalone, saveData }) {
  await page.addInitScript(
    ({ standalone, saveData }) => {
      const matchMedia = window.matchMedia.bind(window);
      window.matchMedia = (query) =>
        query === "(display-mode: standalone)" ? { ...matchMedia(query), matches: standalone } : matchMedia(query);
      Object.defineProperty(Navigator.prototype, "connection", { get: () => ({ saveData }) });
    },
    { standalone, saveData },
  );
}

test("opened as an installed app, the site saves itself for offline use", async ({ page, baseURL }) => {
  await pretend(page, { standalone: true, saveData: false });
  await page.goto(`${baseURL}gpus/`);
  await expect(savedNote(page)).toBeVisible({ timeout: 60_000 });
  expect(await isKept(page, new URL("playground/", baseURL).href)).toBe(true);
});

test("under Save-Data, neither opening nor installing the app downloads the site: only the reader's request does", async ({ page, baseURL }) => {
  await pretend(page, { standalone: true, saveData: true });
  await installOffline(page, `${baseURL}gpus/`);
  await expect(saveControl(page)).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("appinstalled")));
  // Nothing starts: no progress, and after a while the parser is still not kept.
  await page.waitForTimeout(1500);
  await expect(page.getByRole("progressbar")).toBeHidden();
  expect(await isKept(page, new URL("playground/", baseURL).href)).toBe(false);
  // The reader's own request still saves it.
  await saveForOffline(page);
});

test("installing the app saves the whole site", async ({ page, baseURL }) => {
  await installOffline(page, `${baseURL}gpus/`);
  await expect(saveControl(page)).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("appinstalled")));
  await expect(savedNote(page)).toBeVisible({ timeout: 60_000 });
});

test("the text for assistants and the link cards answer offline once saved, or once fetched", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await installOffline(page, baseURL);
  await saveForOffline(page);
  // llms-full.txt and the cards are not saved (see app/build/src/offline.rs): one fetch keeps them.
  for (const file of ["llms-full.txt", "oembed/gpus.json"]) {
    expect(await page.evaluate((file) => fetch(file).then((response) => response.status), file)).toBe(200);
  }
  await context.setOffline(true);
  for (const file of ["llms.txt", "llms-full.txt", "gpus/index.md", "index.md", "oembed/gpus.json"]) {
    const [status, length] = await page.evaluate(
      (file) => fetch(file).then(async (response) => [response.status, (await response.text()).length]),
      file,
    );
    expect(status, file).toBe(200);
    expect(length, file).toBeGreaterThan(20);
  }
});

/**
 * A second build, made from the first the way a real one differs: the stylesheet under a new
 * hashed name everywhere it is named, and so a new service worker version.
 */
function nextBuild(dist, into) {
  rmSync(into, { recursive: true, force: true });
  cpSync(dist, into, { recursive: true });
  const old = readdirSync(into).find((name) => /^main-[0-9a-f]+\.css$/.test(name));
  const renamed = old.replace(/^main-/, "main-next");
  renameSync(join(into, old), join(into, renamed));
  const rewrite = (path) => writeFileSync(path, readFileSync(path, "utf8").replaceAll(old, renamed));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".html")) rewrite(path);
    }
  };
  walk(into);
  const worker = join(into, "sw.js");
  writeFileSync(worker, readFileSync(worker, "utf8").replaceAll(old, renamed).replace(/"version":"(\w+)"/, '"version":"next$1"'));
  return { old, renamed };
}

test("a new build is offered as 'Reload to update', and afterwards only its files are used", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const base = new URL(baseURL).pathname;
  const dist = resolve(distOf(baseURL));
  const served = resolve(`target/offline-update${base === "/" ? "" : "-atlas"}`);
  const next = `${served}-next`;
  const { old, renamed } = nextBuild(dist, next);
  rmSync(served, { force: true });
  symlinkSync(dist, served);
  const server = await serve({ dir: served, base, port: base === "/" ? 4181 : 4182 });
  try {
    await installOffline(page, `${server.url}gpus/`);
    await expect(page.locator("#update-prompt")).toHaveCount(0);

    // Publish the second build in place of the first, as a deployment does.
    rmSync(served);
    symlinkSync(next, served);
    await page.reload();
    const prompt = page.locator("#update-prompt");
    // The offer comes once the new worker has downloaded its versions of what the reader used.
    await expect(prompt).toContainText("A new version of this site is ready.", { timeout: 60_000 });
    // Until the reader chooses, the page keeps the build it came from.
    await expect(page.locator("link[rel=stylesheet]").first()).toHaveAttribute("href", new RegExp(old));

    await Promise.all([page.waitForEvent("load"), prompt.getByRole("button", { name: "Reload to update" }).click()]);
    await appStarted(page);
    await expect(page.locator("link[rel=stylesheet]").first()).toHaveAttribute("href", new RegExp(renamed));
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
    expect(loaded.filter((url) => url.includes(old))).toEqual([]);
    const caches = await page.evaluate(() => caches.keys());
    expect(caches).toHaveLength(1);
    expect(caches[0]).toMatch(/^modal-atlas-next/);
    // The page the reader had opened still works offline, from the new build.
    expect(await isKept(page, `${server.url}gpus/`)).toBe(true);
  } finally {
    server.close();
  }
});

test("the web app manifest names the app, its icons and its scope under the base path", async ({ page, request, baseURL }) => {
  const base = new URL(baseURL).pathname;
  await page.goto("gpus/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe(`${base}manifest.webmanifest`);
  const manifest = await (await request.get(href)).json();
  expect(manifest).toMatchObject({ name: "Modal Atlas", start_url: base, scope: base, display: "standalone" });
  expect(manifest.icons.map((icon) => icon.purpose)).toContain("maskable");
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"], icon.src).toBe("image/png");
    const [width] = icon.sizes.split("x").map(Number);
    const bytes = await response.body();
    // A PNG's width is the big-endian number at byte 16 of its header.
    expect(bytes.readUInt32BE(16), icon.src).toBe(width);
  }
});
