// The playground at /playground/: checks as you type, fixes, share links that carry the code,
// drafts that survive a reload, and links from the other tools.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, appStarted } from "./site.js";

const editor = (page) => page.getByLabel("Python code");
const problems = (page) => page.locator(".diagnostic");

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

test("clicking a problem selects its code in the editor", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
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

test("the playground passes axe with problems listed", async ({ page }) => {
  await page.goto("playground/");
  await editor(page).fill(BROKEN);
  await expect(problems(page)).toHaveCount(1);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
});

test("documentation pages never download the Python parser or the tools' styles", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.goto("pricing/");
  await appStarted(page);
  expect(fetched.filter((url) => /atlas-(playground|tools|cron)|\/tools-[0-9a-f]+\.css/.test(url))).toEqual([]);
});

test("a documentation example opens in the playground with its code", async ({ page }) => {
  await page.goto("concurrency/");
  const block = page.locator(".code[data-lang=python]").first();
  const code = await block.locator("code").textContent();
  await block.getByRole("link", { name: "Open in the playground" }).click();
  await expect(editor(page)).toHaveValue(code);
  await expect(page.locator(".playground-summary")).toHaveText("No problems found by the rules checked so far.");
});
