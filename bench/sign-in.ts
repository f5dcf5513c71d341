/**
 * Where a sign-in's time goes (issue 24: 4.5–11.4 s seen on a loaded machine).
 *
 *   npm run db -- node --conditions=react-server --import tsx bench/sign-in.ts [http://localhost:3000] [rounds]
 *
 * Two parts, each against a reference measured in the same run, and reported as a ratio to it:
 * 1. In the process, without HTTP (DATABASE_URL set): the password hash (argon2id, lib/auth/password.ts) — hash and
 *    verify — the rate-limit counters (lib/auth/rate-limit.ts: two reads, two takes, a clear and a give-back), the
 *    whole `authenticate()` and `openSession()` (the session write); reference: one `SELECT 1` through Prisma.
 * 2. Over HTTP, on a running app (a base URL given): the steps a browser makes from « Se connecter » to the page it
 *    lands on — next-auth's CSRF token, the credentials callback, the session read that next-auth/react does after it,
 *    then `/connexion/suite` (which redirects) and the home page; reference: `/acces-refuse` (the layout only),
 *    anonymous. `/`, which the browser went through before (ADR 037), is timed apart, outside the total.
 * The account is a new family made here, with the demo password (remove with `npm run db:reset`). Loopback only.
 * Not a test: the figures depend on the machine; look at the ratios.
 */
import { db } from "../lib/db";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword, PASSWORD_HASH_OPTIONS, verifyPassword } from "../lib/auth/password";
import { clear, giveBack, isExhausted, take } from "../lib/auth/rate-limit";
import { authenticate, SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from "../lib/accounts/authenticate";
import { closeSession, openSession } from "../lib/auth/user-sessions";
import { createFamily, DEMO_PASSWORD } from "../prisma/factories";
import { loopbackBase } from "./lib";

const prisma = db as PrismaClient;
const base = process.argv[2] ? loopbackBase(process.argv[2]) : null;
const ROUNDS = Number(process.argv[3] ?? 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

async function time(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return performance.now() - start;
}

/** Runs each step once per round, interleaved, so that a busy moment of the machine hits every step alike. */
async function measure(steps: Record<string, () => Promise<unknown>>, rounds: number) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
  for (const step of Object.values(steps)) await step(); // warm-up: connections, JIT
  for (let round = 0; round < rounds; round++) {
    for (const [name, step] of Object.entries(steps)) times[name]!.push(await time(step));
  }
  return times;
}

function report(title: string, times: Record<string, number[]>, reference: string) {
  const ref = median(times[reference]!);
  console.log(`\n${title} (${times[reference]!.length} tours ; référence : ${reference})`);
  console.table(
    Object.entries(times).map(([step, xs]) => ({
      étape: step,
      "p50 (ms)": Number(median(xs).toFixed(1)),
      "p90 (ms)": Number(p90(xs).toFixed(1)),
      "× référence": Number((median(xs) / ref).toFixed(1)),
    })),
  );
}

async function inProcess(email: string, hash: string) {
  const ip = "127.0.0.77";
  const times = await measure(
    {
      "SELECT 1 (référence)": () => prisma.$queryRaw`SELECT 1`,
      [`argon2id hash (m=${PASSWORD_HASH_OPTIONS.memoryCost} Kio, t=${PASSWORD_HASH_OPTIONS.timeCost}, p=${PASSWORD_HASH_OPTIONS.parallelism})`]:
        () => hashPassword(DEMO_PASSWORD),
      "argon2id verify": () => verifyPassword(hash, DEMO_PASSWORD),
      "limites : 2 lectures, 2 prises, effacer, rendre": async () => {
        await Promise.all([isExhausted(SIGN_IN_PER_EMAIL, email), isExhausted(SIGN_IN_PER_IP, ip)]);
        await take(SIGN_IN_PER_EMAIL, email);
        await take(SIGN_IN_PER_IP, ip);
        await Promise.all([clear(SIGN_IN_PER_EMAIL, email), giveBack(SIGN_IN_PER_IP, ip)]);
      },
      "authenticate() complet": async () => {
        const result = await authenticate({ email, password: DEMO_PASSWORD, ip });
        if (!result.ok) throw new Error(`Connexion refusée : ${result.failure}`);
      },
      "openSession() (écriture de la session)": async () => closeSession(await openSession(user.id, "banc")),
    },
    ROUNDS,
  );
  report("Dans le processus, sans HTTP", times, "SELECT 1 (référence)");
}

async function overHttp(url: string, email: string) {
  const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const times: Record<string, number[]> = {
    "/acces-refuse anonyme (référence)": [],
    "GET /api/auth/csrf": [],
    "POST /api/auth/callback/credentials": [],
    "GET /api/auth/session": [],
    "GET / (redirection, l'ancien chemin)": [],
    "GET /connexion/suite (redirection)": [],
    "GET page d'accueil du rôle": [],
    "total de la connexion": [],
  };
  const once = async (record: boolean) => {
    const push = (name: string, ms: number) => record && times[name]!.push(ms);
    push("/acces-refuse anonyme (référence)", await time(() => fetch(`${url}/acces-refuse`).then((r) => r.text())));
    const start = performance.now();
    let t = performance.now();
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    push("GET /api/auth/csrf", performance.now() - t);
    const jar = cookiesOf(csrf);
    t = performance.now();
    const callback = await fetch(`${url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
      body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
    });
    await callback.text();
    push("POST /api/auth/callback/credentials", performance.now() - t);
    const session = cookiesOf(callback).find((c) => c.startsWith("next-auth.session-token="));
    if (!session) throw new Error("Connexion refusée par le serveur.");
    const cookie = { cookie: session };
    t = performance.now();
    await fetch(`${url}/api/auth/session`, { headers: cookie }).then((r) => r.text());
    push("GET /api/auth/session", performance.now() - t);
    t = performance.now();
    const home = await fetch(`${url}/connexion/suite`, { headers: cookie, redirect: "manual" });
    await home.text();
    push("GET /connexion/suite (redirection)", performance.now() - t);
    t = performance.now();
    await fetch(new URL(home.headers.get("location") ?? "/", url), { headers: cookie }).then((r) => r.text());
    push("GET page d'accueil du rôle", performance.now() - t);
    push("total de la connexion", performance.now() - start);
    // The path before ADR 037, outside the total: `/` rendered the layout to redirect.
    push(
      "GET / (redirection, l'ancien chemin)",
      await time(() => fetch(`${url}/`, { headers: cookie, redirect: "manual" }).then((r) => r.text())),
    );
  };
  await once(false);
  for (let round = 0; round < ROUNDS; round++) await once(true);
  report(`Par HTTP, ${url}`, times, "/acces-refuse anonyme (référence)");
}

let user: { id: string };

async function main() {
  const family = await createFamily(prisma, { lastName: "Banc", password: DEMO_PASSWORD });
  user = family.user;
  const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, email: true } });
  console.log(`Compte : ${stored.email} ; empreinte : ${stored.passwordHash.split("$").slice(0, 4).join("$")}`);
  await inProcess(stored.email, stored.passwordHash);
  if (base) await overHttp(base, stored.email);
  await db.$disconnect();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
