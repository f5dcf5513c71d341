/**
 * Before the first journey, the test server is warmed as a visitor would warm it:
 * one sign-in of a parent and of an agent (the sign-in route, the password check,
 * the limits' connection pool), then every page and route of app/ once, so that
 * each route's code is loaded before a test waits on it. Without this, the first
 * tests on a cold server (2 cores shared with Chromium and PostgreSQL) spent their
 * whole timeout loading routes. Prints how long each step took.
 */
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createFamily, createStaffUser, DEMO_PASSWORD } from "../../prisma/factories";

const COOKIE = "next-auth.session-token";
const pair = (setCookie: string) => setCookie.split(";")[0]!;

/** Every URL of app/ (pages and GET routes), a dynamic segment given a placeholder that matches nothing. */
export function appUrls(appDir: string): string[] {
  const urls: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const segment = entry.name.startsWith("(") ? "" : entry.name.startsWith("[") ? "inexistant" : entry.name;
        walk(path.join(dir, entry.name), segment ? `${url}/${segment}` : url);
      } else if (entry.name === "page.tsx" || entry.name === "route.ts") {
        urls.push(url || "/");
      }
    }
  };
  walk(appDir, "");
  return urls.sort();
}

async function timed<T>(steps: string[], label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    steps.push(`${label} ${Math.round(performance.now() - started)} ms`);
  }
}

/** Signs in as next-auth's client does: CSRF token, credentials, then the session read back. */
async function signIn(base: string, email: string, steps: string[], label: string): Promise<string> {
  const csrf = await timed(steps, `${label} : jeton CSRF`, () => fetch(`${base}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await timed(steps, `${label} : vérification du mot de passe et session`, () =>
    fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map(pair).join("; ") },
      body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, json: "true" }),
    }),
  );
  const session = response.headers
    .getSetCookie()
    .map(pair)
    .find((c) => c.startsWith(`${COOKIE}=`));
  if (!session) throw new Error(`Préchauffage : la connexion de ${email} a échoué (HTTP ${response.status}).`);
  await timed(steps, `${label} : lecture de la session`, () =>
    fetch(`${base}/api/auth/session`, { headers: { cookie: session } }).then((r) => r.text()),
  );
  return session;
}

export async function warmUp(base: string, databaseUrl: string, appDir: string): Promise<void> {
  const started = performance.now();
  const steps: string[] = [];
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  let parent: string;
  let staff: string;
  try {
    const { user } = await createFamily(db, { lastName: "Prechauffage" });
    const agent = await createStaffUser(db, { displayName: "Agent de préchauffage" });
    parent = await signIn(base, user.email, steps, "1re connexion (serveur froid)");
    staff = await signIn(base, agent.email, steps, "2e connexion");
  } finally {
    await db.$disconnect();
  }
  const urls = appUrls(appDir);
  const queue = [...urls];
  const slowest: { url: string; ms: number }[] = [];
  // Two at a time: the machine has two cores, and the pages are loaded, not stressed.
  await Promise.all(
    [0, 1].map(async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const cookie = url.startsWith("/admin") ? staff : parent;
        const t = performance.now();
        await fetch(`${base}${url}`, { headers: { cookie }, redirect: "manual" })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
        slowest.push({ url, ms: Math.round(performance.now() - t) });
      }
    }),
  );
  slowest.sort((a, b) => b.ms - a.ms);
  console.log(
    `[test] Serveur préchauffé en ${Math.round((performance.now() - started) / 1000)} s (${urls.length} adresses) — ${steps.join(", ")} — ` +
      `plus lentes : ${slowest
        .slice(0, 3)
        .map((s) => `${s.url} ${s.ms} ms`)
        .join(", ")}`,
  );
}
