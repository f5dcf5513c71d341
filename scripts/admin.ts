/**
 * `npm run admin -- <commande>`: the staff and administrator accounts, from the server's shell.
 *   create <e-mail> "<Nom>"   a new administrator, without password: prints a one-time link (24 h) to choose it
 *   list                      the staff and administrator accounts
 *   disable <e-mail>          deactivates an account (its sessions end at once)
 *   reset <e-mail>            the password stops working; prints a new one-time link (24 h)
 * The database: DATABASE_URL, or the embedded one (as npm run db). The links use APP_URL.
 * Run with `--conditions=react-server` (package.json) so that the server-only domain modules load outside Next.js.
 */
import { startDatabase } from "./lib/database";
import { reportFatal, StartError } from "./lib/lifecycle";

const USAGE = `Usage :
  npm run admin -- create <e-mail> "<Nom affiché>"
  npm run admin -- list
  npm run admin -- disable <e-mail>
  npm run admin -- reset <e-mail>`;

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || !["create", "list", "disable", "reset"].includes(command)) throw new StartError(USAGE);
  if ((command === "create" && args.length !== 2) || ((command === "disable" || command === "reset") && args.length !== 1)) {
    throw new StartError(USAGE);
  }
  const database = process.env.DATABASE_URL ? null : await startDatabase(null);
  if (database) process.env.DATABASE_URL = database.url;
  process.env.APP_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  // Loaded after DATABASE_URL is known: lib/db reads it once.
  const accounts = await import("../lib/accounts/operator-accounts");
  const { UserFacingError } = await import("../lib/errors");
  const { db } = await import("../lib/db");
  try {
    if (command === "create") {
      const { link } = await accounts.createAdministrator({ email: args[0], displayName: args[1] });
      console.log(
        `Administrateur créé : ${args[0].trim().toLowerCase()}\n` +
          `Lien pour choisir son mot de passe (valable 24 h, une seule fois) :\n${link}`,
      );
    } else if (command === "reset") {
      const { link } = await accounts.resetOperatorPassword(args[0]);
      console.log(
        `L'ancien mot de passe ne fonctionne plus et les sessions sont fermées.\n` +
          `Nouveau lien (valable 24 h, une seule fois) :\n${link}`,
      );
    } else if (command === "disable") {
      await accounts.disableOperatorAccount(args[0]);
      console.log(`Compte désactivé : ${args[0].trim().toLowerCase()} (ses sessions sont fermées).`);
    } else {
      const list = await accounts.listOperatorAccounts();
      if (list.length === 0)
        console.log('Aucun compte de l\'équipe. Créez le premier administrateur : npm run admin -- create <e-mail> "<Nom>"');
      for (const account of list) {
        const state = account.status === "ACTIVE" ? (account.hasPassword ? "actif" : "actif, mot de passe à choisir") : "désactivé";
        const seen = account.lastSignInAt
          ? `dernière connexion ${account.lastSignInAt.toISOString().slice(0, 16).replace("T", " ")}`
          : "jamais connecté";
        console.log(`${account.role.padEnd(5)}  ${account.email.padEnd(40)}  ${account.displayName.padEnd(28)}  ${state} · ${seen}`);
      }
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw new StartError(error.message);
    throw error;
  } finally {
    await db.$disconnect().catch(() => undefined);
    await database?.stop();
  }
}

// The pool of lib/db.ts is ours (passed to Prisma's adapter): $disconnect leaves its idle connections open ten more
// seconds. Everything is written and closed by now: exit at once (stdout is synchronous on Linux).
main().then(() => process.exit(0), reportFatal);
