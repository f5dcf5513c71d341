/**
 * `npm run serve`: the portal in production, on a build made by `npm run build`. Never loads demo data.
 *  1. takes the port at once (answers « démarre », 503, until ready: a load balancer keeps it out meanwhile);
 *  2. refuses to start without DATABASE_URL, APP_URL, NEXTAUTH_SECRET, or with a stand-in on a public address
 *     unless opted in (scripts/lib/production-checks.ts);
 *  3. applies the migrations under an advisory lock (several servers may start together);
 *  4. refuses a database where an account still opens with the demo password;
 *  5. serves, logging one JSON line per event (scripts/lib/log.ts).
 * The workers (EMAIL_WORKER, REMINDER_WORKER, RETENTION_WORKER, BILLING_WORKER = off) can be switched off per server.
 */
import fs from "node:fs";
import path from "node:path";
import { createHmac } from "node:crypto";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ROOT, BIN } from "./lib/app-env";
import { prismaEnv } from "./lib/prisma-env";
import { guarded, stopChildren } from "./lib/run";
import { listen, serveNext, stopWebProcesses, trustedProxies } from "./lib/serve";
import { installShutdownHandlers, onShutdown, reportFatal, StartError } from "./lib/lifecycle";
import { switchToJsonLogs } from "./lib/log";
import {
  accountsWithDemoPassword,
  checkEmailProvider,
  checkPaymentProvider,
  checkPayfipProvider,
  payfipLieux,
  demoPasswordRefusal,
  requireProductionEnv,
  withMigrationLock,
} from "./lib/production-checks";

/**
 * A secret every server of the installation derives alike from NEXTAUTH_SECRET (the stand-ins' keys, when they are
 * allowed): a key generated on one machine would not be known to the others.
 */
function derived(name: string): string {
  return createHmac("sha256", process.env.NEXTAUTH_SECRET!).update(`portail-famille:${name}`).digest("base64url");
}

/**
 * `prisma migrate deploy`, its output turned into log lines (JSON in production), its failure a French message.
 * Prisma's CLI lingers about ten seconds after it has said it is done (a timer of its own): once it has said so, it
 * is stopped, and the start goes on.
 */
async function migrate(): Promise<void> {
  const child = spawn(BIN("prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: guarded({ ...process.env, ...prismaEnv }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  let done = false;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      if (!line.trim()) return;
      output.push(line);
      console.log(`[migrations] ${line}`);
      if (/All migrations have been successfully applied|No pending migrations to apply/.test(line)) {
        done = true;
        child.kill("SIGTERM");
      }
    });
  }
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exit) => resolve(exit ?? 1));
  });
  if (!done && code !== 0) {
    throw new StartError(`Les migrations ont échoué (prisma migrate deploy, code ${code}) : ${output.slice(-5).join(" / ")}`);
  }
}

async function main() {
  if (process.env.LOG_FORMAT !== "text") switchToJsonLogs();
  installShutdownHandlers();
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`PORT invalide : ${process.env.PORT}.`);
  trustedProxies();
  requireProductionEnv(process.env);
  const distDir = path.resolve(ROOT, process.env.NEXT_DIST_DIR ?? ".next");
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new StartError(`Aucune construction de l'application dans ${distDir} : lancez d'abord npm run build.`);
  }
  const portal = await listen(port);
  onShutdown(() => portal.close());
  onShutdown(() => stopChildren());

  for (const warning of [checkEmailProvider(process.env), checkPaymentProvider(process.env)])
    if (warning) console.warn(`[serve] ${warning}`);

  const databaseUrl = process.env.DATABASE_URL!;
  if (process.env.MIGRATIONS !== "off") {
    await withMigrationLock(
      databaseUrl,
      async () => {
        console.log("[serve] Migrations…");
        await migrate();
      },
      () => console.log("[serve] Un autre serveur applique les migrations : attente…"),
    );
  }
  const demoAccounts = await accountsWithDemoPassword(databaseUrl);
  if (demoAccounts.length > 0) throw demoPasswordRefusal(demoAccounts);
  const payfip = checkPayfipProvider(process.env, await payfipLieux(databaseUrl));
  if (payfip) console.warn(`[serve] ${payfip}`);

  Object.assign(process.env, {
    NODE_ENV: "production",
    NEXTAUTH_URL: process.env.APP_URL,
    NEXT_TELEMETRY_DISABLED: "1",
    RESEND_STAND_IN_KEY: process.env.RESEND_STAND_IN_KEY || derived("resend-stand-in"),
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET || `whsec_${derived("stripe-stand-in")}`,
  });
  onShutdown(stopWebProcesses);
  const processes = await serveNext(portal, { dir: ROOT, port, logs: process.env.LOG_FORMAT === "text" ? "text" : "json" });
  console.log(`[serve] Portail Famille prêt sur le port ${port} (${process.env.APP_URL}), ${processes} processus web`);
}

main().catch(reportFatal);
