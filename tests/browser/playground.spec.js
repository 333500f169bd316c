// The playground at /playground/: checks as you type, code coloured and problems underlined in
// place, fixes, share links that carry the code, drafts that survive a reload, the gallery, a
// worker that fails and is replaced, and links from the other tools.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, appStarted } from "./site.js";

const editor = (page) => page.getByLabel("Python code");
const problems = (page) => page.locator(".diagnostic");
const layer = (page) => page.locator(".editor-layer");
const underlines = (page) => layer(page).locator(".problem-error");
const gutterMarks = (page) => page.locator(".gutter-mark");
/** The layer's lines, to compare with the textarea's text split at line breaks. */
const layerLines = (page) => layer(page).locator("code > div").allTextContents();
const workerNotice = (page) => page.locator(".playground .tool-failure, .playground .tool-note");

const BROKEN = `import modal as m

app = m.App("demo")


@app.function(keep_warm=2)
def warm():
    return 1
`;

test("typing shows what the client would reject, and a fix applies", async ({ page }) => {
  await page.goto("playground/");
  await expect(problems(page).first()).toBeVisible();
  await editor(page).fill(BROKEN);
  await expect(problems(page)).toHaveCount(1);
  await expect(problems(page).first()).toContainText("6:15 MDL001 error `keep_warm` was renamed to `min_containers`");
  await problems(page).first().getByRole("button", { name: /^Fix:/ }).click();
  await expect(editor(page)).toHaveValue(/@app\.function\(min_containers=2\)/);
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
});

const UNSAFE = `import modal

cache = modal.Dict.from_name("cache")
cache.put("key", 1, ttl=60)
`;

test("an unsafe fix says what else it changes, and applies only when confirmed by keyboard", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(UNSAFE);
  await expect(problems(page)).toHaveCount(1);
  const fix = problems(page).first().getByRole("button", { name: /^Fix: .* \(unsafe\)/ });
  await expect(fix).toHaveAttribute("aria-expanded", "false");
  await fix.focus();
  await page.keyboard.press("Enter");
  await expect(fix).toHaveAttribute("aria-expanded", "true");
  const apply = problems(page).first().getByRole("button", { name: "Apply the fix" });
  // The reason describes the focused button, so a screen reader says it with the button's name.
  await expect(apply).toBeFocused();
  await expect(apply).toHaveAccessibleDescription(/^This fix also changes what the code does: it drops the entry's time to live/);
  await expect(editor(page)).toHaveValue(UNSAFE);
  await page.keyboard.press("Escape");
  await expect(fix).toBeFocused();
  await expect(apply).toHaveCount(0);
  await expect(editor(page)).toHaveValue(UNSAFE);
  await page.keyboard.press("Enter");
  await expect(apply).toBeFocused();
  const results = await new AxeBuilder({ page }).include(".diagnostics").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  await page.keyboard.press("Enter");
  await expect(editor(page)).toHaveValue(UNSAFE.replace(", ttl=60", ""));
});

test("each problem links to its rule's documentation", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await problems(page).first().getByRole("link", { name: "About MDL001" }).click();
  await expect(page).toHaveURL(/\/rules\/#mdl001$/);
  await expect(page.locator("#mdl001")).toContainText("MDL001 renamed-parameter");
  await expect(page.locator("#mdl001")).toBeInViewport();
});

test("clicking a problem selects its code in the editor", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  // What a reader waits for: the problem of the code just typed (the starting code's is listed
  // until the checker answers).
  await expect(problems(page).first()).toContainText("`keep_warm` was renamed");
  await problems(page).first().locator(".diagnostic-jump").click();
  await expect(editor(page)).toBeFocused();
  const selected = await editor(page).evaluate((area) => area.value.slice(area.selectionStart, area.selectionEnd));
  expect(selected).toBe("keep_warm");
});

test("a share link carries the code, and a reload keeps the draft", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await page.getByRole("button", { name: "Copy share link" }).click();
  await expect(page).toHaveURL(/#code=[A-Za-z0-9_-]+$/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel("Python code")).toHaveValue(BROKEN);
  await other.close();
  await editor(page).fill("import modal\nprint('draft')\n");
  await page.goto("playground/");
  await expect(editor(page)).toHaveValue("import modal\nprint('draft')\n");
});

test("a damaged link says so and keeps the page working", async ({ page }) => {
  await page.goto("playground/#code=%%%not-base64");
  await expect(page.locator(".tool-failure")).toContainText("This link's code could not be opened");
  await editor(page).fill(BROKEN);
  await expect(problems(page)).toHaveCount(1);
  await expect(problems(page).first()).toContainText("`keep_warm` was renamed");
});

test("the cron tool and the calculator open their decorators in the playground", async ({ page }) => {
  await page.goto("cron/?expr=0+6+*+*+1&tz=America%2FNew_York");
  await page.getByRole("link", { name: "Open in the playground" }).click();
  await expect(editor(page)).toHaveValue(/schedule=modal\.Cron\("0 6 \* \* 1", timezone="America\/New_York"\)/);
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
  await page.goto("calculator/?gpu=H100&count=2");
  await page.getByRole("link", { name: "Open in the playground" }).click();
  await expect(editor(page)).toHaveValue(/@app\.function\(gpu="H100:2"/);
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
});

test("hostile input gives messages, not a broken page", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill("(".repeat(5000));
  await expect(problems(page).first()).toContainText("brackets nest more than 100 deep");
  await editor(page).fill("def f(:\n  @@@\n" + "x = ".repeat(200));
  await expect(problems(page).first()).toContainText("MDL000");
  await editor(page).fill(BROKEN);
  await expect(problems(page)).toHaveCount(1);
});

for (const colorScheme of ["light", "dark"]) {
  test(`the playground passes axe with problems listed and code coloured (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("playground/");
    await editor(page).fill(BROKEN);
    await expect(problems(page).first()).toContainText("`keep_warm` was renamed");
    await expect(gutterMarks(page)).toHaveCount(1);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  });
}

test("code is coloured from the parser's tokens, under the text as typed", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await expect(layer(page).locator(".hl-keyword", { hasText: "import" })).toBeVisible();
  await expect(layer(page).locator(".hl-string", { hasText: '"demo"' })).toBeVisible();
  await expect(layer(page).locator(".hl-entity.hl-name.hl-function", { hasText: "warm" })).toBeVisible();
  await expect(layer(page).locator(".hl-variable.hl-annotation.hl-function", { hasText: "function" })).toBeVisible();
  // The layer always shows exactly the textarea's text, a block a line (and the empty line after a
  // final line break, as the textarea does).
  expect(await layerLines(page)).toEqual(BROKEN.split("\n"));
  // The same classes colour the docs' Python, so both look alike.
  const colour = (locator) => locator.first().evaluate((element) => getComputedStyle(element).color);
  const inPlayground = await colour(layer(page).locator(".hl-keyword"));
  await page.goto("concurrency/");
  expect(await colour(page.locator(".code .hl-keyword"))).toBe(inPlayground);
});

test("a problem is underlined in place with a gutter mark, and both go with the fix", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await expect(underlines(page)).toHaveText(["keep_warm"]);
  const mark = gutterMarks(page);
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveAttribute("aria-label", /^Line 6: error MDL001: `keep_warm` was renamed to `min_containers`/);
  await expect(mark).toHaveAttribute("title", /^Line 6: error MDL001/);
  // The mark sits on line 6 of the gutter, beside the underlined code.
  const [markBox, underlineBox] = [await mark.boundingBox(), await underlines(page).first().boundingBox()];
  expect(Math.abs(markBox.y + markBox.height / 2 - (underlineBox.y + underlineBox.height / 2))).toBeLessThan(4);
  await problems(page).first().getByRole("button", { name: /^Fix:/ }).click();
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
  await expect(underlines(page)).toHaveCount(0);
  await expect(gutterMarks(page)).toHaveCount(0);
  await expect(layer(page).locator(".hl-variable.hl-parameter", { hasText: "min_containers" })).toBeVisible();
});

test("typing is never held back or lost while the checker works", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill("");
  await editor(page).pressSequentially(BROKEN, { delay: 0 });
  await expect(editor(page)).toHaveValue(BROKEN);
  await expect(underlines(page)).toHaveText(["keep_warm"]);
  expect(await layerLines(page)).toEqual(BROKEN.split("\n"));
  // Native undo still works: the textarea's value is never rewritten under the reader.
  await page.keyboard.press("Control+z");
  await expect(editor(page)).not.toHaveValue(BROKEN);
});

test("a fix and Tab are each one step of the browser's undo", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await problems(page).first().getByRole("button", { name: /^Fix:/ }).click();
  await expect(editor(page)).toHaveValue(/min_containers=2/);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("Control+z");
  await expect(editor(page)).toHaveValue(BROKEN);
  await expect(problems(page)).toHaveCount(1);

  await editor(page).press("Control+End");
  await editor(page).press("Tab");
  await expect(editor(page)).toHaveValue(`${BROKEN}    `);
  await page.keyboard.press("Control+z");
  await expect(editor(page)).toHaveValue(BROKEN);
});

test("the gallery loads each pattern broken or fixed, and keeps the reader's code", async ({ page }) => {
  await page.goto("playground/");
  const mine = "import modal\nprint('my own work')\n";
  await editor(page).fill(mine);
  const picker = page.getByLabel("Load an example");
  await picker.selectOption({ label: "Warm containers (broken: early 2025)" });
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await expect(editor(page)).toHaveValue(/keep_warm=1, container_idle_timeout=300/);
  await expect(page.locator(".playground-example-note")).toContainText("Warm containers (broken: early 2025): `keep_warm` is now");
  await expect(problems(page)).toHaveCount(2);
  await picker.selectOption({ label: "Warm containers (fixed: current client)" });
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await expect(editor(page)).toHaveValue(/min_containers=1, scaledown_window=300/);
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
  // Every example, in both versions, is in the list.
  expect(await picker.locator("option").count()).toBeGreaterThanOrEqual(16);
  // The reader's own code was set aside, not lost, and survives a reload.
  await page.reload();
  await page.getByRole("button", { name: "Put my code back" }).click();
  await expect(editor(page)).toHaveValue(mine);
  await expect(page.getByRole("button", { name: "Put my code back" })).toHaveCount(0);
});

test("a worker that fails to start is replaced at once with the code as it is", async ({ page }) => {
  let loads = 0;
  await page.route("**/atlas-playground-worker_loader.js", (route) => {
    loads += 1;
    if (loads > 1) return route.continue();
    return route.fulfill({ contentType: "text/javascript", body: 'throw new Error("simulated start failure");' });
  });
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await expect(workerNotice(page)).toContainText("The checker stopped");
  // Without more typing, the replacement checks the code as it is.
  await expect(workerNotice(page)).toContainText("was started again; your code was kept");
  await expect(problems(page)).toHaveCount(1);
  await expect(problems(page).first()).toContainText("MDL001");
  expect(loads).toBe(2);
});

test("a first visit shows the starting code's problems at once; the parser loads with the first edit", async ({ page }) => {
  const parser = [];
  page.on("request", (request) => request.url().includes("atlas-playground-worker") && parser.push(request.url()));
  await page.goto("playground/");
  await appStarted(page);
  await expect(problems(page)).toHaveCount(1);
  await expect(problems(page).first()).toContainText("6:25 MDL001 error `container_idle_timeout` was renamed to `scaledown_window`");
  await expect(underlines(page)).toHaveText(["container_idle_timeout"]);
  await expect(layer(page).locator(".hl-keyword").first()).toHaveText("import");
  expect(parser).toEqual([]);
  await editor(page).press("Control+End");
  await editor(page).pressSequentially("\n\n@app.function(keep_warm=1)\ndef more():\n    return 2\n");
  await expect(problems(page)).toHaveCount(2);
  await expect(underlines(page)).toHaveText(["container_idle_timeout", "keep_warm"]);
  expect(parser.some((url) => url.endsWith("_bg.wasm"))).toBe(true);
});

test("a worker that crashes mid-session is replaced, and what was typed meanwhile is checked", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await expect(problems(page).first()).toContainText("`keep_warm` was renamed");
  const worker = page.workers().find((candidate) => candidate.url().includes("atlas-playground-worker"));
  await worker.evaluate(() => setTimeout(() => { throw new Error("simulated crash"); }));
  await editor(page).press("Control+End");
  await editor(page).pressSequentially("\n@app.function(concurrency_limit=3)\ndef more():\n    return 2\n");
  await expect(workerNotice(page)).toContainText("The checker stopped");
  await expect(editor(page)).toHaveValue(BROKEN + "\n@app.function(concurrency_limit=3)\ndef more():\n    return 2\n");
  await expect(problems(page)).toHaveCount(2);
  await expect(underlines(page)).toHaveText(["keep_warm", "concurrency_limit"]);
});

test("documentation pages never download the Python parser or the tools' styles", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.goto("pricing/");
  await appStarted(page);
  expect(fetched.filter((url) => /atlas-[a-z]+-(tool|worker)|\/tools-[0-9a-f]+\.css/.test(url))).toEqual([]);
});

test("a documentation example opens in the playground with its code", async ({ page }) => {
  await page.goto("concurrency/");
  const block = page.locator(".code[data-lang=python]").first();
  const code = await block.locator("code").textContent();
  await block.getByRole("link", { name: "Open in the playground" }).click();
  await expect(editor(page)).toHaveValue(code);
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
});

const NEWER_API = `import modal

image = modal.Image.debian_slim().uv_pip_install("torch")
`;

test("a client version from the URL or the picker flags what that release lacks", async ({ page }) => {
  await page.goto("playground/?target=1.0");
  await editor(page).fill(NEWER_API);
  await expect(problems(page)).toHaveCount(1);
  await expect(problems(page).first()).toContainText("MDL039 error `Image.uv_pip_install` arrived in modal 1.1.0");
  const picker = page.getByLabel("Runs on modal");
  await expect(picker).toHaveValue("1.0");
  await picker.selectOption("");
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
  await expect(page).not.toHaveURL(/target=/);
  await picker.selectOption("1.1");
  await expect(page).toHaveURL(/\?target=1\.1/);
  await expect(problems(page)).toHaveCount(0);
  // A link that names a release the checker does not know says so and checks against the newest.
  await page.goto("playground/?target=0.9");
  await expect(page.locator(".playground .tool-failure")).toContainText("client version `0.9` is not one the checker knows");
  await expect(picker).toHaveValue("");
});

test.describe("at 1280 px wide", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test("the editor shows an 88-column line whole", async ({ page }) => {
    await page.goto("playground/");
    await expect(problems(page).first()).toBeVisible();
    // Black's and Ruff's default line length, and a comment that fills it.
    const line = `# ${"x".repeat(86)}`;
    await editor(page).fill(`import modal\n${line}\n`);
    await expect(layer(page)).toContainText(line);
    const overflow = await editor(page).evaluate((textarea) => textarea.scrollWidth - textarea.clientWidth);
    expect(overflow, "the textarea scrolls sideways").toBeLessThanOrEqual(0);
  });
});
