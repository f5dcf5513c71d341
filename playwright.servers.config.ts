import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The two-server check (e2e/servers/): two production servers (`npm run serve`) on one database and one file store,
// started by scripts/test.ts after the journeys. One worker: the checks count what both servers did.
export default defineConfig({
  ...base,
  testDir: "e2e/servers",
  // Not the journeys' projects (« parcours », « en-dernier »): they ignore e2e/servers/ by design.
  projects: [{ name: "deux-serveurs" }],
  testIgnore: [],
  workers: 1,
  fullyParallel: false,
  reporter: [["list"], ["json", { outputFile: ".test-reports/servers.json" }]],
  use: { ...base.use, baseURL: process.env.E2E_SERVER_A },
});
