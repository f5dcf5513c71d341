import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { invoicePdf } from "@/lib/billing/render-invoice-pdf";
import { extractText, getDocumentProxy } from "unpdf";
import { recordDeskPayment } from "@/lib/billing/record-desk-payment";
import { collectDueDebits } from "@/lib/billing/sepa/collect";
import { exportDebitBatch, previewDebits } from "@/lib/billing/sepa/export-batch";
import { mandatePdf } from "@/lib/billing/sepa/mandate-pdf";
import { getFamilyMandates, revokeMandate, signMandate } from "@/lib/billing/sepa/mandates";
import { pain008, type Pain008Input } from "@/lib/billing/sepa/pain008";
import { importReturns, rejectDebit } from "@/lib/billing/sepa/reject";
import { paperMandateSchema, sepaSettingsSchema, signMandateSchema } from "@/lib/billing/sepa/schemas";
import { bicFault, creditorIdFault, ibanFault, maskIban, normalizeIban, sepaText } from "@/lib/billing/sepa/validate";
import { ALL_LIEUX, scopeOf } from "@/lib/auth/staff-scope";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, createStaffUser, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

/*
 * Prélèvement SEPA (ADR 053): bank details checked, mandates (one active per family and lieu, RUM never reused),
 * the pain.008 file validated against the official XSD, pré-notification, collection, rejection (before and after
 * collection, twice, with a fee invoice numbered without gap), « Payer » refused meanwhile, and the races.
 */

const XSD = path.resolve(__dirname, "../.cache/sepa-xsd/pain.008.001.02.xsd");

/** Every exported file is checked against the ISO 20022 schema; a missing schema fails the test, never skips it. */
async function expectValidPain008(xml: string) {
  if (!fs.existsSync(XSD))
    throw new Error(
      `Schéma XSD absent (${XSD}) : lancez ./scripts/fetch-sepa-xsd.sh (paquet Debian tryton-modules-account-payment-sepa) avant les tests.`,
    );
  const result = await validateXML({
    xml: [{ fileName: "lot.xml", contents: xml }],
    schema: [{ fileName: "pain.008.001.02.xsd", contents: fs.readFileSync(XSD, "utf8") }],
  });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

const ICS = "FR72ZZZ123456";
const CREDITOR_IBAN = "FR7630006000011234567890189";
const FAMILY_IBAN = "FR1420041010050500013M02606";
const BIC = "AGRIFRPPXXX";
const FAMILY_BIC = "PSSTFRPPLIL";
const day = (d: string) => new Date(`${d}T00:00:00Z`);
/** Signed in December 2026: the mandate applies to January 2027's invoices on. */
const SIGNED = new Date("2026-12-10T10:00:00Z");
const BILLED = new Date("2027-02-01T09:00:00Z");

async function world(options: { fee?: number | null } = {}) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-02-28",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 50, prices: [400, 600, 800, 1000] }],
  });
  await prisma.structure.update({
    where: { id: w.structure.id },
    data: {
      sepaCreditorId: ICS,
      sepaCreditorName: "Centre social Les Tilleuls",
      sepaCreditorIban: CREDITOR_IBAN,
      sepaCreditorBic: BIC,
      sepaRejectionFeeCents: options.fee === undefined ? 500 : options.fee,
    },
  });
  return w;
}

type World = Awaited<ReturnType<typeof world>>;

/** A family of the world with `days` of January (or another month) present, and its parent's actor. */
async function family(w: World, name: string, days = ["2027-01-06", "2027-01-13"]) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
  for (const d of days)
    await prisma.reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: day(d), status: "PRESENT" },
    });
  return { ...f, inscription, actor: actorFromUser(f.user) };
}

type Family = Awaited<ReturnType<typeof family>>;

async function bill(w: World, month = "2027-01", now = BILLED) {
  const staff = await staffActor();
  await generateMonth({ structureId: w.structure.id, month, actor: staff, now });
  const next = `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, "0")}`;
  await issueMonth({ structureId: w.structure.id, month, dueDate: `${next}-20`, actor: staff });
  return staff;
}

const sign = (w: World, f: Family, now = SIGNED) =>
  signMandate({
    familyId: f.family.id,
    structureId: w.structure.id,
    holderName: `Camille ${f.family.name}`,
    iban: FAMILY_IBAN,
    bic: FAMILY_BIC,
    signedPlace: "Lille",
    actor: f.actor,
    now,
  });

const invoiceOf = (f: Family, month = "2027-01") =>
  prisma.invoice.findFirstOrThrow({ where: { familyId: f.family.id, month: day(`${month}-01`), kind: "INVOICE" } });

describe("bank details", () => {
  it("an IBAN: spaces and case accepted, each fault its own French message", () => {
    expect(normalizeIban("fr14 2004 1010 0505 0001 3m02 606")).toBe(FAMILY_IBAN);
    expect(ibanFault("fr14 2004 1010 0505 0001 3m02 606")).toBeNull();
    expect(ibanFault("FR1520041010050500013M02606")).toBe("IBAN invalide : vérifiez la clé (les deux chiffres après le code du pays).");
    expect(ibanFault("FR142004101005050001")).toContain("le nombre de caractères ne correspond pas au pays");
    expect(ibanFault("1234")).toContain("code du pays");
    expect(ibanFault("")).toBe("IBAN : champ obligatoire.");
  });

  it("a BIC: 8 or 11 characters, of the IBAN's country", () => {
    expect(bicFault("agrifrpp", FAMILY_IBAN)).toBeNull();
    expect(bicFault("AGRIFRPPXXX", FAMILY_IBAN)).toBeNull();
    expect(bicFault("AGRIFR", FAMILY_IBAN)).toContain("8 ou 11 caractères");
    expect(bicFault("DEUTDEFFXXX", FAMILY_IBAN)).toContain("ne correspond pas au pays de l'IBAN (FR)");
    expect(bicFault("", FAMILY_IBAN)).toBe("BIC : champ obligatoire.");
  });

  it("an ICS: shape and ISO 7064 mod 97 check digits", () => {
    expect(creditorIdFault("fr72 zzz 123456")).toBeNull();
    expect(creditorIdFault("FR73ZZZ123456")).toBe("ICS invalide : vérifiez la clé (les deux chiffres après FR).");
    expect(creditorIdFault("FR72ZZZ12345")).toContain("13 caractères");
    expect(creditorIdFault("7272ZZZ123456")).toContain("2 lettres du pays");
    // The business code (ZZZ) is left out of the check: another one keeps the same key.
    expect(creditorIdFault("FR72ABC123456")).toBeNull();
  });

  it("the forms: every fault on its field, the values normalised", () => {
    const bad = signMandateSchema.safeParse({
      structureId: "s",
      holderName: "Camille",
      iban: "FR1520041010050500013M02606",
      bic: "XX",
      signedPlace: "Lille",
      consent: [],
    });
    expect(bad.success).toBe(false);
    const issues = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(issues.iban).toContain("IBAN invalide : vérifiez la clé");
    expect(issues.consent).toBe("Autorisation : cochez la case pour signer le mandat.");
    expect(issues.bic).toContain("BIC invalide");
    const good = paperMandateSchema.parse({
      familyId: "f",
      structureId: "s",
      holderName: "Camille",
      iban: "fr14 2004 1010 0505 0001 3m02 606",
      bic: "psstfrpplil",
      signedPlace: "Lille",
      signedOn: "01/12/2026",
    });
    expect(good).toMatchObject({ iban: FAMILY_IBAN, bic: FAMILY_BIC, signedOn: "2026-12-01" });
    const settings = sepaSettingsSchema.safeParse({
      structureId: "s",
      creditorId: "FR73ZZZ123456",
      creditorName: "Centre",
      iban: CREDITOR_IBAN,
      bic: BIC,
      prenotificationDays: "14",
      rejectionFee: "5,50",
    });
    expect(settings.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["creditorId", "ICS invalide : vérifiez la clé (les deux chiffres après FR)."],
    ]);
    expect(
      sepaSettingsSchema.parse({
        ...settings.data,
        structureId: "s",
        creditorId: ICS,
        creditorName: "C",
        iban: CREDITOR_IBAN,
        bic: BIC,
        prenotificationDays: "14",
        rejectionFee: "5,50",
      }),
    ).toMatchObject({ rejectionFee: 550, prenotificationDays: 14 });
  });

  it("names in the SEPA character set: accents taken off, control characters and « & » replaced", () => {
    expect(sepaText("Zoé Ça\u0007 Müller & Œdipe", 70)).toBe("Zoe Ca Muller OEdipe");
    expect(sepaText("x".repeat(80), 70)).toHaveLength(70);
    expect(maskIban(FAMILY_IBAN)).toBe("FR14 •••• 2606");
  });
});

describe("the pain.008 file", () => {
  const input: Pain008Input = {
    messageId: "PF20270201090000ABCD",
    createdAt: new Date("2027-02-01T09:00:00Z"),
    dueDate: "2027-02-15",
    creditor: { id: ICS, name: "Centre social Les Tilleuls & Cie", iban: CREDITOR_IBAN, bic: BIC },
    debits: [
      {
        endToEndId: "PF-CSLT-000001-2027-000001",
        amountCents: 1234,
        sequence: "FRST",
        rum: "PF-CSLT-000001",
        mandateSignedOn: "2026-12-10",
        debtorName: "Zoé Ça\u0007 Müller",
        iban: FAMILY_IBAN,
        bic: FAMILY_BIC,
        remittance: "Facture 2027-000001",
      },
      {
        endToEndId: "PF-CSLT-000002-2027-000002",
        amountCents: 5,
        sequence: "RCUR",
        rum: "PF-CSLT-000002",
        mandateSignedOn: "2026-11-03",
        debtorName: "Léa Ôté",
        iban: FAMILY_IBAN,
        bic: FAMILY_BIC,
        remittance: "Facture 2027-000002",
      },
      {
        endToEndId: "PF-CSLT-000003-2027-000003",
        amountCents: 100000,
        sequence: "RCUR",
        rum: "PF-CSLT-000003",
        mandateSignedOn: "2026-11-04",
        debtorName: "Noé",
        iban: FAMILY_IBAN,
        bic: FAMILY_BIC,
        remittance: "Facture 2027-000003",
      },
    ],
  };

  it("is valid against the official XSD: cents as « 12.34 », one block per sequence, totals, ICS, RUM, dates", async () => {
    const xml = pain008(input);
    await expectValidPain008(xml);
    expect(xml).toContain("<MsgId>PF20270201090000ABCD</MsgId>");
    expect(xml).toContain("<NbOfTxs>3</NbOfTxs><CtrlSum>1012.39</CtrlSum>");
    expect(xml).toContain("<NbOfTxs>1</NbOfTxs><CtrlSum>12.34</CtrlSum>");
    expect(xml).toContain("<NbOfTxs>2</NbOfTxs><CtrlSum>1000.05</CtrlSum>");
    expect(xml).toContain('<InstdAmt Ccy="EUR">12.34</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">1000.00</InstdAmt>');
    expect(xml.indexOf("<SeqTp>FRST</SeqTp>")).toBeLessThan(xml.indexOf("<SeqTp>RCUR</SeqTp>"));
    expect(xml.match(/<ReqdColltnDt>2027-02-15<\/ReqdColltnDt>/g)).toHaveLength(2);
    expect(xml).toContain(`<Id>${ICS}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm>`);
    expect(xml).toContain("<MndtId>PF-CSLT-000001</MndtId><DtOfSgntr>2026-12-10</DtOfSgntr>");
    expect(xml).toContain("<EndToEndId>PF-CSLT-000001-2027-000001</EndToEndId>");
    expect(xml).toContain("<Dbtr><Nm>Zoe Ca Muller</Nm></Dbtr>");
    expect(xml).toContain("<Nm>Centre social Les Tilleuls Cie</Nm>");
    expect(xml).not.toMatch(/[\u0000-\u0008\u00C0-\u017F]/);
  });

  it("a file the schema refuses is caught by the check (the check can fail)", async () => {
    const broken = pain008(input).replace("<SeqTp>FRST</SeqTp>", "<SeqTp>PREMIER</SeqTp>");
    await expect(expectValidPain008(broken)).rejects.toThrow();
  });
});

describe("mandates", () => {
  it("signed online: a RUM of the lieu, debited from the next month, one active per family and lieu; revoked, a new one gets a new RUM", async () => {
    const w = await world();
    const a = await family(w, "Ambre");
    const first = await sign(w, a);
    expect(first.rum).toMatch(/^PF-[A-Z0-9]+-000001$/);
    expect(first.firstMonth).toBe("2027-01");
    const row = await prisma.sepaMandate.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      status: "ACTIVE",
      signedOnline: true,
      iban: FAMILY_IBAN,
      signedPlace: "Lille",
      activeKey: `${a.family.id}|${w.structure.id}`,
    });
    await expect(sign(w, a)).rejects.toThrow(`Un mandat de prélèvement est déjà actif pour ce lieu (RUM ${first.rum})`);
    expect(await prisma.sepaMandate.count({ where: { familyId: a.family.id } })).toBe(1);
    // The confirmation e-mail.
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: a.family.id, template: "sepa-mandate" } });
    expect(mail.text).toContain(`référence unique du mandat ${first.rum}`);
    expect(mail.text).toContain("FR14 •••• 2606");

    await revokeMandate({ mandateId: first.id, familyId: a.family.id, actor: a.actor });
    expect(await prisma.sepaMandate.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "REVOKED", activeKey: null });
    await expect(revokeMandate({ mandateId: first.id, familyId: a.family.id, actor: a.actor })).rejects.toThrow("déjà révoqué");
    const second = await sign(w, a);
    expect(second.rum).toBe(first.rum.replace(/000001$/, "000002"));
  });

  it("two signatures at once: one mandate, the other told one is active", async () => {
    const w = await world();
    const a = await family(w, "Bastien");
    const results = await Promise.allSettled([sign(w, a), sign(w, a), sign(w, a)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect(String((r as PromiseRejectedResult).reason)).toContain("déjà actif pour ce lieu");
    expect(await prisma.sepaMandate.count({ where: { familyId: a.family.id, status: "ACTIVE" } })).toBe(1);
  });

  it("another family's mandate, or a lieu the family has nothing with: « introuvable », nothing written", async () => {
    const w = await world();
    const [a, b] = [await family(w, "Chloe"), await family(w, "Dario")];
    const mine = await sign(w, a);
    const other = await world();
    await expectNothingChanged(async () => {
      await expect(revokeMandate({ mandateId: mine.id, familyId: b.family.id, actor: b.actor })).rejects.toThrow("introuvable");
      await expect(sign(other, b)).rejects.toThrow("introuvable");
      await expect(mandatePdf({ mandateId: mine.id, familyId: b.family.id })).rejects.toThrow("introuvable");
    });
    const pdf = await mandatePdf({ mandateId: mine.id, familyId: a.family.id });
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.fileName).toBe(`mandat-sepa-${mine.rum}.pdf`);
  });

  it("staff record a paper mandate with its signature date; staff of another lieu cannot", async () => {
    const w = await world();
    const a = await family(w, "Elsa");
    const staff = await staffActor();
    const paper = await signMandate({
      familyId: a.family.id,
      structureId: w.structure.id,
      holderName: "Elsa Martin",
      iban: FAMILY_IBAN,
      bic: FAMILY_BIC,
      signedPlace: "Lille",
      signedOn: "2026-11-20",
      actor: staff,
      now: SIGNED,
    });
    expect(await prisma.sepaMandate.findUniqueOrThrow({ where: { id: paper.id } })).toMatchObject({
      signedOnline: false,
      signedAt: day("2026-11-20"),
      firstMonth: day("2027-01-01"),
    });
    const other = await world();
    const limitedUser = await createStaffUser(prisma);
    const limited = actorFromUser(limitedUser, scopeOf("STAFF", [other.structure.id]));
    await revokeMandate({ mandateId: paper.id, familyId: null, actor: staff });
    await expectNothingChanged(async () => {
      await expect(
        signMandate({
          familyId: a.family.id,
          structureId: w.structure.id,
          holderName: "X",
          iban: FAMILY_IBAN,
          bic: FAMILY_BIC,
          signedPlace: "Lille",
          signedOn: "2026-11-20",
          actor: limited,
        }),
      ).rejects.toThrow("introuvable");
    });
  });
});

describe("exporting a month's debits", () => {
  it("the month's unpaid invoices of families with a mandate: a batch, its debits (FRST), a file valid against the XSD, one pré-notification per family", async () => {
    const w = await world();
    const [a, b, none] = [await family(w, "Fanny"), await family(w, "Gael", ["2027-01-06"]), await family(w, "Hugo")];
    const ma = await sign(w, a);
    const mb = await sign(w, b);
    const staff = await bill(w);
    const [ia, ib] = [await invoiceOf(a), await invoiceOf(b)];
    // Part of b's invoice was paid at the desk: only the rest is debited.
    await recordDeskPayment({
      familyId: b.family.id,
      method: "ESPECES",
      amountCents: 100,
      reference: null,
      receivedOn: "2027-02-02",
      invoiceIds: [ib.id],
      actor: staff,
      now: new Date("2027-02-02T10:00:00Z"),
    });
    const preview = await previewDebits({ structureId: w.structure.id, month: "2027-01", scope: ALL_LIEUX, now: BILLED });
    expect(preview.lines.map((l) => [l.invoiceNumber, l.amountCents, l.sequence, l.excluded])).toEqual([
      [ia.number, ia.totalCents, "FRST", null],
      [ib.number, ib.totalCents - 100, "FRST", null],
    ]);
    expect(preview.earliestDueDate).toBe("2027-02-15");
    await expectNothingChanged(async () => {
      await expect(
        exportDebitBatch({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-14", actor: staff, now: BILLED }),
      ).rejects.toThrow("Date d'échéance : au plus tôt le 15/02/2027 (les familles sont prévenues 14 jours avant).");
    });
    const batch = await exportDebitBatch({
      structureId: w.structure.id,
      month: "2027-01",
      dueDate: "2027-02-15",
      actor: staff,
      now: BILLED,
    });
    expect(batch).toMatchObject({ count: 2, totalCents: ia.totalCents + ib.totalCents - 100 });
    const saved = await prisma.directDebitBatch.findUniqueOrThrow({ where: { id: batch.batchId }, include: { debits: true } });
    expect(saved).toMatchObject({ count: 2, dueDate: day("2027-02-15"), month: day("2027-01-01") });
    expect(saved.debits.map((d) => [d.invoiceId, d.sequence, d.status, d.endToEndId]).sort()).toEqual(
      [
        [ia.id, "FRST", "PENDING", `${ma.rum}-${ia.number}`],
        [ib.id, "FRST", "PENDING", `${mb.rum}-${ib.number}`],
      ].sort(),
    );
    await expectValidPain008(saved.xml);
    const euros = (cents: number) => (cents / 100).toFixed(2);
    expect(saved.xml).toContain(`<CtrlSum>${euros(saved.totalCents)}</CtrlSum>`);
    expect(saved.xml).toContain(`<MndtId>${ma.rum}</MndtId><DtOfSgntr>2026-12-10</DtOfSgntr>`);
    expect(saved.xml).toContain(`<InstdAmt Ccy="EUR">${euros(ib.totalCents - 100)}</InstdAmt>`);
    expect(saved.xml).toContain(`<Id>${ICS}</Id>`);
    expect(saved.xml).toContain("<ReqdColltnDt>2027-02-15</ReqdColltnDt>");
    const mails = await prisma.emailOutbox.findMany({
      where: { familyId: { in: [a.family.id, b.family.id, none.family.id] }, template: "sepa-prenotification" },
    });
    expect(mails).toHaveLength(2);
    const toA = mails.find((m) => m.familyId === a.family.id)!;
    expect(toA.text).toContain(
      `Votre facture n° ${ia.number} de ${euros(ia.totalCents).replace(".", ",")} € sera prélevée le 15/02/2027 sur le compte …2606 (mandat RUM ${ma.rum}).`,
    );
    // Exported again: nothing left to debit for the month, nothing written.
    await expectNothingChanged(async () => {
      await expect(
        exportDebitBatch({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-15", actor: staff, now: BILLED }),
      ).rejects.toThrow("Aucune facture à prélever");
    });
  });

  it("a mandate signed after the month, or revoked: its family's invoice is not debited", async () => {
    const w = await world();
    const [late, gone] = [await family(w, "Ines"), await family(w, "Jules")];
    await sign(w, late, new Date("2027-01-15T10:00:00Z"));
    const g = await sign(w, gone);
    await revokeMandate({ mandateId: g.id, familyId: gone.family.id, actor: gone.actor });
    await bill(w);
    const preview = await previewDebits({ structureId: w.structure.id, month: "2027-01", scope: ALL_LIEUX, now: BILLED });
    expect(preview.lines).toEqual([]);
  });

  it("two exports at once: each invoice in one batch only", async () => {
    const w = await world();
    const families = [await family(w, "Kim"), await family(w, "Lou"), await family(w, "Max")];
    for (const f of families) await sign(w, f);
    const staff = await bill(w);
    const run = () => exportDebitBatch({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-16", actor: staff, now: BILLED });
    const results = await Promise.allSettled([run(), run(), run()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect(String((r as PromiseRejectedResult).reason)).toContain("Aucune facture à prélever");
    const debits = await prisma.directDebit.findMany({ where: { familyId: { in: families.map((f) => f.family.id) } } });
    expect(debits).toHaveLength(3);
    expect(new Set(debits.map((d) => d.invoiceId)).size).toBe(3);
    expect(await prisma.directDebitBatch.count({ where: { structureId: w.structure.id } })).toBe(1);
  });

  it("« Payer » an invoice in a pending debit is refused with its date; an online payment in progress keeps an invoice out of the file", async () => {
    const w = await world();
    const [a, b] = [await family(w, "Nina"), await family(w, "Oscar")];
    await sign(w, a);
    await sign(w, b);
    const staff = await bill(w);
    const [ia, ib] = [await invoiceOf(a), await invoiceOf(b)];
    // b started paying online before the export.
    await prisma.payment.create({
      data: { familyId: b.family.id, method: "STRIPE", status: "PENDING", amountCents: ib.totalCents, invoiceIds: [ib.id] },
    });
    const batch = await exportDebitBatch({
      structureId: w.structure.id,
      month: "2027-01",
      dueDate: "2027-02-15",
      actor: staff,
      now: BILLED,
    });
    expect(batch).toMatchObject({ count: 1, excluded: 1 });
    await expectNothingChanged(async () => {
      await expect(startOnlinePayment({ familyId: a.family.id, invoiceIds: [ia.id], actor: a.actor })).rejects.toThrow(
        `La facture n° ${ia.number} sera prélevée le 15/02/2027 : elle ne peut pas être payée en ligne d'ici là.`,
      );
    });
    const { pending } = await getFamilyMandates(a.family.id);
    expect(pending).toEqual([{ invoiceId: ia.id, amountCents: ia.totalCents, dueDate: day("2027-02-15") }]);
  });
});

describe("collection and rejection", () => {
  async function exported(options: { fee?: number | null } = {}) {
    const w = await world(options);
    const a = await family(w, "Paul");
    const mandate = await sign(w, a);
    const staff = await bill(w);
    const invoice = await invoiceOf(a);
    const batch = await exportDebitBatch({
      structureId: w.structure.id,
      month: "2027-01",
      dueDate: "2027-02-15",
      actor: staff,
      now: BILLED,
    });
    const debit = await prisma.directDebit.findFirstOrThrow({ where: { batchId: batch.batchId } });
    return { w, a, mandate, staff, invoice, debit };
  }

  it("after the due date: a « Prélèvement SEPA » payment received on that date pays the invoice, once however many runs; the next debits are RCUR", async () => {
    const { w, a, mandate, staff, invoice, debit } = await exported();
    expect(await collectDueDebits({ structureId: w.structure.id, now: new Date("2027-02-15T20:00:00Z") })).toEqual({ collected: 0 });
    const runs = await Promise.all(
      [1, 2, 3].map(() => collectDueDebits({ structureId: w.structure.id, now: new Date("2027-02-16T06:00:00Z") })),
    );
    expect(runs.reduce((sum, r) => sum + r.collected, 0)).toBe(1);
    const collected = await prisma.directDebit.findUniqueOrThrow({
      where: { id: debit.id },
      include: { payment: { include: { allocations: true } } },
    });
    expect(collected.status).toBe("COLLECTED");
    expect(collected.payment).toMatchObject({
      method: "PRELEVEMENT",
      status: "SUCCEEDED",
      amountCents: invoice.totalCents,
      receivedAt: day("2027-02-15"),
      reference: `${mandate.rum} / ${debit.endToEndId}`,
    });
    expect(collected.payment!.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amountCents: invoice.totalCents })]);
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({
      status: "PAID",
      paidCents: invoice.totalCents,
    });
    expect((await prisma.sepaMandate.findUniqueOrThrow({ where: { id: mandate.id } })).firstCollectedAt).toEqual(day("2027-02-15"));
    expect(await prisma.emailOutbox.count({ where: { familyId: a.family.id, template: "payment-received" } })).toBe(1);
    // The quittance names the method as the other payments' do.
    const quittance = await invoicePdf({ invoiceId: invoice.id, document: "quittance", familyId: a.family.id });
    const { text } = await extractText(await getDocumentProxy(quittance.bytes), { mergePages: true });
    expect(text).toContain("Prélèvement SEPA");
    expect(text).toContain(mandate.rum);
    // February: the same mandate, now RCUR.
    await prisma.reservation.create({
      data: { inscriptionId: a.inscription.id, timeUnitId: w.units[0]!.id, date: day("2027-02-03"), status: "PRESENT" },
    });
    await generateMonth({ structureId: w.structure.id, month: "2027-02", actor: staff, now: new Date("2027-03-01T09:00:00Z") });
    await issueMonth({ structureId: w.structure.id, month: "2027-02", dueDate: "2027-03-20", actor: staff });
    const preview = await previewDebits({
      structureId: w.structure.id,
      month: "2027-02",
      scope: ALL_LIEUX,
      now: new Date("2027-03-01T09:00:00Z"),
    });
    expect(preview.lines.map((l) => l.sequence)).toEqual(["RCUR"]);
  });

  it("a rejection before collection: the invoice stays due, a fee invoice (gapless number, one isFee line), the family told; recorded twice, nothing more", async () => {
    const { w, a, staff, invoice, debit } = await exported();
    const counter = await prisma.invoiceCounter.findUniqueOrThrow({
      where: { structureId_year: { structureId: w.structure.id, year: 2027 } },
    });
    const at = new Date("2027-02-17T10:00:00Z");
    expect(await rejectDebit({ debitId: debit.id, code: "AM04", rejectedOn: "2027-02-17", actor: staff, now: at })).toBe("REJECTED");
    expect(await prisma.directDebit.findUniqueOrThrow({ where: { id: debit.id } })).toMatchObject({
      status: "REJECTED",
      rejectionCode: "AM04",
      rejectionLabel: "Provision insuffisante",
      paymentId: null,
    });
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "ISSUED", paidCents: 0 });
    const fee = await prisma.invoice.findFirstOrThrow({
      where: { familyId: a.family.id, lines: { some: { isFee: true } } },
      include: { lines: true },
    });
    expect(fee).toMatchObject({
      status: "ISSUED",
      totalCents: 500,
      sequence: counter.last + 1,
      number: `2027-${String(counter.last + 1).padStart(6, "0")}`,
    });
    expect(fee.lines).toEqual([
      expect.objectContaining({ isFee: true, totalCents: 500, label: `Frais de rejet du prélèvement de la facture n° ${invoice.number}` }),
    ]);
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: a.family.id, template: "sepa-rejected" } });
    expect(mail.text).toContain(`a été rejeté par votre banque (motif : AM04 — Provision insuffisante)`);
    expect(mail.text).toContain(`Des frais de rejet de 5,00 € vous sont facturés (facture n° ${fee.number})`);
    // « Payer » works again, and the invoice is not exported again automatically.
    await expectNothingChanged(async () => {
      expect(await rejectDebit({ debitId: debit.id, code: "AM04", rejectedOn: "2027-02-17", actor: staff, now: at })).toBe("ALREADY");
      await expect(
        importReturns({ structureId: w.structure.id, lines: `${debit.endToEndId};AM04`, actor: staff, now: at }),
      ).resolves.toEqual({ recorded: 0, already: 1 });
    });
    const preview = await previewDebits({ structureId: w.structure.id, month: "2027-01", scope: ALL_LIEUX, now: at });
    expect(preview.lines.map((l) => l.excluded)).toEqual(["prélèvement rejeté : à payer autrement"]);
    // Collection later finds nothing to collect.
    expect(await collectDueDebits({ structureId: w.structure.id, now: new Date("2027-02-20T06:00:00Z") })).toEqual({ collected: 0 });
  });

  it("a rejection after collection: the payment reversed (« non abouti », allocation removed), the invoice due again", async () => {
    const { w, invoice, debit, staff } = await exported({ fee: null });
    await collectDueDebits({ structureId: w.structure.id, now: new Date("2027-02-16T06:00:00Z") });
    const { paymentId } = await prisma.directDebit.findUniqueOrThrow({ where: { id: debit.id } });
    await rejectDebit({ debitId: debit.id, code: "MD06", rejectedOn: "2027-02-20", actor: staff, now: new Date("2027-02-20T10:00:00Z") });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId! }, include: { allocations: true } })).toMatchObject({
      status: "FAILED",
      allocations: [],
    });
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "ISSUED", paidCents: 0 });
    const log = await prisma.transitionLog.findFirstOrThrow({
      where: { machine: "INVOICE", entityId: invoice.id, toStatus: "ISSUED", fromStatus: "PAID" },
    });
    expect(log.reason).toBe("Prélèvement rejeté (MD06 : Remboursement demandé par le débiteur)");
    // No fee configured: no fee invoice.
    expect(await prisma.invoiceLine.count({ where: { invoice: { familyId: invoice.familyId }, isFee: true } })).toBe(0);
  });

  it("the bank's returns as CSV: all or nothing, an unknown line or code named", async () => {
    const { w, staff, debit, invoice } = await exported({ fee: null });
    const other = await world();
    await expectNothingChanged(async () => {
      await expect(
        importReturns({ structureId: w.structure.id, lines: `EndToEndId;code\n${debit.endToEndId};AM04\nINCONNU-1;AM04`, actor: staff }),
      ).rejects.toThrow("Rejets, ligne 3 : aucun prélèvement « INCONNU-1 » dans les lots de ce lieu. Rien n'a été enregistré.");
      await expect(importReturns({ structureId: w.structure.id, lines: `${debit.endToEndId};ZZ99`, actor: staff })).rejects.toThrow(
        "motif « ZZ99 » inconnu",
      );
      // Another lieu's debit is not found from this lieu.
      await expect(importReturns({ structureId: other.structure.id, lines: `${debit.endToEndId};AM04`, actor: staff })).rejects.toThrow(
        "aucun prélèvement",
      );
    });
    expect(
      await importReturns({ structureId: w.structure.id, lines: `EndToEndId;code\n\n${debit.endToEndId} ; ac04\n`, actor: staff }),
    ).toEqual({ recorded: 1, already: 0 });
    expect(await prisma.directDebit.findUniqueOrThrow({ where: { id: debit.id } })).toMatchObject({
      status: "REJECTED",
      rejectionCode: "AC04",
    });
    expect(await prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "ISSUED" });
  });

  it("staff of another lieu: the debit and the batch answer as missing ones, nothing written", async () => {
    const { debit } = await exported();
    const other = await world();
    const user = await createStaffUser(prisma);
    const limited = actorFromUser(user, scopeOf("STAFF", [other.structure.id]));
    await expectNothingChanged(async () => {
      await expect(rejectDebit({ debitId: debit.id, code: "AM04", rejectedOn: "2027-02-17", actor: limited })).rejects.toThrow(
        "introuvable",
      );
    });
  });
});
