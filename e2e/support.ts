import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createFamily, createStaffUser, DEMO_PASSWORD, uniqueEmail } from "../prisma/factories";

export { DEMO_PASSWORD, uniqueEmail };

let client: PrismaClient | undefined;
/** Direct access to the e2e database, to build each test's own world and check effects. */
export function testDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_DATABASE_URL! }) });
  return client;
}

export const newFamily = (input: Parameters<typeof createFamily>[1] = {}) => createFamily(testDb(), input);
export const newStaff = () => createStaffUser(testDb(), { displayName: "Agent de test" });

/**
 * No WCAG 2.2 A/AA violation (axe-core tags up to wcag22aa) on the page as it is now. `title`: what the page's title
 * holds — the product's name, « Portail Famille » unless a test renamed it (e2e/*.last.spec.ts, run after the others).
 */
export async function expectAccessible(page: Page, title: RegExp = /Portail Famille/): Promise<void> {
  // Next.js streams the <title> after a client-side navigation: wait for it before judging.
  await expect(page).toHaveTitle(title);
  // Legacy mode: axe runs in the page itself, instead of opening a blank page and injecting itself
  // a second time to merge per-frame results (our pages have no frames). That halved the cost of each
  // check (≈ 5 s → 2.5 s on a loaded 2-core machine), which is most of a journey's time.
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `violations axe sur ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  // Sign-in, then a full load of the home page (the dashboard, or /admin): the one step of a journey that
  // loads a whole page twice over (redirect), measured past 10 s on a loaded 2-core machine.
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible({ timeout: 30_000 });
}

/** Opens the staff mailbox filtered on one recipient and waits until `subject` was delivered. */
export async function openDeliveredEmail(page: Page, to: string, subject: string): Promise<string> {
  await page.goto(`/admin/courriels?destinataire=${encodeURIComponent(to)}`);
  const email = page.getByRole("article", { name: `${subject} — ${to}` });
  await expect(async () => {
    await page.reload();
    await expect(email.getByText("Envoyé", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await email.getByText("Lire le message").click();
  return (await email.locator("pre").textContent()) ?? "";
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The control whose label is exactly `label` (a required field's label ends with « * »). */
export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));
}

/** The form's own alert (Next.js adds an empty route announcer with role alert too). */
export function alertWith(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}

/** Opens a rubrique from the navigation (behind « Menu » on a phone). */
export async function openRubrique(page: Page, name: string): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
  const nav = page.getByRole("navigation", { name: "Rubriques" });
  const link = nav.getByRole("link", { name, exact: true });
  // A staff rubrique sits in its menu (« Demandes », « Accueil »…): opened first when it is closed.
  if (!(await link.isVisible())) {
    const group = nav.locator("li").filter({ has: page.getByRole("link", { name, exact: true, includeHidden: true }) });
    await group.first().getByRole("button").click();
  }
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForURL((url) => url.pathname === href);
}

/** The toasts (Radix's region « Notification (F8) »): a form's confirmation when the refreshed page no longer shows the form. */
export const toasts = (page: Page) => page.getByRole("region", { name: /^Notification/ });
