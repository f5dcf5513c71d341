/**
 * `npx tsx scripts/screenshots.ts [baseUrl]`: screenshots of the main pages at
 * 390 px and 1280 px wide, into e2e/.screenshots/, to look at them. Needs the
 * demo server (npm start) and its demo logins.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/factories";

const base = process.argv[2] ?? "http://localhost:3000";
const out = path.resolve(__dirname, "..", "e2e", ".screenshots");

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const sets: { who: string | null; pages: string[] }[] = [
    {
      who: null,
      pages: [
        "/",
        "/connexion",
        "/creer-mon-compte",
        "/mot-de-passe-oublie",
        "/contact",
        "/mentions-legales",
        "/donnees-personnelles",
        "/accessibilite",
        // « Activer mon compte » with a link that no longer works (a live one comes from an import's invitation).
        "/mot-de-passe-oublie/nouveau?jeton=lien-de-demonstration-perime&activation=1",
      ],
    },
    {
      who: "claire.martin@exemple.fr",
      pages: [
        "/tableau-de-bord",
        "/ma-famille",
        "/ma-famille/ajouter-un-enfant",
        "/ma-famille/ajouter-un-adulte",
        "/mes-coordonnees",
        "/mes-inscriptions",
        "/mes-inscriptions/nouvelle",
        "/mes-reservations",
        "/mes-reservations/periode",
        "/admin",
      ],
    },
    {
      who: "accueil@les-tilleuls.example",
      pages: [
        "/admin",
        "/admin/demandes-de-compte",
        "/admin/demandes-de-modification",
        "/admin/familles",
        "/admin/inscriptions",
        "/admin/activites",
        "/admin/structures",
        "/admin/courriels",
        "/admin/parametres",
      ],
    },
    { who: "admin@les-tilleuls.example", pages: ["/admin/parametres", "/admin/equipe", "/admin/import", "/admin/facturation"] },
  ];
  for (const width of [390, 1280]) {
    for (const set of sets) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "fr-FR" });
      const page = await context.newPage();
      if (set.who) await signIn(page, set.who);
      // SCREENSHOTS_ONLY=reservations: only the pages whose path matches.
      for (const pathname of set.pages.filter((p) => !process.env.SCREENSHOTS_ONLY || new RegExp(process.env.SCREENSHOTS_ONLY).test(p))) {
        await page.goto(`${base}${pathname}`);
        const name = `${width}-${set.who ? set.who.split("@")[0] : "visiteur"}${pathname.replace(/\?.*$/, "").replace(/\//g, "_") || "_"}.png`;
        await page.screenshot({ path: path.join(out, name), fullPage: true });
        console.log(name);
      }
      await context.close();
    }
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
