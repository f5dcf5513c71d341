/**
 * `npm start`: checks first (port, another instance, data folder), then the
 * embedded PostgreSQL (or DATABASE_URL) → migrations → demo data (first run
 * only, in one transaction) → production build → the app, served from this
 * very process (scripts/lib/serve.ts). Any stop (Ctrl+C, SIGTERM, SIGHUP, the
 * parent dying) stops the build, the server and the database cleanly.
 */
import { startDatabase } from "./lib/database";
import { appEnv, BIN, ROOT } from "./lib/app-env";
import { mustRun, stopChildren } from "./lib/run";
import { listen, serveNext, stopWebProcesses, trustedProxies } from "./lib/serve";
import { installShutdownHandlers, onShutdown, reportFatal, StartError } from "./lib/lifecycle";
import { takeStartLock } from "./lib/start-lock";
import { DEMO_LOGINS } from "../prisma/seed";
import { DEMO_PASSWORD } from "../prisma/factories";
import { checkEmailProvider } from "./lib/production-checks";

async function main() {
  installShutdownHandlers();
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`PORT invalide : ${process.env.PORT}.`);
  trustedProxies();
  // The port first: a busy port is reported before any work is done.
  const portal = await listen(port);
  onShutdown(() => portal.close());
  onShutdown(takeStartLock(ROOT, port));
  onShutdown(() => stopChildren());

  const db = await startDatabase(null);
  onShutdown(() => db.stop());
  const env = appEnv(db.url, port);
  const standIn = checkEmailProvider(env);
  if (standIn) console.warn(`[start] ${standIn}`);
  const options = { cwd: ROOT, env };
  console.log("[start] Migrations…");
  await mustRun(BIN("prisma"), ["migrate", "deploy"], options);
  console.log("[start] Données de démonstration…");
  await mustRun(process.execPath, ["--import", "tsx", "prisma/seed.ts"], options);
  if (process.env.SKIP_BUILD !== "1") {
    console.log("[start] Construction de l'application (next build)…");
    await mustRun(BIN("next"), ["build"], options);
  }

  Object.assign(process.env, env, { NODE_ENV: "production" });
  onShutdown(stopWebProcesses);
  const processes = await serveNext(portal, { dir: ROOT, port, logs: "text" });
  if (!env.RESEND_API_KEY) console.log("[start] RESEND_API_KEY absent : e-mails remis au service local, visibles dans /admin/courriels.");
  console.log(`
──────────────────────────────────────────────
 Portail Famille : ${env.APP_URL}
 Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})
${DEMO_LOGINS.map((l) => `   ${l.role.padEnd(26)} ${l.email}`).join("\n")}
 Processus web : ${processes}${processes === 1 ? " (WEB_PROCESSES=auto : un par cœur)" : ""}
 Base de données : ${db.embedded ? "PostgreSQL intégré (.data/pg)" : "DATABASE_URL"}
 Arrêt : Ctrl+C
──────────────────────────────────────────────
`);
}

main().catch(reportFatal);
