/**
 * `npm run test:stress`: the tests that race requests, while Debian's stress-ng
 * keeps every core busy (docs/decisions/017-database-limits-and-faults.md).
 * They must pass there as they are: the limits of lib/db.ts are meant for a
 * saturated machine, and nothing is retried. stress-ng is stopped at the end,
 * whatever happens (its own process group, killed on exit and on signals).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { ROOT } from "./lib/app-env";
import { mustRun, run, stopChildren } from "./lib/run";

/** Every test file that races requests against one limit, one lock or one counter. */
const RACING = [
  /races/,
  /^reservation-queue\.test\.ts$/,
  /^database-limits\.test\.ts$/,
  /^adversarial-(billing|documents|staff)\.test\.ts$/,
  /^(inscriptions|documents|messages|reminders|sessions-and-limits|accounts)\.test\.ts$/,
];

async function ensureStressNg(): Promise<void> {
  if (spawnSync("stress-ng", ["--version"], { stdio: "ignore" }).status === 0) return;
  if (process.getuid?.() !== 0) throw new Error("stress-ng est introuvable. Installez-le : sudo apt-get install -y stress-ng");
  console.log("[stress] Installation de stress-ng (Debian)…");
  await mustRun("apt-get", ["update", "-qq"]);
  await mustRun("apt-get", ["install", "-y", "-qq", "stress-ng"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function stopGroup(child: ChildProcess | null): void {
  if (!child?.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

async function main() {
  const workers = Number(process.env.STRESS_WORKERS ?? os.availableParallelism());
  if (workers > 0) await ensureStressNg();
  const files = fs.readdirSync(path.join(ROOT, "tests")).filter((name) => name.endsWith(".test.ts") && RACING.some((re) => re.test(name)));
  // Every core busy for the whole run (its own group, so that one kill stops all its workers).
  // STRESS_WORKERS=0: the same tests without load, for comparison.
  const stress =
    workers > 0
      ? spawn("stress-ng", ["--cpu", String(workers), "--cpu-method", "all", "--timeout", "3600s", "--quiet"], {
          detached: true,
          stdio: "ignore",
        })
      : null;
  const stop = () => stopGroup(stress);
  process.on("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      stop();
      // The test run too (and, through it, its database): nothing of this script outlives it.
      void stopChildren().finally(() => process.exit(130));
    });
  }
  console.log(
    `[stress] stress-ng --cpu ${workers} sur ${os.availableParallelism()} cœurs ; ${files.length} fichiers de tests :\n  ${files.join("\n  ")}`,
  );
  const started = Date.now();
  let code = 1;
  try {
    // The app's limits (lib/db.ts) stay as they are. Only Vitest's own budget per test grows: with every core taken,
    // a test's setup (dozens of families, sequential requests) runs 3 to 4 times slower than on an idle machine.
    const budget = ["--testTimeout=120000", "--hookTimeout=180000"];
    code = await run(process.execPath, ["--import", "tsx", "scripts/test.ts", "unit", ...budget, ...files.map((f) => `tests/${f}`)], {
      cwd: ROOT,
      env: process.env,
    });
  } finally {
    stop();
  }
  console.log(
    `[stress] ${code === 0 ? "réussi" : "en échec"} en ${Math.round((Date.now() - started) / 1000)} s ${workers > 0 ? `avec stress-ng --cpu ${workers}` : "sans charge ajoutée"}`,
  );
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
