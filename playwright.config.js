// Browser tests run against the built site (`.ci/test` builds it first), served like a static
// host, once at / and once under /atlas/, in Debian's Chromium.
import { defineConfig } from "@playwright/test";

const chromium = {
  browserName: "chromium",
  // Each test gets a fresh browser context, so a service worker would download the whole site
  // for every test; the offline tests allow it where they need it.
  serviceWorkers: "block",
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    // Without these Chromium keeps reaching for Google's hosts, which this network refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

// ATLAS_PORT_OFFSET shifts every port the tests use, so two checkouts can run them at once.
const offset = Number(process.env.ATLAS_PORT_OFFSET ?? 0);
const sites = [
  { name: "root", port: 4173 + offset, base: "/", dist: "dist" },
  { name: "subpath", port: 4174 + offset, base: "/atlas/", dist: "target/dist-atlas" },
];

export default defineConfig({
  testDir: "tests/browser",
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? "line" : "list",
  projects: sites.map((site) => ({
    name: site.name,
    use: { ...chromium, baseURL: `http://127.0.0.1:${site.port}${site.base}` },
  })),
  webServer: sites.map((site) => ({
    command: `node tests/server.mjs --dir ${site.dist} --base ${site.base} --port ${site.port}`,
    url: `http://127.0.0.1:${site.port}${site.base}`,
    reuseExistingServer: !process.env.CI,
  })),
});
