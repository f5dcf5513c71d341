import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { computeTaxCertificates } from "@/lib/billing/tax-certificates/compute-tax-certificates";
import { isUnderSixOnJanuaryFirst, splitCents } from "@/lib/billing/tax-certificates/rules";
import { publishTaxCertificates } from "@/lib/billing/tax-certificates/publish-tax-certificates";
import { listFamilyTaxCertificates, openTaxCertificate } from "@/lib/billing/tax-certificates/list-tax-certificates";
import { isValidSiret } from "@/lib/billing/tax-certificates/siret";
import { structureIdentitySchema } from "@/lib/billing/tax-certificates/schemas";
import { listDownloads, countNewDownloads } from "@/lib/documents/list-downloads";
import { fileStore } from "@/lib/files/storage";
import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { actorFromUser, NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, createPaidInvoice, createStaffUser, inscribe, linkSecondFoyer } from "@/prisma/factories";
import { createActivity, updateActivity } from "@/lib/activities/manage-activity";
import { activitySchema } from "@/lib/activities/schemas";
import { setStructureIdentity } from "@/lib/billing/tax-certificates/structure-identity";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { activityForm } from "./fixtures";

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;
const AFTER_YEAR = new Date("2027-01-20T10:00:00Z");
const at = (iso: string) => new Date(iso);

/**
 * A lieu with an eligible ALSH (units of 10,00 €) and a canteen (3,50 €, not eligible) and a family with Léo (born
 * 2021, under 6 on 1 January 2026) and Inès (born 2018, 7 then): each child inscribed in both.
 */
async function world(name: string) {
  const w = await createBookableWorld(prisma, {
    start: "2025-12-01",
    end: "2027-01-31",
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Journée", capacity: 30, prices: [1000, 1000, 1000, 1000] }],
  });
  await prisma.structure.update({
    where: { id: w.structure.id },
    data: { siret: "73282932000074", street: "3 place de la Mairie", postalCode: "59000" },
  });
  const canteenType = await prisma.careType.create({
    data: { structureId: w.structure.id, kind: "RESTAURATION_SCOLAIRE", name: "Cantine" },
  });
  const canteen = await prisma.activity.create({
    data: {
      structureId: w.structure.id,
      careTypeId: canteenType.id,
      name: `Cantine ${name}`,
      taxCertificateEligible: false,
      ageGroups: { create: [{ name: "Tous", minAgeMonths: 24, maxAgeMonths: 215 }] },
      timeUnits: { create: [{ name: "Midi", startTime: "11:30", endTime: "13:30", capacity: 100 }] },
      periods: { create: [{ name: "Année", startDate: at("2025-12-01T00:00:00Z"), endDate: at("2027-01-31T00:00:00Z") }] },
    },
    include: { ageGroups: true, timeUnits: true, periods: true },
  });
  const f = await createFamily(prisma, {
    lastName: name,
    firstName: "Claire",
    children: [
      { firstName: "Léo", birthDate: "2021-03-14", sex: "M" },
      { firstName: "Inès", birthDate: "2018-06-02", sex: "F" },
    ],
  });
  const [leo, ines] = f.children;
  const alsh = { leo: await inscribe(prisma, w, f.family, leo!.id), ines: await inscribe(prisma, w, f.family, ines!.id) };
  const canteenWorld = { activity: canteen, period: canteen.periods[0]!, ageGroup: canteen.ageGroups[0]! };
  const cantine = { leo: await inscribe(prisma, canteenWorld, f.family, leo!.id) };
  const day = (inscriptionId: string, unitId: string, date: string) =>
    prisma.reservation.create({ data: { inscriptionId, timeUnitId: unitId, date: at(`${date}T00:00:00Z`), status: "PRESENT" } });
  const alshDay = async (child: "leo" | "ines", date: string) => (await day(alsh[child].id, w.units[0]!.id, date)).id;
  const canteenDay = async (date: string) => (await day(cantine.leo.id, canteen.timeUnits[0]!.id, date)).id;
  return { w, f, leo: leo!, ines: ines!, alshDay, canteenDay };
}

describe("the rules", () => {
  it("under 6 on 1 January: born on 1 January of year − 6 counts, the day before does not", () => {
    expect(isUnderSixOnJanuaryFirst("2020-01-01", 2026)).toBe(true);
    expect(isUnderSixOnJanuaryFirst("2019-12-31", 2026)).toBe(false);
    expect(isUnderSixOnJanuaryFirst("2026-06-01", 2026)).toBe(true);
    expect(isUnderSixOnJanuaryFirst("2027-01-01", 2026)).toBe(false);
  });

  it("splitCents shares pro rata in integer cents, the remainder to the last share with a weight", () => {
    expect(splitCents(1000, [1, 1, 1])).toEqual([333, 333, 334]);
    expect(splitCents(1000, [1, 1, 0])).toEqual([500, 500, 0]);
    expect(splitCents(500, [2000, 1000])).toEqual([333, 167]);
    expect(splitCents(7, [0, 0])).toEqual([0, 0]);
  });

  it("a SIRET is 14 digits with a Luhn key; La Poste's by the sum of digits", () => {
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("7328293200007")).toBe(false);
    // La Poste: SIREN 356 000 000, the digits add up to a multiple of 5 (not a Luhn number).
    expect(isValidSiret("35600000000048")).toBe(true);
    expect(isValidSiret("35600000049837")).toBe(true);
    expect(isValidSiret("35600000049838")).toBe(false);
    const parsed = structureIdentitySchema.safeParse({ structureId: "x", name: "Lieu", siret: "732 829 320 00075" });
    expect(parsed.success).toBe(false);
    expect(structureIdentitySchema.parse({ structureId: "x", name: "Lieu", siret: "732 829 320 00074" }).siret).toBe("73282932000074");
  });
});

describe("the amount of a year", () => {
  it("payments received in the year, shared pro rata of the lines: canteen out, aid off, the child over 6 out, partial payments, avoirs", async () => {
    const { w, f, leo, alshDay, canteenDay } = await world("Calcul");
    const s = w.structure.id;
    // January 2026: Léo 2 ALSH days (2 × 10 €) and 2 meals (2 × 3,50 €); Inès 1 day; an aid of 5 € naming no day.
    await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2026-01",
      lines: [
        { label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2026-01-07") },
        { label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2026-01-14") },
        { label: "Léo cantine", totalCents: 350, reservationId: await canteenDay("2026-01-08") },
        { label: "Léo cantine", totalCents: 350, reservationId: await canteenDay("2026-01-09") },
        { label: "Inès ALSH", totalCents: 1000, reservationId: await alshDay("ines", "2026-01-07") },
        { label: "Aide CAF", totalCents: -500, isAid: true },
      ],
      payments: [{ amountCents: 3200, receivedAt: at("2026-02-10T10:00:00Z") }],
    });
    // Eligible: Léo 2 000, Inès 1 000; the aid (500) shared 2:1 → Léo 2 000 − 333 = 1 667 (Inès 833, over 6: left out).
    expect(await computeTaxCertificates(prisma, { structureId: s, year: 2026 })).toEqual([
      { familyId: f.family.id, childId: leo.id, amountCents: 1667 },
    ]);

    // February: 10 € ALSH + 3,50 € meal, 10 € of 13,50 € paid → 1 000 × 1 000 / 1 350 = 740,74 → 740.
    await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2026-02",
      lines: [
        { label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2026-02-04") },
        { label: "Léo cantine", totalCents: 350, reservationId: await canteenDay("2026-02-05") },
      ],
      payments: [{ amountCents: 1000, receivedAt: at("2026-03-05T10:00:00Z") }],
    });
    // March: paid 10 € in April, then an avoir of 4 €: only 6 € was owed, 6 € counted.
    const march = await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2026-03",
      lines: [{ label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2026-03-04") }],
      payments: [{ amountCents: 1000, receivedAt: at("2026-04-02T10:00:00Z") }],
    });
    await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2026-03",
      kind: "CREDIT_NOTE",
      creditedInvoiceId: march.id,
      lines: [{ label: "Avoir", totalCents: -400 }],
    });
    // December 2026 paid on 5 January 2027 (Paris): a 2027 expense. A payment at 23:30 UTC on 31 December 2025 is
    // 1 January 2026 in Paris: counted in 2026.
    await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2026-12",
      lines: [{ label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2026-12-02") }],
      payments: [{ amountCents: 1000, receivedAt: at("2027-01-05T10:00:00Z") }],
    });
    await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2025-12",
      lines: [{ label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2025-12-03") }],
      payments: [{ amountCents: 1000, receivedAt: at("2025-12-31T23:30:00Z") }],
    });
    // A failed payment counts for nothing.
    const failed = await createPaidInvoice(prisma, {
      structureId: s,
      familyId: f.family.id,
      month: "2026-04",
      lines: [{ label: "Léo ALSH", totalCents: 1000, reservationId: await alshDay("leo", "2026-04-01") }],
      payments: [{ amountCents: 1000, receivedAt: at("2026-05-02T10:00:00Z") }],
    });
    await prisma.payment.updateMany({ where: { allocations: { some: { invoiceId: failed.id } } }, data: { status: "FAILED" } });

    expect(await computeTaxCertificates(prisma, { structureId: s, year: 2026 })).toEqual([
      { familyId: f.family.id, childId: leo.id, amountCents: 1667 + 740 + 600 + 1000 },
    ]);
    expect(await computeTaxCertificates(prisma, { structureId: s, year: 2027 })).toEqual([
      { familyId: f.family.id, childId: leo.id, amountCents: 1000 },
    ]);
    // Léo was 4 on 1 January 2025: nothing paid in 2025 (Paris time) → no attestation.
    expect(await computeTaxCertificates(prisma, { structureId: s, year: 2025 })).toEqual([]);
  });

  it("two foyers (garde alternée): each foyer's own invoices give its own amount", async () => {
    const { w, f, leo, alshDay } = await world("Foyers");
    const second = await createFamily(prisma, { lastName: "Second", firstName: "Paul", civility: "M" });
    await linkSecondFoyer(prisma, leo.id, second.family.id);
    await createPaidInvoice(prisma, {
      structureId: w.structure.id,
      familyId: f.family.id,
      month: "2026-05",
      lines: [{ label: "Léo", totalCents: 1000, reservationId: await alshDay("leo", "2026-05-06") }],
      payments: [{ amountCents: 1000, receivedAt: at("2026-06-01T10:00:00Z") }],
    });
    await createPaidInvoice(prisma, {
      structureId: w.structure.id,
      familyId: second.family.id,
      month: "2026-05",
      lines: [{ label: "Léo", totalCents: 1000, reservationId: await alshDay("leo", "2026-05-13") }],
      payments: [{ amountCents: 700, receivedAt: at("2026-06-02T10:00:00Z") }],
    });
    const amounts = await computeTaxCertificates(prisma, { structureId: w.structure.id, year: 2026 });
    expect(amounts).toHaveLength(2);
    expect(amounts).toContainEqual({ familyId: f.family.id, childId: leo.id, amountCents: 1000 });
    expect(amounts).toContainEqual({ familyId: second.family.id, childId: leo.id, amountCents: 700 });
  });
});

describe("Générer et publier les attestations", () => {
  it("one attestation per family and child, its PDF in Téléchargements, one e-mail per family; run again: idempotent; a new payment: the same document, a new file", async () => {
    const { w, f, leo, alshDay } = await world("Publie");
    const other = await createFamily(prisma, { lastName: "Autre", children: [{ firstName: "Nina", birthDate: "2022-02-02", sex: "F" }] });
    const staff = await staffActor();
    await createPaidInvoice(prisma, {
      structureId: w.structure.id,
      familyId: f.family.id,
      month: "2026-06",
      lines: [{ label: "Léo", totalCents: 1234, reservationId: await alshDay("leo", "2026-06-03") }],
      payments: [{ amountCents: 1234, receivedAt: at("2026-07-01T10:00:00Z") }],
    });
    const first = await publishTaxCertificates({ structureId: w.structure.id, year: 2026, actor: staff, now: AFTER_YEAR });
    expect(first).toEqual({ families: 1, certificates: 1, unchanged: 0, removed: 0 });
    const [certificate] = await prisma.taxCertificate.findMany({ where: { structureId: w.structure.id }, include: { document: true } });
    expect(certificate).toMatchObject({ familyId: f.family.id, childId: leo.id, year: 2026, amountCents: 1234 });
    expect(certificate!.document).toMatchObject({
      kind: "FAMILY_ISSUED",
      status: "PUBLISHED",
      familyId: f.family.id,
      mimeType: "application/pdf",
    });

    const text = await pdfText((await fileStore().get(certificate!.document!.storageKey))!);
    expect(text).toContain("ATTESTATION DE FRAIS DE GARDE — ANNÉE 2026");
    expect(text).toContain("SIRET : 732 829 320 00074");
    expect(text).toContain("Léo PUBLIE, né(e) le 14/03/2021");
    expect(text).toContain("Madame Claire PUBLIE");
    expect(text).toMatch(/12,34\s€/);
    expect(text).toContain("Fait le 20/01/2027");

    // In Téléchargements (« nouveau ») and Mes factures of this family, not of another.
    expect((await listDownloads(f.family.id)).map((d) => d.id)).toContain(certificate!.documentId);
    expect(await countNewDownloads(f.family.id)).toBeGreaterThanOrEqual(1);
    expect((await listDownloads(other.family.id)).map((d) => d.id)).not.toContain(certificate!.documentId);
    expect(await listFamilyTaxCertificates(f.family.id)).toEqual([
      expect.objectContaining({ id: certificate!.id, year: 2026, amountCents: 1234, child: "Léo PUBLIE" }),
    ]);
    expect(await listFamilyTaxCertificates(other.family.id)).toEqual([]);
    const emails = await prisma.emailOutbox.findMany({ where: { familyId: f.family.id, template: "tax-certificates" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe("Vos attestations de frais de garde 2026 sont disponibles");
    expect(emails[0]!.text).toContain("Léo");

    // The parent opens it: no longer « nouveau »; another family's id is a missing one.
    const file = await openTaxCertificate({ id: certificate!.id, familyId: f.family.id, scope: ALL_LIEUX });
    expect(file.fileName).toBe("attestation-frais-de-garde-2026-leo-publie.pdf");
    expect((await listDownloads(f.family.id)).find((d) => d.id === certificate!.documentId)!.isNew).toBe(false);
    await expect(openTaxCertificate({ id: certificate!.id, familyId: other.family.id, scope: ALL_LIEUX })).rejects.toThrow(NotFoundError);

    // Again, nothing new: nothing written.
    await expectNothingChanged(async () =>
      expect(await publishTaxCertificates({ structureId: w.structure.id, year: 2026, actor: staff, now: AFTER_YEAR })).toEqual({
        families: 0,
        certificates: 0,
        unchanged: 1,
        removed: 0,
      }),
    );

    // Another payment: the amount, the file and « nouveau » change; the document and the certificate stay the same rows.
    await createPaidInvoice(prisma, {
      structureId: w.structure.id,
      familyId: f.family.id,
      month: "2026-07",
      lines: [{ label: "Léo", totalCents: 1000, reservationId: await alshDay("leo", "2026-07-01") }],
      payments: [{ amountCents: 1000, receivedAt: at("2026-08-01T10:00:00Z") }],
    });
    await publishTaxCertificates({ structureId: w.structure.id, year: 2026, actor: staff, now: AFTER_YEAR });
    const again = await prisma.taxCertificate.findUniqueOrThrow({ where: { id: certificate!.id }, include: { document: true } });
    expect(again.amountCents).toBe(2234);
    expect(again.documentId).toBe(certificate!.documentId);
    expect(again.document!.storageKey).not.toBe(certificate!.document!.storageKey);
    expect(await fileStore().get(certificate!.document!.storageKey)).toBeNull();
    expect(await pdfText((await fileStore().get(again.document!.storageKey))!)).toMatch(/22,34\s€/);
    expect((await listDownloads(f.family.id)).find((d) => d.id === certificate!.documentId)!.isNew).toBe(true);
    expect(await prisma.emailOutbox.count({ where: { familyId: f.family.id, template: "tax-certificates" } })).toBe(2);
  });

  it("refused: a year not ended, a lieu outside the staff's; nothing written", async () => {
    const { w, f, alshDay } = await world("Refus");
    await createPaidInvoice(prisma, {
      structureId: w.structure.id,
      familyId: f.family.id,
      month: "2026-06",
      lines: [{ label: "Léo", totalCents: 1000, reservationId: await alshDay("leo", "2026-06-03") }],
      payments: [{ amountCents: 1000, receivedAt: at("2026-07-01T10:00:00Z") }],
    });
    const other = await createBookableWorld(prisma, {
      start: "2026-01-05",
      end: "2026-01-09",
      weekdays: [1],
      units: [{ name: "U", capacity: 1 }],
    });
    const limitedUser = await createStaffUser(prisma, { displayName: "Agent limité" });
    const limited = actorFromUser(limitedUser, { structureIds: [other.structure.id] });
    const everyLieu = await staffActor();
    await expectNothingChanged(async () => {
      await expect(publishTaxCertificates({ structureId: w.structure.id, year: 2026, actor: limited, now: AFTER_YEAR })).rejects.toThrow(
        NotFoundError,
      );
      await expect(
        publishTaxCertificates({ structureId: w.structure.id, year: 2026, actor: everyLieu, now: new Date("2026-12-01T10:00:00Z") }),
      ).rejects.toThrow(/année terminée/);
    });
  });

  it("a thousand families in batches (each with a child under 6 and a paid invoice)", { timeout: 600_000 }, async () => {
    const w = await createBookableWorld(prisma, {
      start: "2026-01-05",
      end: "2026-01-30",
      weekdays: [1],
      units: [{ name: "Lundi", capacity: 2000 }],
    });
    const n = 1000;
    const rows = Array.from({ length: n }, (_, i) => ({
      i,
      family: randomUUID(),
      child: randomUUID(),
      inscription: randomUUID(),
      reservation: randomUUID(),
      invoice: randomUUID(),
      payment: randomUUID(),
    }));
    await prisma.family.createMany({
      data: rows.map((r) => ({ id: r.family, name: `Famille Lot${r.i}`, street: "1 rue", postalCode: "59000", city: "Lille" })),
    });
    await prisma.child.createMany({
      data: rows.map((r) => ({
        id: r.child,
        familyId: r.family,
        lastName: `Lot${r.i}`,
        firstName: "Enfant",
        birthDate: at("2022-05-05T00:00:00Z"),
        sex: "F" as const,
      })),
    });
    await prisma.inscription.createMany({
      data: rows.map((r) => ({
        id: r.inscription,
        familyId: r.family,
        childId: r.child,
        activityId: w.activity.id,
        periodId: w.period.id,
        ageGroupId: w.ageGroup.id,
        status: "VALIDATED" as const,
        startDate: w.period.startDate,
        endDate: w.period.endDate,
      })),
    });
    await prisma.reservation.createMany({
      data: rows.map((r) => ({
        id: r.reservation,
        inscriptionId: r.inscription,
        timeUnitId: w.units[0]!.id,
        date: at("2026-01-05T00:00:00Z"),
        status: "INVOICED" as const,
      })),
    });
    await prisma.invoice.createMany({
      data: rows.map((r) => ({
        id: r.invoice,
        number: `2026-L${r.i}`,
        structureId: w.structure.id,
        year: 2026,
        sequence: r.i + 1,
        familyId: r.family,
        payerName: "Payeur",
        payerAddress: "1 rue",
        month: at("2026-01-01T00:00:00Z"),
        status: "PAID" as const,
        totalCents: 1500,
        paidCents: 1500,
      })),
    });
    await prisma.invoiceLine.createMany({
      data: rows.map((r) => ({
        invoiceId: r.invoice,
        reservationId: r.reservation,
        label: "Lundi",
        unitPriceCents: 1500,
        totalCents: 1500,
      })),
    });
    await prisma.payment.createMany({
      data: rows.map((r) => ({
        id: r.payment,
        familyId: r.family,
        method: "CHEQUE" as const,
        status: "SUCCEEDED" as const,
        amountCents: 1500,
        receivedAt: at("2026-02-01T10:00:00Z"),
      })),
    });
    await prisma.paymentAllocation.createMany({
      data: rows.map((r) => ({ paymentId: r.payment, invoiceId: r.invoice, amountCents: 1500 })),
    });
    const summary = await publishTaxCertificates({ structureId: w.structure.id, year: 2026, actor: await staffActor(), now: AFTER_YEAR });
    expect(summary).toEqual({ families: n, certificates: n, unchanged: 0, removed: 0 });
    expect(await prisma.document.count({ where: { kind: "FAMILY_ISSUED", familyId: { in: rows.map((r) => r.family) } } })).toBe(n);
    expect(await prisma.taxCertificate.aggregate({ where: { structureId: w.structure.id }, _sum: { amountCents: true } })).toEqual({
      _sum: { amountCents: 1500 * n },
    });
  });
});

describe("the lieu's identity and the activities counted", () => {
  it("a canteen is left off the attestation unless staff say otherwise; an ALSH is counted", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2026-01-05",
      end: "2026-01-09",
      weekdays: [1],
      units: [{ name: "U", capacity: 1 }],
    });
    const parse = (changes: Record<string, string>) => activitySchema.parse(activityForm(w.structure.id, changes));
    const canteen = await createActivity(parse({ careKind: "RESTAURATION_SCOLAIRE", name: "Cantine" }), ALL_LIEUX);
    const alsh = await createActivity(parse({ name: "Vacances" }), ALL_LIEUX);
    const eligible = async (id: string) => (await prisma.activity.findUniqueOrThrow({ where: { id } })).taxCertificateEligible;
    expect(await eligible(canteen.id)).toBe(false);
    expect(await eligible(alsh.id)).toBe(true);
    // The form's answer wins; no answer leaves it as it was.
    await updateActivity(
      canteen.id,
      parse({ careKind: "RESTAURATION_SCOLAIRE", name: "Cantine", taxCertificateEligible: "oui" }),
      ALL_LIEUX,
    );
    expect(await eligible(canteen.id)).toBe(true);
    await updateActivity(canteen.id, parse({ careKind: "RESTAURATION_SCOLAIRE", name: "Cantine" }), ALL_LIEUX);
    expect(await eligible(canteen.id)).toBe(true);
  });

  it("staff set the lieu's identity (SIRET checked); another lieu's is a missing one; a taken name is said", async () => {
    const [a, b] = await Promise.all(
      ["A", "B"].map(() =>
        createBookableWorld(prisma, { start: "2026-01-05", end: "2026-01-09", weekdays: [1], units: [{ name: "U", capacity: 1 }] }),
      ),
    );
    const staff = await staffActor();
    const data = structureIdentitySchema.parse({
      structureId: a!.structure.id,
      name: `Mairie ${a!.structure.id.slice(-6)}`,
      street: "1 place de la Mairie",
      postalCode: "59000",
      city: "Lille",
      email: "Accueil@Mairie.fr",
      phone: "03 20 00 00 00",
      siret: "732 829 320 00074",
    });
    await setStructureIdentity({ ...data, actor: staff });
    expect(await prisma.structure.findUniqueOrThrow({ where: { id: a!.structure.id } })).toMatchObject({
      street: "1 place de la Mairie",
      email: "accueil@mairie.fr",
      siret: "73282932000074",
    });
    const limited = actorFromUser(await createStaffUser(prisma, { displayName: "Agent de B" }), { structureIds: [b!.structure.id] });
    await expectNothingChanged(async () => {
      await expect(setStructureIdentity({ ...data, name: "Pris", actor: limited })).rejects.toThrow(NotFoundError);
      await expect(setStructureIdentity({ ...data, structureId: b!.structure.id, actor: staff, name: data.name })).rejects.toThrow(
        "un autre lieu porte déjà ce nom",
      );
    });
  });
});
