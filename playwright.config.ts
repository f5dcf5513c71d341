import { defineConfig } from "@playwright/test";

// The app is started by scripts/test.ts (production build, its own database);
// Chromium is Debian's, never a downloaded one (docs/decisions/005-tests.md).
export default defineConfig({
  testDir: "e2e",
  projects: [
    // e2e/servers/ runs on its own, against two production servers (playwright.servers.config.ts).
    // What changes every page at once (the product's name in the header and titles): after all the journeys, so
    // that none of them sees it renamed halfway (ADR 035). A teardown rather than a dependency: it runs after the
    // journeys even when one of them failed (a dependency skipped it then, and its own result was lost).
    { name: "parcours", testIgnore: ["servers/**", "**/*.last.spec.ts"], teardown: "en-dernier" },
    { name: "en-dernier", testMatch: "**/*.last.spec.ts" },
  ],
  // A journey is up to a dozen pages, each checked by axe, with two browsers: measured at 65 s alone on a
  // loaded 2-core machine (docs/decisions/021). A bound, never a retry (retries: 0).
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  // Playwright empties test-results/ when it starts: its report goes beside it.
  reporter: [["list"], ["json", { outputFile: ".test-reports/e2e.json" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100",
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: 390, height: 844 },
    // No trace by default: recording one per test took about a fifth of the run's CPU on a 2-core machine, and CI
    // keeps only the log (a failure still leaves its screenshot and error-context.md). E2E_TRACE=1 records them.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
  },
});
