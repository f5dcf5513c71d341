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
import { attachNext, listen, trustedProxies } from "./lib/serve";
import { installShutdownHandlers, onShutdown, reportFatal, StartError } from "./lib/lifecycle";
import { takeStartLock } from "./lib/start-lock";
import { DEMO_LOGINS } from "../prisma/seed";
import { DEMO_PASSWORD } from "../prisma/factories";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Without a real provider, e-mails stay on this machine: refused on a public address unless asked. */
function checkEmailProvider(env: NodeJS.ProcessEnv): void {
  if (env.RESEND_API_KEY) return;
  const host = new URL(env.APP_URL!).hostname;
  if (LOCAL_HOSTS.has(host) || host.endsWith(".localhost")) return;
  if (env.ALLOW_EMAIL_STAND_IN === "1") {
    console.warn(`[start] ALLOW_EMAIL_STAND_IN=1 : aucun e-mail ne partira vraiment de ${env.APP_URL}.`);
    return;
  }
  throw new StartError(
    `APP_URL (${env.APP_URL}) est une adresse publique, mais RESEND_API_KEY n'est pas défini : les familles ne recevraient ` +
      `aucun e-mail. Définissez RESEND_API_KEY (et MAIL_FROM), ou, pour une démonstration, ALLOW_EMAIL_STAND_IN=1.`,
  );
}

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
  checkEmailProvider(env);
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
  await attachNext(portal, { dir: ROOT, port });
  if (!env.RESEND_API_KEY) console.log("[start] RESEND_API_KEY absent : e-mails remis au service local, visibles dans /admin/courriels.");
  console.log(`
──────────────────────────────────────────────
 Portail Famille : ${env.APP_URL}
 Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})
${DEMO_LOGINS.map((l) => `   ${l.role.padEnd(26)} ${l.email}`).join("\n")}
 Base de données : ${db.embedded ? "PostgreSQL intégré (.data/pg)" : "DATABASE_URL"}
 Arrêt : Ctrl+C
──────────────────────────────────────────────
`);
}

main().catch(reportFatal);
