// The cron tool at /cron/: typing, URLs, errors, time zones, Period, clock changes, and the
// rule that only this page downloads the schedule engine.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, appStarted } from "./site.js";

const description = (page) => page.locator(".cron-description");
const expr = (page) => page.getByLabel("Cron expression");

test("typing an expression updates the description, the runs and the URL", async ({ page }) => {
  await page.goto("cron/");
  await expect(description(page)).toHaveText("At 06:00 on Monday, UTC time");
  await expr(page).fill("*/15 9-17 * * 1-5");
  await expect(description(page)).toHaveText("Every 15 minutes, during every hour from 09:00 through 17:00 on Monday through Friday, UTC time");
  await expect(page.locator(".cron-runs tbody tr")).toHaveCount(10);
  await expect(page).toHaveURL(/[?&]expr=\*%2F15\+9-17\+\*\+\*\+1-5/);
});

test("a URL opens its schedule, with each run's full instant in <time datetime>", async ({ page }) => {
  await page.goto("cron/?expr=0+6+*+*+1&tz=America%2FNew_York&from=2026-03-01T00%3A00%3A00Z&count=3");
  await expect(description(page)).toHaveText("At 06:00 on Monday, America/New_York time");
  const times = page.locator(".cron-runs time");
  await expect(times).toHaveCount(3);
  await expect(times.nth(0)).toHaveAttribute("datetime", "2026-03-02T06:00:00-05:00");
  await expect(times.nth(1)).toHaveAttribute("datetime", "2026-03-09T06:00:00-04:00");
  await expect(page.locator(".cron-runs tbody tr").nth(0)).toContainText("Mon 2 Mar 2026 11:00 UTC");
  await expect(page.locator(".has-runs")).toHaveCount(3);
  await expect(page.locator(".tool-output code").last()).toHaveText(
    '@app.function(schedule=modal.Cron("0 6 * * 1", timezone="America/New_York"))\ndef scheduled_job():\n    ...',
  );
});

test("errors point at the field, and fixing them brings the runs back", async ({ page }) => {
  await page.goto("cron/");
  await expect(description(page)).toBeVisible();
  await expr(page).fill("61 * * * *");
  await expect(page.locator("#cron-expr-error")).toHaveText("minute: 61 is outside 0-59");
  await expect(expr(page)).toHaveAttribute("aria-invalid", "true");
  await expr(page).fill("0 0 6 * * 1");
  await expect(page.locator("#cron-expr-error")).toContainText("Not documented by Modal");
  await expect(page.locator("#cron-expr-error")).toContainText("expected 5 fields, found 6 (a seconds field is not documented by Modal)");
  await expr(page).fill("0 12 * * *");
  await expect(expr(page)).toHaveAttribute("aria-invalid", "false");
  await expect(description(page)).toHaveText("At 12:00 every day, UTC time");
});

test("schedules that never run, or rarely, are said plainly", async ({ page }) => {
  await page.goto("cron/?expr=0+0+31+2+*");
  await expect(page.locator(".tool-notes")).toContainText("This schedule never runs: February has no day 31.");
  await expect(page.locator(".cron-runs")).toHaveCount(0);
  await expr(page).fill("0 0 29 2 *");
  await expect(page.locator(".tool-notes")).toContainText("This schedule runs rarely");
});

test("hovering or focusing a field highlights its part of the expression", async ({ page }) => {
  await page.goto("cron/?expr=30+2+1+*+*");
  const hour = page.locator(".cron-fields li").nth(1);
  await hour.hover();
  await expect(page.locator(".cron-part.active")).toHaveText("2");
  await page.locator(".cron-fields li").nth(2).focus();
  await expect(page.locator(".cron-part.active")).toHaveText("1");
  await expect(page.locator(".cron-fields li").nth(2)).toContainText("on day 1 of the month");
});

test("the time-zone field is a keyboard-usable list of every zone, with a clear error for a wrong one", async ({ page }) => {
  await page.goto("cron/");
  await expect(description(page)).toBeVisible();
  await expect(page.locator("#cron-zones option").nth(400)).toBeAttached();
  // The "Runs after" field follows the zone and its button in tab order.
  await page.getByLabel("Runs after").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel("Time zone")).toBeFocused();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Asia/Tokyo");
  await page.keyboard.press("Tab");
  await expect(description(page)).toHaveText("At 06:00 on Monday, Asia/Tokyo time");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByLabel("Time zone").press("Tab");
  await expect(page.locator("#cron-tz-error")).toHaveText(
    "unknown time zone `Mars/Olympus`: expected an IANA name such as Europe/Paris or America/New_York",
  );
});

test.describe("for a reader in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });
  test("the page downloads the data of the zones it shows, one zone at a time", async ({ page }) => {
    const zones = [];
    page.on("request", (request) => {
      const zone = request.url().match(/\/tz\/\w+\/(.+)\.tzif$/);
      if (zone) zones.push(decodeURIComponent(zone[1]));
    });
    await page.goto("cron/?expr=0+6+*+*+1&tz=America%2FNew_York&from=2026-03-01T00%3A00%3A00Z&count=3");
    await expect(page.locator(".cron-runs tbody tr").nth(0)).toContainText("Mon 2 Mar 2026 20:00 JST");
    expect(zones.sort()).toEqual(["America/New_York", "Asia/Tokyo"]);
    await page.getByLabel("Time zone").fill("europe/london");
    await page.getByLabel("Time zone").press("Tab");
    await expect(page.locator(".cron-runs tbody tr").nth(0)).toContainText("Mon 2 Mar 2026 06:00 GMT");
    expect(zones.sort()).toEqual(["America/New_York", "Asia/Tokyo", "Europe/London"]);
    // Back to a zone already loaded: nothing more to download.
    await page.getByLabel("Time zone").fill("America/New_York");
    await page.getByLabel("Time zone").press("Tab");
    await expect(description(page)).toHaveText("At 06:00 on Monday, America/New_York time");
    expect(zones).toHaveLength(3);
  });
});

test("clock changes are listed with the rule the tool applies", async ({ page }) => {
  await page.goto("cron/?expr=30+2+*+*+*&tz=America%2FNew_York&from=2026-03-01T00%3A00%3A00Z");
  await expect(page.locator(".clock-changes li").first()).toHaveText("Sun 8 Mar 2026 02:30 is skipped by the clock: runs at Sun 8 Mar 2026 03:00 EDT");
  await expect(page.locator(".tool-output")).toContainText("Modal does not document what it does on these days.");
  await expect(page.locator('.cron-runs time[datetime="2026-03-08T03:00:00-04:00"]')).toHaveCount(1);
});

test("Period mode checks its values like the client and lists runs from a deploy", async ({ page }) => {
  await page.goto("cron/?mode=period&hours=5&from=2026-01-01T10%3A00%3A00Z&count=2");
  await expect(description(page)).toHaveText("Every 5 hours after each deploy");
  await expect(page.locator(".cron-runs time").first()).toHaveAttribute("datetime", "2026-01-01T15:00:00+00:00");
  await page.getByLabel("hours").fill("1.5");
  await expect(page.locator("#period-error")).toHaveText("hours: only seconds may be fractional (modal.Period(hours=1.5) raises a TypeError)");
  await page.getByLabel("hours").fill("99999999999999999999");
  await expect(page.locator("#period-error")).toHaveText("hours: `99999999999999999999` is too large");
  await page.getByLabel("hours").fill("");
  await page.getByLabel("seconds").fill("1.5");
  await expect(description(page)).toHaveText("Every 1.5 seconds after each deploy");
  await page.getByLabel("seconds").fill("0.0001");
  await expect(page.locator("#period-error")).toHaveText("seconds: expected at least 0.001 (a millisecond), found 0");
  await page.getByLabel("seconds").fill("90.25");
  await expect(description(page)).toHaveText("Every 90.25 seconds after each deploy");
  await page.getByLabel("modal.Cron").check();
  await expect(description(page)).toHaveText(/UTC time$/);
});

test("the cron page passes axe with its output shown", async ({ page }) => {
  await page.goto("cron/?expr=30+2+*+*+*&tz=America%2FNew_York&from=2026-03-01T00%3A00%3A00Z");
  await expect(page.locator(".clock-changes")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
});

test("documentation pages never download the schedule engine or the tools", async ({ page }) => {
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.goto("gpus/");
  await appStarted(page);
  await page.locator(".search-input").click();
  await page.locator(".search-input").pressSequentially("cron");
  await expect(page.locator("#search-listbox [role=option]").first()).toBeVisible();
  expect(fetched.filter((url) => /atlas-[a-z]+-(tool|worker)/.test(url))).toEqual([]);
});
