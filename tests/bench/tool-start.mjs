// The longest main-thread task of each tool's start, as a first-time reader meets it (a fresh
// browser context, nothing cached, a phone-sized window), on this machine and with the CPU slowed
// 4x through the DevTools protocol (as Lighthouse's mobile profile assumes). From a Chromium
// trace, which sees every task however short: the longest task that ran the app's code (its
// steps), and the longest of the whole load from the page's first HTML on (the browser's too:
// laying out the page and what the app mounted); beside them, the longest task a PerformanceObserver for
// 'longtask' heard (it hears only tasks over 50 ms). A start runs from navigation until the tool
// has answered and the page has been quiet for a second. Prints the median of RUNS runs; asserts
// nothing (the figures move with the machine's load).
// Usage: node tests/bench/tool-start.mjs BASE_URL [RUNS] [ROUTE...]
import { chromium } from "playwright-core";

const site = process.argv[2] ?? "http://127.0.0.1:4300/";
const runs = Number(process.argv[3] ?? 3);
const chosen = process.argv.slice(4);
// Each route with what shows that its tool has answered (documentation pages: their article).
const answered = {
  "calculator/": ".calculator-tool[aria-busy=false]",
  "cron/": ".cron-runs",
  "playground/": ".diagnostic",
  "gpus/": "main h1",
  "api-image/": "main h1",
};
const routes = chosen.length ? chosen : Object.keys(answered);
// A main-thread task: Chromium names it ThreadControllerImpl::RunTask (RunTask before).
const TASK_EVENTS = new Set(["ThreadControllerImpl::RunTask", "RunTask"]);
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/** One cold start of `route` with the CPU slowed `slowdown` times: the longest task in the trace
 * that ran the app's code, the longest of the whole load, and the longest the 'longtask' observer
 * heard (0 when none passed 50 ms), in milliseconds. */
async function start(route, slowdown) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: "longtask" });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  await browser.startTracing(page, { categories: ["devtools.timeline", "toplevel"] });
  await page.goto(new URL(route, site).href);
  await page.locator(answered[route] ?? "main h1").first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("load");
  await page.waitForTimeout(1000);
  const observed = await page.evaluate(() => window.__longest);
  const trace = JSON.parse(await browser.stopTracing());
  await context.close();
  const events = trace.traceEvents;
  const mainThreads = new Set(
    events.filter((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain").map((event) => `${event.pid}:${event.tid}`),
  );
  const tasks = events.filter((event) => TASK_EVENTS.has(event.name) && event.dur && mainThreads.has(`${event.pid}:${event.tid}`));
  // The app's code runs in the tasks that call its JavaScript (`atlas-<tool>-tool-<hash>.js`,
  // which calls its wasm); a documentation page has none. The browser's own tasks (the
  // navigation, laying out the page and what the app mounted) count in the whole load.
  const appCalls = events.filter((event) => /\/atlas-[a-z]+-tool-[0-9a-f]+\.js/.test(event.args?.data?.url ?? ""));
  const runsApp = (task) =>
    appCalls.some((call) => call.pid === task.pid && call.tid === task.tid && call.ts >= task.ts && call.ts < task.ts + task.dur);
  const longest = (chosen) => chosen.reduce((longest, task) => Math.max(longest, task.dur / 1000), 0);
  const app = longest(tasks.filter(runsApp));
  // From the first parse of the page's HTML on: the navigation's tasks before it are the
  // browser's alone. (The observer misses the task that creates the page and parses its first
  // bytes, which the trace counts.)
  const parsed = Math.min(...events.filter((event) => event.name === "ParseHTML").map((event) => event.ts));
  const all = longest(tasks.filter((task) => task.ts + task.dur > parsed));
  return { app, all, observed, hasApp: appCalls.length > 0 };
}

console.log(`${"route".padEnd(14)} ${"CPU".padStart(4)} ${"app's code".padStart(11)} ${"whole load".padStart(11)} ${"longtask observer".padStart(18)}   (longest task, ms)`);
try {
  for (const route of routes) {
    for (const slowdown of [1, 4]) {
      const results = [];
      for (let run = 0; run < runs; run++) results.push(await start(route, slowdown));
      const [app, all, observed] = ["app", "all", "observed"].map((key) => median(results.map((result) => result[key])));
      console.log(
        `/${route}`.padEnd(14) + ` ${`${slowdown}x`.padStart(4)} ${(results[0].hasApp ? app.toFixed(0) : "no app").padStart(11)} ${all.toFixed(0).padStart(11)} ` +
          `${(observed ? observed.toFixed(0) : "none > 50").padStart(18)}`,
      );
    }
  }
} finally {
  await browser.close();
}
