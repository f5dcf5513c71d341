/**
 * `npm start`: embedded PostgreSQL (or DATABASE_URL) → migrations → demo data
 * (first run only) → production build → the app on http://localhost:3000.
 */
import { spawn } from "node:child_process";
import { startDatabase } from "./lib/database";
import { appEnv, BIN, ROOT } from "./lib/app-env";
import { mustRun } from "./lib/run";
import { DEMO_LOGINS } from "../prisma/seed";
import { DEMO_PASSWORD } from "../prisma/factories";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const db = await startDatabase(null);
  const env = appEnv(db.url, port);
  const options = { cwd: ROOT, env };
  console.log("[start] Migrations…");
  await mustRun(BIN("prisma"), ["migrate", "deploy"], options);
  console.log("[start] Données de démonstration…");
  await mustRun(BIN("tsx"), ["prisma/seed.ts"], options);
  if (process.env.SKIP_BUILD !== "1") {
    console.log("[start] Construction de l'application (next build)…");
    await mustRun(BIN("next"), ["build"], options);
  }
  if (!env.RESEND_API_KEY) console.log("[start] RESEND_API_KEY absent : e-mails remis au service local, visibles dans /admin/courriels.");
  const server = spawn(BIN("next"), ["start", "-p", String(port)], { ...options, stdio: "inherit" });
  const shutdown = async () => {
    server.kill("SIGTERM");
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("exit", async (code) => {
    await db.stop();
    process.exit(code ?? 0);
  });
  console.log(`
──────────────────────────────────────────────
 Portail Famille : ${env.APP_URL}
 Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})
${DEMO_LOGINS.map((l) => `   ${l.role.padEnd(26)} ${l.email}`).join("\n")}
 Base de données : ${db.embedded ? "PostgreSQL intégré (.data/pg)" : "DATABASE_URL"}
──────────────────────────────────────────────
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
