/**
 * `npx tsx bench/js-weight.ts [baseUrl]` — the JavaScript each page makes a
 * browser download on its first load: every `<script src>` of the page's
 * HTML, fetched and gzipped (level 9, as a CDN would), summed per page. The
 * reference is `/acces-refuse` signed in, which renders only the layout: each
 * page's figure is also given as its difference to it. Run against `npm start`
 * (demo data), loopback only. Not a test.
 */
import { gzipSync } from "node:zlib";
import { loopbackBase, sessionCookie as signIn } from "./lib";

const base = loopbackBase(process.argv[2]);
const sessionCookie = (email: string) => signIn(base, email);

const cache = new Map<string, number>();
async function gzippedSize(src: string): Promise<number> {
  const url = new URL(src, base).toString();
  if (!cache.has(url)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} : ${response.status}`);
    cache.set(url, gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length);
  }
  return cache.get(url)!;
}

async function pageWeight(path: string, cookie?: string): Promise<{ scripts: number; bytes: number }> {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path} : ${response.status}`);
  const html = await response.text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
  let bytes = 0;
  for (const src of sources) bytes += await gzippedSize(src);
  return { scripts: sources.length, bytes };
}

async function main() {
  const parent = await sessionCookie("claire.martin@exemple.fr");
  const staff = await sessionCookie("accueil@les-tilleuls.example");
  const pages: [string, string, string | undefined][] = [
    ["/acces-refuse (parent) — référence", "/acces-refuse", parent],
    ["/connexion (visiteur)", "/connexion", undefined],
    ["/creer-mon-compte (visiteur)", "/creer-mon-compte", undefined],
    ["/tableau-de-bord", "/tableau-de-bord", parent],
    ["/ma-famille", "/ma-famille", parent],
    ["/ma-famille/ajouter-un-enfant", "/ma-famille/ajouter-un-enfant", parent],
    ["/ma-famille/ajouter-un-adulte", "/ma-famille/ajouter-un-adulte", parent],
    ["/mes-coordonnees", "/mes-coordonnees", parent],
    ["/mes-inscriptions", "/mes-inscriptions", parent],
    ["/mes-inscriptions/nouvelle", "/mes-inscriptions/nouvelle", parent],
    ["/admin (accueil)", "/admin", staff],
    ["/admin/demandes-de-compte (accueil)", "/admin/demandes-de-compte", staff],
    ["/admin/inscriptions (accueil)", "/admin/inscriptions", staff],
  ];
  const rows = [];
  let reference = 0;
  for (const [label, path, cookie] of pages) {
    const { scripts, bytes } = await pageWeight(path, cookie);
    if (rows.length === 0) reference = bytes;
    rows.push({
      page: label,
      scripts,
      "JS gzip (ko)": +(bytes / 1024).toFixed(1),
      "écart à la référence (ko)": +((bytes - reference) / 1024).toFixed(1),
    });
  }
  console.log(`\nJavaScript au premier chargement, gzip niveau 9, ${base}, ${new Date().toISOString()}`);
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
