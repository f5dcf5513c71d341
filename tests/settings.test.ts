import { afterAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { frenchDateTimeToIso, frenchDateToIso, frenchTimeToIso } from "@/lib/forms/fields";
import { brandPalette, contrastRatio } from "@/lib/settings/colour";
import { identitySchema } from "@/lib/settings/schemas";
import { textBlocks } from "@/lib/settings/manage-information-pages";
import { getDocumentIdentity, getPortalIdentity, getPortalLogo } from "@/lib/settings/manage-portal-identity";
import { getRequestIdentity, getSessionUser } from "@/lib/auth/session";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { STRUCTURE } from "@/lib/email/templates";
import { timeUnitSchema } from "@/lib/activities/schemas";
import { removeLogoAction, updateIdentityAction, updateInformationPageAction, uploadLogoAction } from "@/app/admin/parametres/actions";
import { createStaffUser } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const identity = {
  name: "Mairie de Testville — Service enfance",
  primaryColor: "#7a1f5c",
  address: "1 place de la Mairie, 12345 Testville",
  phone: "01 23 45 67 89",
  email: "enfance@testville.example",
  openingHours: "Du lundi au vendredi, de 9 h à 17 h",
};

function logoForm(bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.set("logo", new File([Buffer.from(bytes)], name, { type }));
  return form;
}

afterAll(async () => {
  await prisma.portalSettings.deleteMany({});
  await prisma.informationPage.deleteMany({});
});

describe("dates and times typed the French way", () => {
  it.each([
    ["06/05/2026", "2026-05-06"],
    ["6/5/2026", "2026-05-06"],
    ["06.05.2026", "2026-05-06"],
    [" 2026-05-06 ", "2026-05-06"],
    ["29/02/2028", "2028-02-29"],
  ])("%j is the day %s", (typed, iso) => expect(frenchDateToIso(typed)).toBe(iso));

  it.each(["30/02/2026", "2026-13-01", "06/05/26", "mercredi", "", "05/06"])("%j is not a day", (typed) =>
    expect(frenchDateToIso(typed)).toBeNull(),
  );

  it.each([
    ["8h30", "08:30"],
    ["08:30", "08:30"],
    ["8 h 30", "08:30"],
    ["17h", "17:00"],
    ["23:59", "23:59"],
  ])("%j is %s", (typed, iso) => expect(frenchTimeToIso(typed)).toBe(iso));
  it.each(["24:00", "8:75", "midi", ""])("%j is not a time", (typed) => expect(frenchTimeToIso(typed)).toBeNull());

  it("reads a day and a time", () => {
    expect(frenchDateTimeToIso("02/03/2026 08:00")).toBe("2026-03-02T08:00");
    expect(frenchDateTimeToIso("02/03/2026 à 8h")).toBe("2026-03-02T08:00");
    expect(frenchDateTimeToIso("2026-03-02T08:00")).toBe("2026-03-02T08:00");
    expect(frenchDateTimeToIso("02/03/2026")).toBeNull();
  });

  it("a time unit's hours are read in French and compared once normalised", () => {
    const base = { activityId: "a", name: "Accueil du matin", capacity: "20" };
    expect(timeUnitSchema.parse({ ...base, startTime: "7h30", endTime: "8 h 45" })).toMatchObject({ startTime: "07:30", endTime: "08:45" });
    const late = timeUnitSchema.safeParse({ ...base, startTime: "9h", endTime: "08:00" });
    expect(late.error?.issues[0]?.message).toBe("Heure de fin : elle doit suivre l'heure de début.");
  });
});

describe("the structure's colour", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#1e40af", "#ffffff")).toBeGreaterThan(4.5);
  });

  it("refuses a colour too light for white text, with what to do", () => {
    const result = identitySchema.safeParse({ ...identity, primaryColor: "#ffcc00" });
    expect(result.error?.issues[0]?.message).toMatch(/^Couleur principale : trop claire.*Choisissez une teinte plus foncée\.$/);
    expect(identitySchema.safeParse({ ...identity, primaryColor: "bleu" }).error?.issues[0]?.message).toBe(
      "Couleur principale : au format #rrvvbb, par exemple #1e40af.",
    );
  });

  it("derives a darker and a soft shade", () => {
    const palette = brandPalette("#7A1F5C");
    expect(palette.brand).toBe("#7a1f5c");
    expect(contrastRatio(palette.dark, "#ffffff")).toBeGreaterThan(contrastRatio(palette.brand, "#ffffff"));
    expect(contrastRatio(palette.brand, palette.soft)).toBeGreaterThan(4.5);
  });
});

describe("information pages' text", () => {
  it("becomes headings, paragraphs and lists, never HTML", () => {
    expect(textBlocks("## Éditeur\n\nLa mairie\nde Testville.\n\n- un\n- deux\n\n<script>x</script>")).toEqual([
      { kind: "heading", text: "Éditeur" },
      { kind: "paragraph", text: "La mairie de Testville." },
      { kind: "list", items: ["un", "deux"] },
      { kind: "paragraph", text: "<script>x</script>" },
    ]);
  });
});

describe("/admin/parametres", () => {
  it("an admin sets the identity: header, footer and e-mail signature follow", async () => {
    const admin = await createStaffUser(prisma, { role: "ADMIN" });
    session.current = { user: { id: admin.id } };
    expect(await updateIdentityAction(identity)).toEqual({ ok: true, data: { message: "Identité de la structure enregistrée." } });
    expect(await getPortalIdentity()).toMatchObject({ ...identity, logoVersion: null });
    // The header's identity travels with the session's read (ADR 040): the new one at once, with the same user.
    expect(await getRequestIdentity()).toEqual(await getPortalIdentity());
    expect((await getSessionUser())?.id).toBe(admin.id);
    session.current = null;
    expect(await getRequestIdentity()).toMatchObject({ ...identity, logoVersion: null });
    expect(await getSessionUser()).toBeNull();
    session.current = { user: { id: admin.id } };
    const email = await prisma.$transaction((tx) =>
      enqueueEmail(tx, {
        to: "x@example.fr",
        template: "test",
        email: { subject: `Portail de ${STRUCTURE}`, html: `<p>${STRUCTURE}</p>`, text: `Cordialement,\n${STRUCTURE}` },
      }),
    );
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(row.subject).toBe(`Portail de ${identity.name}`);
    expect(row.text).toBe(`Cordialement,\n${identity.name}`);
    expect(row.html).toBe("<p>Mairie de Testville &mdash; Service enfance</p>".replace("&mdash;", "—"));
    await prisma.emailOutbox.delete({ where: { id: email.id } });
  });

  it("a bad colour changes nothing and says why", async () => {
    const admin = await createStaffUser(prisma, { role: "ADMIN" });
    session.current = { user: { id: admin.id } };
    await expectNothingChanged(async () => {
      const result = await updateIdentityAction({ ...identity, primaryColor: "#eeeeee" });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fieldErrors?.primaryColor).toMatch(/^Couleur principale : trop claire/);
    });
  });

  it("a logo is checked from its content: a PNG is kept, a text file named .png is refused", async () => {
    const admin = await createStaffUser(prisma, { role: "ADMIN" });
    session.current = { user: { id: admin.id } };
    expect(await uploadLogoAction(logoForm(PNG, "logo.png", "image/png"))).toEqual({ ok: true, data: { message: "Logo enregistré." } });
    expect((await getPortalLogo())?.type).toBe("image/png");
    expect((await getPortalIdentity()).logoVersion).not.toBeNull();
    // The same version as the PDFs' (read by Prisma): the epoch in milliseconds of the same updatedAt.
    expect((await getRequestIdentity()).logoVersion).toBe((await getDocumentIdentity())?.logoVersion);

    await expectNothingChanged(async () => {
      const fake = await uploadLogoAction(logoForm(new TextEncoder().encode("<svg onload=alert(1)>"), "logo.png", "image/png"));
      expect(fake).toMatchObject({ ok: false, fieldErrors: { logo: "Logo : le fichier doit être une image PNG, JPEG ou WebP." } });
      const big = await uploadLogoAction(logoForm(new Uint8Array(400 * 1024), "grand.png", "image/png"));
      expect(big).toMatchObject({ ok: false, fieldErrors: { logo: "Logo : 400 Ko, c'est plus que les 300 Ko acceptés." } });
    });

    expect(await removeLogoAction({})).toEqual({ ok: true, data: null });
    expect(await getPortalLogo()).toBeNull();
  });

  it("staff edit an information page; the identity stays an admin's", async () => {
    const staff = await createStaffUser(prisma);
    session.current = { user: { id: staff.id } };
    const saved = await updateInformationPageAction({
      slug: "MENTIONS_LEGALES",
      title: "Mentions légales",
      body: "## Éditeur\n\nMairie de Testville.",
    });
    expect(saved).toEqual({ ok: true, data: { message: "Page « Mentions légales » enregistrée." } });
    const row = await prisma.informationPage.findUniqueOrThrow({ where: { slug: "MENTIONS_LEGALES" } });
    expect(row).toMatchObject({ body: "## Éditeur\n\nMairie de Testville.", updatedById: staff.id });
    expect(await updateIdentityAction(identity)).toEqual({ ok: false, error: "Accès refusé." });
    expect(await updateInformationPageAction({ slug: "AUTRE", title: "x", body: "y" })).toMatchObject({ ok: false });
  });
});
