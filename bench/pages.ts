/**
 * `npx tsx bench/pages.ts [baseUrl] [seconds]` — throughput and latency of the
 * main pages of a running app (`npm start`, demo data), anonymous and signed in
 * as the demo parent and the demo staff member. Loopback only. Not a test:
 * figures depend on the machine; compare runs made on the same one.
 */
import autocannon from "autocannon";
import { loopbackBase, sessionCookie as signIn } from "./lib";

const base = loopbackBase(process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const sessionCookie = (email: string) => signIn(base, email);

async function measure(label: string, path: string, cookie?: string) {
  const result = await autocannon({
    url: `${base}${path}`,
    connections: 10,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  const ok = result["2xx"];
  return {
    page: label,
    "req/s (moy.)": Math.round(result.requests.average),
    "latence p50 (ms)": result.latency.p50,
    "latence p99 (ms)": result.latency.p99,
    "2xx": ok,
    "non-2xx": result.non2xx + result.errors,
  };
}

async function main() {
  const parent = await sessionCookie("claire.martin@exemple.fr");
  const staff = await sessionCookie("accueil@les-tilleuls.example");
  const rows = [];
  rows.push(await measure("/connexion (anonyme)", "/connexion"));
  rows.push(await measure("/tableau-de-bord (parent)", "/tableau-de-bord", parent));
  rows.push(await measure("/ma-famille (parent)", "/ma-famille", parent));
  rows.push(await measure("/mes-inscriptions (parent)", "/mes-inscriptions", parent));
  rows.push(await measure("/admin (accueil)", "/admin", staff));
  rows.push(await measure("/admin/inscriptions (accueil)", "/admin/inscriptions", staff));
  console.log(`\n${seconds} s par page, 10 connexions, ${new Date().toISOString()}`);
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
