/**
 * `tsx scripts/with-db.ts [--db NAME] -- command args…`
 * Starts the embedded PostgreSQL (unless DATABASE_URL is set), then runs the
 * command with DATABASE_URL pointing at it, and stops the server afterwards.
 */
import { spawn } from "node:child_process";
import { startDatabase } from "./lib/database";
import { prismaEnv } from "./lib/prisma-env";
import { reportFatal } from "./lib/lifecycle";

async function main() {
  const args = process.argv.slice(2);
  let name: string | null = null;
  if (args[0] === "--db") {
    name = args[1];
    args.splice(0, 2);
  }
  if (args[0] === "--") args.shift();
  if (args.length === 0) throw new Error("usage: with-db.ts [--db NAME] -- command…");
  const db = await startDatabase(name);
  const child = spawn(args[0], args.slice(1), {
    stdio: "inherit",
    env: { ...process.env, ...prismaEnv, DATABASE_URL: db.url },
  });
  const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  await db.stop();
  process.exit(code);
}

main().catch(reportFatal);
