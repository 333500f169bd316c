// The calculator at /calculator/: outputs follow the inputs, scenarios open from URLs, every
// field says what it expected while the rest keeps working, and the model-fit proposal applies.
import AxeBuilder from "@axe-core/playwright";
import { createServer } from "node:http";
import { test, expect, watchShifts, shiftSoFar } from "./site.js";

const total = (page) => page.locator("#calc-total");
/** The calculator is built in steps, a task each; it is whole once it is no longer busy. */
const built = (page) => expect(page.locator(".calculator-tool")).toHaveAttribute("aria-busy", "false");

test("a URL opens its scenario, with each part of the bill in a labelled output", async ({ page }) => {
  // 2 × H100: 2 × $0.001097/s × 8 h × 3,600 s × 30 days = $1,895.62; CPU 0.125 × $0.0000131 × 864,000 s = $1.41;
  // memory 0.5 GiB × $0.00000222 × 864,000 s = $0.96; compute $1,897.99; Starter credits −$30 → $1,867.99.
  await page.goto("calculator/?gpu=H100&count=2&mode=always&containers=1&hours=8&days=30");
  await expect(page.locator("#calc-compute")).toHaveText("$1,897.99");
  await expect(total(page)).toHaveText("$1,867.99");
  await expect(page.locator("#calc-credits")).toHaveText("−$30.00");
  await page.getByText("Show the arithmetic").click();
  await expect(page.locator(".arithmetic")).toContainText("$0.001097/s");
  await expect(page.locator(".tool-output code").first()).toContainText('@app.function(gpu="H100:2"');
  await expect(page.locator(".calculator-tool")).toContainText("Prices in USD as of 2026-07-01");
});

test("changing inputs updates the estimate and the URL", async ({ page }) => {
  await page.goto("calculator/?gpu=T4&mode=batch&items=1000&seconds=3600&parallel=10");
  // 1,000 items × 3,600 s = 3,600,000 s × ($0.000164 + 0.125 × $0.0000131 + 0.5 × $0.00000222)
  // = $590.40 + $5.90 + $4.00 = $600.29 compute.
  await expect(page.locator("#calc-compute")).toHaveText("$600.29");
  await expect(page.locator("#calc-per-unit")).toHaveText("$0.60");
  await page.getByLabel("Plan", { exact: true }).selectOption("team");
  // Team: $600.29 − $100 credits + $250 fee.
  await expect(total(page)).toHaveText("$750.29");
  await expect(page).toHaveURL(/plan=team/);
  await page.getByLabel("Region").selectOption("broad");
  // A broad region: $600.291 × 1.5 = $900.44.
  await expect(page.locator("#calc-compute")).toHaveText("$900.44");
});

test("every field reports bad input on itself and the rest keeps working", async ({ page }) => {
  await page.goto("calculator/?mode=requests");
  await expect(total(page)).toBeVisible();
  const cases = [
    ["calc-requests", "", "Requests per month: required"],
    ["calc-requests", "-5", "Requests per month: at least 0"],
    ["calc-requests", "abc", "Requests per month: `abc` is not a number"],
    ["calc-requests", "NaN", "Requests per month: `NaN` is not a number"],
    ["calc-requests", "1e308", "Requests per month: at most 1000000000000"],
    ["calc-concurrency", "1.5", "Inputs per container: a whole number"],
    ["calc-concurrency", "0", "Inputs per container: at least 1"],
    ["calc-scaledown", "1", "Scaledown window (seconds): at least 2"],
  ];
  for (const [id, text, message] of cases) {
    await page.locator(`#${id}`).fill(text);
    await expect(page.locator(`#${id}-error`)).toHaveText(message);
    await expect(page.locator(`#${id}`)).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(".calc-side .field-error")).toHaveText("Fix the marked field to see the estimate.");
    // The model-fit part does not depend on these fields and keeps answering.
    await expect(page.locator("#calc-fit-total")).toBeVisible();
    await page.locator(`#${id}`).fill(id === "calc-scaledown" ? "60" : id === "calc-concurrency" ? "1" : "100000");
  }
  await expect(total(page)).toBeVisible();
});

test("plan limits are flagged", async ({ page }) => {
  await page.goto("calculator/?gpu=H100&count=8&mode=batch&items=100&seconds=60&parallel=4");
  await expect(page.locator(".warnings")).toContainText("Starter allows 10 GPUs at once; this needs 32.");
});

test("the model fit shows its formula and the proposed GPU applies", async ({ page }) => {
  await page.goto("calculator/?params=70&precision=bf16&layers=80");
  await expect(page.locator(".fit-formula")).toContainText("weights = 70 B params × 2 bytes (bf16) = 140 GB");
  const proposal = await page.locator("#calc-fit-gpu").textContent();
  await page.getByRole("button", { name: "Use this GPU" }).click();
  const [id, count] = proposal.split(":");
  await expect(page.getByLabel("GPU", { exact: true })).toHaveValue(id);
  await expect(page.locator("#calc-count")).toHaveValue(count ?? "1");
  await expect(page.locator(".compare tr.chosen th")).toHaveText(id);
});

test("every GPU type is compared in a table and a chart", async ({ page }) => {
  await page.goto("calculator/");
  const rows = page.locator(".compare tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(page.locator(".compare-chart rect")).toHaveCount(10);
  const costs = await page.locator(".compare tbody td:nth-child(3)").allTextContents();
  const numbers = costs.map((text) => Number(text.replace(/[$,]/g, "")));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
});

test("the calculator passes axe in both themes", async ({ page }) => {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("calculator/?gpu=A100-80GB");
    await built(page);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), scheme).toEqual([]);
  }
});

test("fallback GPUs are priced at each choice and written into the decorator", async ({ page }) => {
  await page.goto("calculator/?gpu=H100&fallbacks=A100-80GB%2CL40S&mode=always&hours=1&days=1");
  const rows = page.locator('[aria-label="Cost at each GPU choice"] tbody tr');
  await expect(rows).toHaveCount(3);
  // One hour: $0.001097 × 3,600 s = $3.95 of GPU, plus CPU $0.005895... and memory $0.003996.
  await expect(rows.nth(0)).toContainText("H100");
  await expect(rows.nth(0)).toContainText("$3.96");
  await expect(page.locator(".tool-output code").first()).toContainText('gpu=["H100", "A100-80GB", "L40S"]');
  await page.getByLabel("Fallback GPUs, in order (optional)").fill("A100-80GB, V100");
  await expect(page.locator("#calc-fallbacks-error")).toContainText("Fallback GPUs: unknown `V100`");
});

test("the comparison lists only GPU types that hold the model, with the count each needs", async ({ page }) => {
  // 70B in bf16 needs about 171 GB: one B200 (180 GB), two of the 96-141 GB types, three or more of the 80 GB ones.
  await page.goto("calculator/?params=70&layers=80");
  await built(page);
  const counts = Object.fromEntries(
    await page.locator(".compare tbody tr").evaluateAll((rows) => rows.map((row) => [row.querySelector("th").textContent, row.querySelector("td").textContent])),
  );
  expect(counts["B200"]).toBe("1");
  expect(counts["H200"]).toBe("2");
  expect(counts["H100"]).toBe("3");
  expect(counts["A10"]).toBeUndefined();
});

test("the GPU count is checked against the chosen type's maximum, on the field", async ({ page }) => {
  await page.goto("calculator/?gpu=A10&count=4");
  await expect(page.locator("#calc-count-error")).toBeEmpty();
  await page.locator("#calc-count").fill("5");
  await expect(page.locator("#calc-count-error")).toHaveText("GPU count: A10 allows at most 4 per container");
  await page.getByLabel("GPU", { exact: true }).selectOption("H100");
  await expect(page.locator("#calc-count-error")).toBeEmpty();
  await expect(page.locator("#calc-total")).toBeVisible();
});

/** Whether the element is in the viewport and nothing covers its middle. */
const uncovered = (locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    return y >= 0 && y <= innerHeight && element.contains(document.elementFromPoint(x, y));
  });

for (const [screen, viewport] of [
  ["a wide screen", { width: 1280, height: 800 }],
  ["a phone", { width: 412, height: 823 }],
]) {
  test(`on ${screen}, the total stays in view while the last inputs change`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto("calculator/?gpu=T4&mode=batch&items=1000&seconds=3600&parallel=10");
    await expect(page.locator("#calc-compute")).toHaveText("$600.29");
    // The workload's last field is below the first screen on both: editing it scrolls the page.
    const last = page.locator("#calc-parallel");
    await last.fill("20");
    await page.locator("#calc-seconds").fill("7200");
    // Twice the seconds per item: $1,200.58 compute, less the Starter plan's $30 credits.
    await expect(total(page)).toHaveText("$1,170.58");
    await expect(total(page)).toBeInViewport({ ratio: 1 });
    expect(await uncovered(page.locator("#calc-seconds")), "the field being edited is not under the total").toBe(true);
    const [field, sum] = [await page.locator("#calc-seconds").boundingBox(), await total(page).boundingBox()];
    if (viewport.width >= 1000) expect(sum.x, "beside the inputs").toBeGreaterThan(field.x + field.width);
    else expect(sum.y + sum.height, "at the bottom of the screen").toBeGreaterThan(viewport.height - 80);
  });
}

// The app replaces the page's placeholder with the calculator, step by step. Whether it starts
// before the first paint (its wasm preloaded with the page) or well after it (the wasm held until
// the page has painted), nothing the reader sees may move.
for (const [screen, viewport] of [
  ["a wide screen", { width: 1280, height: 800 }],
  ["a phone", { width: 412, height: 823 }],
]) {
  for (const start of ["early", "late"]) {
    test(`on ${screen}, started ${start}, the calculator shifts nothing on the page`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await watchShifts(page);
      let painted;
      const firstPaint = new Promise((resolve) => (painted = resolve));
      if (start === "late") {
        await page.route(/\/atlas-calculator-tool-[0-9a-f]+_bg\.wasm$/, async (route) => {
          await firstPaint;
          await route.continue();
        });
      }
      await page.goto("calculator/?gpu=H100&mode=always", { waitUntil: "commit" });
      if (start === "late") {
        await expect(page.locator(".tool-waiting")).toBeVisible();
        await page.evaluate(
          () => new Promise((resolve) => new PerformanceObserver(resolve).observe({ type: "paint", buffered: true })),
        );
        expect(await shiftSoFar(page)).toBe(0);
        await expect(page.locator(".calculator-tool")).toHaveCount(0);
        painted();
      }
      await built(page);
      await expect(total(page)).toBeVisible();
      expect(await shiftSoFar(page)).toBe(0);
    });
  }
}

// The race behind the shift seen now and then on a phone: the page's HTML holds the site list
// before the article, while a phone shows it after the article. When the browser paints before
// the article has arrived (a slow network, a busy CPU), the list is drawn where the article goes,
// then pushed out of view. A relay holds the page after its site list until that has painted.
test("on a phone, the page arriving in two parts shifts nothing when the article comes", async ({ page, baseURL }) => {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const relay = createServer(async (request, response) => {
    const upstream = await fetch(new URL(request.url, baseURL));
    const body = Buffer.from(await upstream.arrayBuffer());
    response.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream" });
    const list = body.indexOf('id="site-nav"');
    if (!request.url.endsWith("/calculator/") || list < 0) return response.end(body);
    const split = body.indexOf("</nav>", list) + "</nav>".length;
    response.write(body.subarray(0, split));
    await released;
    response.end(body.subarray(split));
  });
  await new Promise((resolve) => relay.listen(0, "127.0.0.1", resolve));
  try {
    await page.setViewportSize({ width: 412, height: 823 });
    await watchShifts(page);
    const origin = `http://127.0.0.1:${relay.address().port}`;
    await page.goto(new URL(new URL(baseURL).pathname + "calculator/", origin).href, { waitUntil: "commit" });
    await page.evaluate(() => new Promise((resolve) => new PerformanceObserver(resolve).observe({ type: "paint", buffered: true })));
    await expect(page.locator("main")).toHaveCount(0);
    release();
    await built(page);
    expect(await shiftSoFar(page)).toBe(0);
    // Once the page is whole, the list is there, after the article.
    await expect(page.locator("#site-nav")).toBeVisible();
  } finally {
    release();
    relay.close();
  }
});
