/**
 * `npx tsx bench/js-weight.ts [baseUrl]` — the JavaScript each page makes a
 * browser download on its first load: every `<script src>` of the page's
 * HTML, fetched and gzipped (level 9, as a CDN would), summed per page. The
 * reference is `/acces-refuse` signed in, which renders only the layout: each
 * page's figure is also given as its difference to it, and checked against the
 * goals of issue 25 — the reference ≤ 160 kB, every page ≤ reference + 30 kB.
 * A `<script nomodule>` (Next.js's polyfills, ≈ 38 kB) is never downloaded by a
 * browser that runs modules — every browser Next.js 16 supports — so it is
 * shown apart and not counted (ADR 044).
 * `JS_WEIGHT_DETAIL=1` also lists, for each page over the goal, the chunks it
 * loads beyond the reference's. Run against `npm start` (demo data), loopback
 * only. Not a test; the exit code is 1 when a goal is missed.
 */
import { gzipSync } from "node:zlib";
import { loopbackBase, sessionCookie as signIn } from "./lib";

const base = loopbackBase(process.argv[2]);
const sessionCookie = (email: string) => signIn(base, email);
const KB = 1024;
const REFERENCE_GOAL = 160 * KB;
const GAP_GOAL = 30 * KB;

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

async function fetchPage(path: string, cookie?: string): Promise<string> {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path} : ${response.status}`);
  return response.text();
}

async function pageWeight(path: string, cookie?: string): Promise<{ sources: string[]; bytes: number; noModule: number }> {
  const html = await fetchPage(path, cookie);
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  const src = (tag: string) => tag.match(/\ssrc="([^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
  const isNoModule = (tag: string) => /\snomodule\b/i.test(tag);
  const sources = [...new Set(tags.filter((t) => !isNoModule(t)).flatMap((t) => src(t) ?? []))];
  const noModuleSources = [...new Set(tags.filter(isNoModule).flatMap((t) => src(t) ?? []))];
  let bytes = 0;
  for (const s of sources) bytes += await gzippedSize(s);
  let noModule = 0;
  for (const s of noModuleSources) noModule += await gzippedSize(s);
  return { sources, bytes, noModule };
}

/** The first link of a list page matching `pattern` (its first group is the id), so that a detail page can be weighed. */
async function firstLink(path: string, cookie: string, pattern: RegExp): Promise<string | null> {
  return (await fetchPage(path, cookie)).match(pattern)?.[1]?.replace(/&amp;/g, "&") ?? null;
}

async function main() {
  const parent = await sessionCookie("claire.martin@exemple.fr");
  const staff = await sessionCookie("accueil@les-tilleuls.example");
  const admin = await sessionCookie("admin@les-tilleuls.example");
  // The demo's Martin family has two validated inscriptions: /mes-reservations is the family view, and each lane
  // links to its month calendar.
  const inscription = await firstLink("/mes-reservations", parent, /href="\/mes-reservations\?inscription=([^"&]+)/);
  const family = await firstLink("/admin/familles", staff, /href="\/admin\/familles\/([^"/?]+)"/);
  const thread = await firstLink("/mes-messages", parent, /href="\/mes-messages\/([^"/?]+)"/);
  const pages: [string, string | null, string | undefined][] = [
    ["/acces-refuse (parent) — référence", "/acces-refuse", parent],
    ["/acces-refuse (visiteur)", "/acces-refuse", undefined],
    ["/connexion (visiteur)", "/connexion", undefined],
    ["/creer-mon-compte (visiteur)", "/creer-mon-compte", undefined],
    ["/tableau-de-bord", "/tableau-de-bord", parent],
    ["/ma-famille", "/ma-famille", parent],
    ["/ma-famille/ajouter-un-enfant", "/ma-famille/ajouter-un-enfant", parent],
    ["/ma-famille/ajouter-un-adulte", "/ma-famille/ajouter-un-adulte", parent],
    ["/mes-coordonnees", "/mes-coordonnees", parent],
    ["/mes-inscriptions", "/mes-inscriptions", parent],
    ["/mes-inscriptions/nouvelle", "/mes-inscriptions/nouvelle", parent],
    ["/mes-reservations (vue famille)", "/mes-reservations", parent],
    ["/mes-reservations?inscription=… (mois)", inscription && `/mes-reservations?inscription=${inscription}`, parent],
    ["/mes-reservations/periode", "/mes-reservations/periode", parent],
    ["/mes-factures", "/mes-factures", parent],
    ["/mes-envois", "/mes-envois", parent],
    ["/mes-messages", "/mes-messages", parent],
    ["/mes-messages/… (fil)", thread && `/mes-messages/${thread}`, parent],
    ["/contact", "/contact", parent],
    ["/telechargements", "/telechargements", parent],
    ["/admin (accueil)", "/admin", staff],
    ["/admin/demandes-de-compte", "/admin/demandes-de-compte", staff],
    ["/admin/demandes-de-modification", "/admin/demandes-de-modification", staff],
    ["/admin/inscriptions", "/admin/inscriptions", staff],
    ["/admin/reservations", "/admin/reservations", staff],
    ["/admin/pointage", "/admin/pointage", staff],
    ["/admin/occupation", "/admin/occupation", staff],
    ["/admin/facturation", "/admin/facturation", staff],
    ["/admin/paiements", "/admin/paiements", staff],
    ["/admin/familles", "/admin/familles", staff],
    ["/admin/familles/… (fiche)", family && `/admin/familles/${family}`, staff],
    ["/admin/messages", "/admin/messages", staff],
    ["/admin/documents", "/admin/documents", staff],
    ["/admin/courriels", "/admin/courriels", staff],
    ["/admin/activites", "/admin/activites", staff],
    ["/admin/activites/nouvelle (admin)", "/admin/activites/nouvelle", admin],
    ["/admin/parametres (admin)", "/admin/parametres", admin],
    ["/admin/equipe (admin)", "/admin/equipe", admin],
    ["/admin/import (admin)", "/admin/import", admin],
    ["/admin/structures (admin)", "/admin/structures", admin],
  ];
  const rows: {
    page: string;
    scripts: number;
    "JS gzip (ko)": number;
    "écart à la référence (ko)": number;
    objectif: string;
    "nomodule, non compté (ko)": number;
  }[] = [];
  const over: { label: string; sources: string[] }[] = [];
  let reference: { sources: string[]; bytes: number } | null = null;
  for (const [label, path, cookie] of pages) {
    if (!path) {
      rows.push({
        page: label,
        scripts: 0,
        "JS gzip (ko)": NaN,
        "écart à la référence (ko)": NaN,
        objectif: "absente des données",
        "nomodule, non compté (ko)": NaN,
      });
      continue;
    }
    const weight = await pageWeight(path, cookie);
    reference ??= weight;
    const gap = weight.bytes - reference.bytes;
    const ok = weight === reference ? weight.bytes <= REFERENCE_GOAL : gap <= GAP_GOAL;
    if (!ok) over.push({ label, sources: weight.sources });
    rows.push({
      page: label,
      scripts: weight.sources.length,
      "JS gzip (ko)": +(weight.bytes / KB).toFixed(1),
      "écart à la référence (ko)": +(gap / KB).toFixed(1),
      objectif: ok ? "atteint" : "NON",
      "nomodule, non compté (ko)": +(weight.noModule / KB).toFixed(1),
    });
  }
  console.log(`\nJavaScript au premier chargement, gzip niveau 9, ${base}, ${new Date().toISOString()}`);
  console.table(rows);
  const ref = reference!.bytes;
  const worst = rows.reduce(
    (max, r) => (Number.isNaN(r["écart à la référence (ko)"]) ? max : Math.max(max, r["écart à la référence (ko)"])),
    0,
  );
  const missing = rows.filter((r) => r.objectif === "absente des données").length;
  console.log(
    `Référence : ${(ref / KB).toFixed(1)} ko (objectif ≤ ${REFERENCE_GOAL / KB} ko) — ${ref <= REFERENCE_GOAL ? "atteint" : "NON atteint"}.`,
  );
  console.log(
    `Plus grand écart : +${worst.toFixed(1)} ko (objectif ≤ +${GAP_GOAL / KB} ko) — ${
      over.filter((o) => o.label !== rows[0]!.page).length === 0 ? "atteint" : `NON atteint pour ${over.length} page(s)`
    }.${missing ? ` ${missing} page(s) sans exemple dans les données de démonstration.` : ""}`,
  );
  if (process.env.JS_WEIGHT_DETAIL === "1") {
    for (const { label, sources } of over) {
      const extra = sources.filter((s) => !reference!.sources.includes(s));
      const sizes = await Promise.all(extra.map(async (s) => [s, await gzippedSize(s)] as const));
      console.log(`\n${label} — au-delà de la référence :`);
      for (const [src, size] of sizes.sort((a, b) => b[1] - a[1])) console.log(`  ${(size / KB).toFixed(1).padStart(6)} ko  ${src}`);
    }
  }
  if (over.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
