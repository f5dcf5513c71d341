/**
 * What `npm run serve` (production) checks before it serves anything, each refusal a French message saying what to
 * do (StartError, no stack trace):
 *  - the environment it cannot guess (DATABASE_URL, APP_URL, NEXTAUTH_SECRET);
 *  - the stand-ins (e-mails, payments) only where nobody can be misled, or with an explicit opt-in;
 *  - migrations applied under a PostgreSQL advisory lock (two servers starting at once: one migrates, the other waits);
 *  - no account that still holds the published demo password.
 */
import pg from "pg";
import { verify } from "@node-rs/argon2";
import { StartError } from "./lifecycle";
import { PUBLIC_DEMO_PASSWORD } from "../../lib/accounts/demo-password";
import { DEMO_LOGINS } from "../../prisma/seed";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return LOCAL_HOSTS.has(host) || host.endsWith(".localhost");
}

/** The variables production cannot invent: a generated secret or a guessed address would differ between servers. */
export function requireProductionEnv(env: NodeJS.ProcessEnv): void {
  const missing = ["DATABASE_URL", "APP_URL", "NEXTAUTH_SECRET"].filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new StartError(
      `Variable${missing.length > 1 ? "s" : ""} d'environnement manquante${missing.length > 1 ? "s" : ""} : ${missing.join(", ")}. ` +
        `En production, le portail ne devine rien : DATABASE_URL (postgresql://…), APP_URL (l'adresse publique, https://…) ` +
        `et NEXTAUTH_SECRET (au moins 32 caractères, la même sur tous les serveurs : openssl rand -base64 32). ` +
        `Voir docs/deploiement.md. Pour essayer le portail sans rien configurer : npm start (démonstration).`,
    );
  }
  let appUrl: URL;
  try {
    appUrl = new URL(env.APP_URL!);
  } catch {
    throw new StartError(`APP_URL n'est pas une adresse valide (${env.APP_URL}). Exemple : APP_URL=https://famille.ma-ville.fr`);
  }
  if (appUrl.protocol !== "https:" && !isLocalUrl(env.APP_URL!)) {
    throw new StartError(
      `APP_URL (${env.APP_URL}) doit commencer par https:// : les sessions et les paiements ne passent pas en clair. ` +
        `Mettez le portail derrière un mandataire TLS (Caddy, nginx : voir deploy/).`,
    );
  }
  if (env.NEXTAUTH_SECRET!.length < 32) {
    throw new StartError("NEXTAUTH_SECRET est trop court (32 caractères au moins). Générez-en un : openssl rand -base64 32");
  }
  try {
    const url = new URL(env.DATABASE_URL!);
    if (!url.protocol.startsWith("postgres")) throw new Error("protocol");
  } catch {
    throw new StartError("DATABASE_URL n'est pas une adresse PostgreSQL (postgresql://utilisateur:motdepasse@hôte:5432/base).");
  }
}

/** Without a real provider, e-mails stay on this machine: refused on a public address unless asked. */
export function checkEmailProvider(env: NodeJS.ProcessEnv): string | null {
  if (env.RESEND_API_KEY) return null;
  if (isLocalUrl(env.APP_URL!)) return null;
  if (env.ALLOW_EMAIL_STAND_IN === "1") {
    return `ALLOW_EMAIL_STAND_IN=1 : aucun e-mail ne partira vraiment de ${env.APP_URL} (service local de remplacement).`;
  }
  throw new StartError(
    `APP_URL (${env.APP_URL}) est une adresse publique, mais RESEND_API_KEY n'est pas défini : les familles ne recevraient ` +
      `aucun e-mail. Définissez RESEND_API_KEY (et MAIL_FROM), ou, pour une démonstration, ALLOW_EMAIL_STAND_IN=1.`,
  );
}

/** Without Stripe, « Payer » opens a simulated checkout: never on a public address unless asked (the page says so). */
export function checkPaymentProvider(env: NodeJS.ProcessEnv): string | null {
  if (env.STRIPE_SECRET_KEY) {
    if (!env.STRIPE_WEBHOOK_SECRET) {
      throw new StartError(
        "STRIPE_SECRET_KEY est défini mais pas STRIPE_WEBHOOK_SECRET : les paiements ne seraient jamais confirmés. " +
          "Copiez le secret de signature du webhook (tableau de bord Stripe › Développeurs › Webhooks, adresse <APP_URL>/api/stripe/webhook).",
      );
    }
    return null;
  }
  if (isLocalUrl(env.APP_URL!)) return null;
  if (env.ALLOW_PAYMENT_STAND_IN === "1") {
    return `ALLOW_PAYMENT_STAND_IN=1 : « Payer » ouvre un paiement simulé sur ${env.APP_URL} (aucun argent ne circule ; la page « Mes factures » l'affiche).`;
  }
  throw new StartError(
    `APP_URL (${env.APP_URL}) est une adresse publique, mais STRIPE_SECRET_KEY n'est pas défini : « Payer mes factures » ` +
      `ouvrirait un paiement simulé. Définissez STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET, ou, pour une démonstration, ALLOW_PAYMENT_STAND_IN=1.`,
  );
}

/**
 * PayFiP (ADR 054) is chosen per lieu d'accueil, in the database: without PAYFIP_WS_URL a lieu set to PayFiP would pay
 * on the local stand-in. Refused on a public address unless ALLOW_PAYFIP_STAND_IN=1 (the portal also refuses « Payer »
 * at run time, for a lieu switched to PayFiP after the start: lib/billing/payfip/stand-in-policy.ts).
 */
export function checkPayfipProvider(env: NodeJS.ProcessEnv, payfipLieux: string[]): string | null {
  if (env.PAYFIP_WS_URL) {
    if (env.PAYFIP_SAISIE !== "W")
      return `PAYFIP_WS_URL est défini mais PAYFIP_SAISIE vaut « ${env.PAYFIP_SAISIE ?? "T"} » : les paiements PayFiP sont des essais (T) ou une activation (X), pas des encaissements (W).`;
    return null;
  }
  if (payfipLieux.length === 0 || isLocalUrl(env.APP_URL!)) return null;
  const names = payfipLieux.map((name) => `« ${name} »`).join(", ");
  if (env.ALLOW_PAYFIP_STAND_IN === "1")
    return `ALLOW_PAYFIP_STAND_IN=1 : les familles de ${names} paient sur un PayFiP simulé (aucun argent ne circule).`;
  throw new StartError(
    `${names} ${payfipLieux.length > 1 ? "sont réglés" : "est réglé"} sur PayFiP, mais PAYFIP_WS_URL n'est pas défini : « Payer » ouvrirait un paiement ` +
      `simulé. Définissez PAYFIP_WS_URL (https://www.payfip.gouv.fr/tpa/services/securite) et PAYFIP_SAISIE, ou, pour une démonstration, ALLOW_PAYFIP_STAND_IN=1.`,
  );
}

/** The lieux d'accueil whose families pay by PayFiP. */
export async function payfipLieux(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "portail-verification" });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM "Structure" WHERE "paymentProvider" = 'PAYFIP' ORDER BY name`);
    return rows.map((row) => row.name);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Our key for pg_advisory_lock: « portail » in ASCII, one lock for the whole cluster. */
export const MIGRATION_LOCK_KEY = 0x706f7274616c;

/**
 * Runs `migrate` while holding a session-level advisory lock on its own connection: of several servers started at
 * once, one applies the migrations, the others wait here, then find nothing left to apply. The lock ends with the
 * connection, so a server killed mid-way does not block the next.
 */
export async function withMigrationLock<T>(databaseUrl: string, migrate: () => Promise<T>, onWait?: () => void): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "portail-migrations" });
  try {
    await client.connect();
  } catch (error) {
    throw new StartError(
      `La base de données est injoignable (${error instanceof Error ? error.message : String(error)}). Vérifiez DATABASE_URL et que PostgreSQL tourne.`,
    );
  }
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK_KEY]);
    if (!rows[0].locked) {
      onWait?.();
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    return await migrate();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Accounts that still open with the published demo password. Verifying a hash is slow on purpose (argon2), so not
 * every parent is tried at each start: staff and administrators (few), the demo logins, and every hash shared by
 * several accounts — the demo and the tests hash the password once and reuse it, whereas a password chosen by a
 * person gets its own salt. A person cannot choose the demo password (lib/accounts/schemas.ts).
 */
export async function accountsWithDemoPassword(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "portail-verification" });
  await client.connect();
  try {
    const { rows } = await client.query<{ hash: string; emails: string[] }>(
      `SELECT "passwordHash" AS hash, array_agg(email ORDER BY email) AS emails
         FROM "User"
        WHERE status = 'ACTIVE' AND "passwordHash" <> ''
        GROUP BY "passwordHash"
       HAVING count(*) > 1 OR bool_or(role IN ('STAFF', 'ADMIN') OR email = ANY($1))`,
      [DEMO_LOGINS.map((login) => login.email)],
    );
    const found: string[] = [];
    for (const row of rows) {
      const matches = await verify(row.hash, PUBLIC_DEMO_PASSWORD).catch(() => false);
      if (matches) found.push(...row.emails);
    }
    return found.sort();
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function demoPasswordRefusal(emails: string[]): StartError {
  const shown = emails.slice(0, 5).join(", ") + (emails.length > 5 ? ` et ${emails.length - 5} autre(s)` : "");
  return new StartError(
    `Cette base contient ${emails.length} compte(s) ouvert(s) avec le mot de passe public de la démonstration : ${shown}. ` +
      `Le portail ne démarre pas en production ainsi. Si c'est la base de démonstration, utilisez une base vide ` +
      `(DATABASE_URL vers une nouvelle base, puis npm run admin -- create <e-mail> "<Nom>"). Sinon, désactivez ces comptes ` +
      `(npm run admin -- disable <e-mail>) ou donnez-leur un nouveau mot de passe (npm run admin -- reset <e-mail>).`,
  );
}
