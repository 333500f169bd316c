// Hostile and careless input, as a new user and an attacker bring it: nothing typed is lost,
// nothing hangs, every refused value is named briefly on its own field, and nothing escapes the
// security headers. Each case here once failed (issue 20).
import { deflateRawSync } from "node:zlib";
import { test, expect, appStarted } from "./site.js";

const editor = (page) => page.getByLabel("Python code");
const problems = (page) => page.locator(".diagnostic");
const summary = (page) => page.locator("#playground-summary");
const workspaceNote = (page) => page.locator(".playground-example-note");
const putBack = (page) => page.getByRole("button", { name: "Put my code back" });

/** A playground link to `code`, as the site writes them: raw DEFLATE in base64url. */
const linkTo = (code) => `playground/#code=${deflateRawSync(Buffer.from(code)).toString("base64url")}`;

const MINE = "import modal\n\napp = modal.App('mine')\n\n@app.function()\ndef mine():\n    return 'my draft'\n";
const LINKED = "import modal\n\napp = modal.App('linked')\n\n@app.function(keep_warm=1)\ndef shared():\n    return 1\n";

test.describe("playground: no draft is replaced without a word", () => {
  test("a link opened in another tab keeps the draft, and offers it back", async ({ page, context }) => {
    await page.goto("playground/");
    await editor(page).fill(MINE);
    const other = await context.newPage();
    await other.goto(linkTo(LINKED));
    await expect(other.getByLabel("Python code")).toHaveValue(LINKED);
    await expect(other.locator(".playground-example-note")).toContainText("Opened the code from this link.");
    await expect(other.getByRole("button", { name: "Put my code back" })).toBeVisible();
    // The link's code is edited there, which makes it that tab's draft.
    await other.getByLabel("Python code").press("Control+End");
    await other.getByLabel("Python code").pressSequentially("# edited\n");
    await other.close();
    await page.goto("playground/");
    await expect(editor(page)).toHaveValue(`${LINKED}# edited\n`);
    await putBack(page).click();
    await expect(editor(page)).toHaveValue(MINE);
  });

  test("edits to a link's code survive a reload", async ({ page }) => {
    await page.goto(linkTo(LINKED));
    await expect(editor(page)).toHaveValue(LINKED);
    const opened = page.url();
    await editor(page).press("Control+End");
    await editor(page).pressSequentially("# mine now\n");
    await expect.poll(() => page.url()).not.toBe(opened);
    await page.reload();
    await expect(editor(page)).toHaveValue(`${LINKED}# mine now\n`);
  });

  test("going to a new #code= on the same page opens it, and sets the code it replaces aside", async ({ page }) => {
    await page.goto(linkTo(MINE));
    await expect(editor(page)).toHaveValue(MINE);
    await page.evaluate((hash) => (location.hash = hash), linkTo(LINKED).replace("playground/", ""));
    await expect(editor(page)).toHaveValue(LINKED);
    await expect(workspaceNote(page)).toContainText("Opened the code from the link.");
    await expect(problems(page).first()).toContainText("`keep_warm` was renamed");
    await page.evaluate(() => (location.hash = "#code=%%%"));
    await expect(workspaceNote(page)).toContainText("This link's code could not be opened");
    await expect(editor(page)).toHaveValue(LINKED);
    await putBack(page).click();
    await expect(editor(page)).toHaveValue(MINE);
  });

  test("a link to more lines than the playground takes is not opened, and the draft stays", async ({ page }) => {
    const tooLong = linkTo("x = 1\n".repeat(30_000));
    const refusal = "This link's code could not be opened: the code has 30001 lines; the checker reads at most 20000 here";
    await page.goto("playground/");
    await editor(page).fill(MINE);
    // Followed from the page itself (only the fragment changes), then opened afresh.
    await page.goto(tooLong);
    await expect(workspaceNote(page)).toContainText(refusal);
    await page.reload();
    await expect(page.locator(".playground .tool-failure")).toContainText(refusal);
    await expect(editor(page)).toHaveValue(MINE);
  });
});

test.describe("playground: a worker that stops answering is noticed and replaced", () => {
  const BROKEN = "import modal\n\napp = modal.App()\n\n@app.function(keep_warm=2)\ndef warm():\n    return 1\n";
  // A worker that says it is ready, then never answers: it closes itself, or it hangs.
  for (const [what, onMessage] of [
    ["closes itself", "close()"],
    ["hangs", "for (;;) {}"],
  ]) {
    test(`one that ${what}`, async ({ page }) => {
      let loads = 0;
      await page.route("**/atlas-playground-worker_loader.js", (route) => {
        loads += 1;
        if (loads > 1) return route.continue();
        return route.fulfill({ contentType: "text/javascript", body: `postMessage("Ready"); onmessage = () => { ${onMessage} };` });
      });
      await page.clock.install();
      await page.goto("playground/");
      await editor(page).fill(BROKEN);
      // The answer never comes: ten seconds after the worker said it was ready (which a busy
      // machine may take a moment to hear), the page says so and starts a new worker.
      const notice = page.locator(".playground .tool-failure, .playground .tool-note");
      await expect(async () => {
        await page.clock.fastForward(11_000);
        await expect(notice).toContainText("(it did not answer within 10 seconds)", { timeout: 1000 });
      }).toPass();
      await expect(page.locator(".playground .tool-note")).toContainText(
        "The checker stopped (it did not answer within 10 seconds) and was started again; your code was kept.",
      );
      await expect(problems(page)).toHaveCount(1);
      await expect(problems(page).first()).toContainText("`keep_warm` was renamed");
      expect(loads).toBe(2);
    });
  }

  test("problems of an earlier version say so while no checker runs", async ({ page }) => {
    let failing = true;
    await page.route("**/atlas-playground-worker_loader.js", (route) =>
      failing ? route.fulfill({ contentType: "text/javascript", body: 'throw new Error("simulated");' }) : route.continue(),
    );
    await page.goto("playground/");
    await expect(problems(page)).toHaveCount(1);
    await editor(page).press("Control+End");
    await editor(page).pressSequentially("\n# more\n");
    await expect(page.locator(".playground .tool-failure")).toContainText("could not be started again");
    await expect(summary(page)).toContainText("(in an earlier version of the code: the checker is not running)");
    failing = false;
    await editor(page).pressSequentially("# and more\n");
    await expect(summary(page)).toHaveText("1 error, 0 warnings");
  });
});

test("playground: a paste past the limits is refused whole; one at the limit keeps typing quick", async ({ page, context }, info) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("playground/");
  await editor(page).fill(MINE);
  const paste = async (text) => {
    await page.evaluate((text) => navigator.clipboard.writeText(text), text);
    await editor(page).press("Control+A");
    await editor(page).press("Control+V");
  };
  // 50,000 short lines, 200 KB: under the size limit, over the lines one.
  await paste(Array(50_000).fill("x=1").join("\n"));
  await expect(page.locator(".playground .tool-failure")).toContainText(
    "Not pasted: the code has 50000 lines; the checker reads at most 20000 here",
  );
  await expect(editor(page)).toHaveValue(MINE);

  const lines = Array(20_000).fill("x=1");
  await paste(lines.join("\n"));
  await expect(editor(page)).toHaveValue(lines.join("\n"));
  await expect(summary(page)).not.toContainText("error");
  // Typing at the end: each key lands, and the layer under the text shows the lines on screen.
  await page.evaluate(() => {
    window.keyLatencies = [];
    document.querySelector("#playground-code").addEventListener(
      "keydown",
      () => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.keyLatencies.push(performance.now() - start)));
      },
      true,
    );
  });
  await editor(page).press("Control+End");
  for (const key of "y=2") await editor(page).press(key);
  await expect(editor(page)).toHaveValue(`${lines.join("\n")}y=2`);
  await expect(page.locator(".editor-layer code > div").last()).toHaveText("x=1y=2");
  await expect(page.locator(".editor-line-numbers")).toContainText("20000");
  const latencies = await page.evaluate(() => window.keyLatencies);
  info.annotations.push({ type: "keystroke after a 20,000-line paste (ms)", description: latencies.map(Math.round).join(", ") });
});

test.describe("tool pages: every URL state can be seen and repaired", () => {
  test("cron: input too long for an address stays in the tab, out of the address, and says so", async ({ page }) => {
    await page.goto("cron/");
    await appStarted(page);
    const long = `${"7".repeat(9000)} 6 * * 1`;
    await page.getByLabel("Cron expression").fill(long);
    await expect(page.locator(".cron-tool .tool-note")).toContainText("Too long for a link: the cron expression stays in this tab");
    expect(page.url().length).toBeLessThan(2100);
    expect(page.url()).not.toContain("7777");
    const message = page.locator("#cron-expr-error");
    await expect(message).toHaveText("expected a cron expression of at most 256 characters, found 9008");
    await page.reload();
    await expect(page.getByLabel("Cron expression")).toHaveValue(long);
    // Back to a short schedule, the address carries it again.
    await page.getByLabel("Cron expression").fill("0 7 * * *");
    await expect(page).toHaveURL(/expr=0\+7\+\*\+\*\+\*/);
    await expect(page.locator(".cron-tool .tool-note")).toHaveCount(0);
  });

  test("cron: an unknown kind of schedule is marked and a long value quoted briefly", async ({ page }) => {
    await page.goto(`cron/?mode=weekly&tz=${"Q".repeat(5000)}`);
    await expect(page.locator("#cron-mode-error")).toContainText("the link's schedule kind `weekly` is not one this tool has");
    const tz = page.locator("#cron-tz-error");
    await expect(tz).toContainText("(5000 characters)");
    expect((await tz.textContent()).length).toBeLessThan(300);
    await page.getByLabel("modal.Period").check();
    await expect(page.locator("#cron-mode-error")).toHaveCount(0);
  });

  test("calculator: each unknown choice is marked with what is allowed, and the rest works", async ({ page }) => {
    await page.goto("calculator/?mode=sometimes&region=moon&precision=fp4&gpu=B300&plan=free&count=2");
    for (const [field, text] of [
      ["GPU", "The link's GPU `B300` is not one this calculator offers"],
      ["Region", "The link's region `moon` is not one this calculator offers (expected nothing, `broad`, `narrow`)"],
      ["Plan", "The link's plan `free` is not one this calculator offers"],
      ["Precision", "The link's precision `fp4` is not one this calculator offers (expected `fp32`, `bf16`, `fp8`, `int4`); showing bf16."],
    ]) {
      const select = page.getByLabel(field, { exact: true });
      await expect(select).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator(`#${await select.getAttribute("id")}-error`)).toContainText(text);
    }
    await expect(page.locator("#calc-mode-error")).toContainText("The link's kind of workload `sometimes`");
    await expect(page.locator("#calc-total")).toHaveText(/^\$[\d,]+\.\d\d$/);
    await page.getByLabel("Plan", { exact: true }).selectOption("team");
    await expect(page).toHaveURL(/plan=team/);
    await expect(page.getByLabel("Plan", { exact: true })).toHaveAttribute("aria-invalid", "false");
    await page.getByRole("radio", { name: "Batch" }).check();
    await expect(page.locator("#calc-mode-error")).toHaveCount(0);
    await expect(page).toHaveURL(/mode=batch/);
  });
});

test.describe("headers and embeds", () => {
  test("a full page is never framable, whatever path reaches it", async ({ request }) => {
    for (const path of ["cron//", "gpus//", "playground/index.html/", "embed/page/..%2F..%2Fcron/", "cron/index.html"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      if (response.status() === 301) continue;
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }
    const embed = await request.get("embed/cron/");
    expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  });

  test("the widget takes only a page's name, not a path", async ({ page, baseURL }) => {
    await page.goto(baseURL);
    await page.setContent(
      `<script src="${baseURL}widget.js"></script><modal-atlas-widget tool="page" page="../../cron"></modal-atlas-widget>`,
    );
    await expect(page.locator("modal-atlas-widget")).toHaveText(
      "Modal Atlas widget: the page attribute must be a page's name, such as gpus (lower-case letters, digits, - and _).",
    );
    await expect(page.locator("modal-atlas-widget iframe")).toHaveCount(0);
  });
});
