import { expect, test } from "@playwright/test";
import { createBookableWorld, createStaffUser, inscribe } from "../prisma/factories";
import { expectAccessible, newFamily, openRubrique, signIn, testDb } from "./support";

/** ADR 029: an administrator gives a lieu to an agent in « Équipe »; the agent's « Inscriptions » then shows only that lieu. */
test("Équipe : l'administrateur donne un lieu à un agent, dont la file des inscriptions ne montre plus que ce lieu", async ({
  page,
  browser,
}) => {
  const db = testDb();
  const tag = Math.random().toString(36).slice(2, 8);
  const world = () =>
    createBookableWorld(db, { start: "2027-09-01", end: "2027-12-31", weekdays: [3], units: [{ name: "Matin", capacity: 5 }] });
  const [a, b] = [await world(), await world()];
  const pending = async (w: typeof a, firstName: string) => {
    const f = await newFamily({ lastName: `Lieu${tag}`, children: [{ firstName, birthDate: "2018-03-02", sex: "F" }] });
    await inscribe(db, w, f.family, f.children[0]!.id, "PENDING");
  };
  await pending(a, "Alma");
  await pending(b, "Berthe");
  const agent = await createStaffUser(db, { displayName: `Agent ${tag}` });
  const admin = await createStaffUser(db, { role: "ADMIN", displayName: `Admin ${tag}` });

  // ── The administrator limits the agent to lieu A, from « Équipe ».
  await signIn(page, admin.email);
  await openRubrique(page, "Équipe");
  await expect(page.getByRole("heading", { name: "Équipe", level: 1 })).toBeVisible();
  // (The filter box appears past five accounts: the E2E database has as many as the tests before made.)
  const filter = page.getByLabel("Filtrer les comptes");
  if (await filter.count()) await filter.fill(agent.email);
  const row = page.getByRole("row", { name: `Agent ${tag} (${agent.email})` });
  await expect(row.getByText("Tous les lieux")).toBeVisible();
  await row.getByLabel(`Lieu pour Agent ${tag}`).selectOption({ label: a.structure.name });
  await row.getByRole("button", { name: "Donner ce lieu" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Donner le lieu" }).click();
  await expect(page.getByText(`a donné le lieu « ${a.structure.name} » à Agent ${tag}`)).toBeVisible();
  await expect(row.getByRole("button", { name: `Retirer le lieu ${a.structure.name} à Agent ${tag}` })).toBeVisible();
  await expectAccessible(page);

  // ── The agent (another browser) sees A's request, not B's; « Équipe » is not theirs.
  const context = await browser.newContext();
  const agentPage = await context.newPage();
  await signIn(agentPage, agent.email);
  await openRubrique(agentPage, "Inscriptions");
  await expect(agentPage.getByRole("row", { name: new RegExp(`inscription de Alma Lieu${tag}`, "i") })).toBeVisible();
  await expect(agentPage.getByRole("row", { name: new RegExp(`inscription de Berthe Lieu${tag}`, "i") })).toHaveCount(0);
  await expect(agentPage.getByRole("navigation", { name: "Rubriques" }).getByRole("link", { name: "Équipe" })).toHaveCount(0);
  await agentPage.goto("/admin/equipe");
  await expect(agentPage.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
  await context.close();
});
