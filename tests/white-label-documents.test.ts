import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import sharp from "sharp";
import { PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { invoicePdf } from "@/lib/billing/render-invoice-pdf";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { recordDeskPayment } from "@/lib/billing/record-desk-payment";
import { inscriptionAttestation } from "@/lib/inscriptions/render-inscription-attestation";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { accountValidatedEmail } from "@/lib/email/templates";
import { getPortalIdentity } from "@/lib/settings/manage-portal-identity";
import { identitySchema } from "@/lib/settings/schemas";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

/*
 * White-label down to the documents (issue 24, ADR 035): every PDF is headed with the identity of
 * /admin/parametres as it is when the PDF is made — name, address, phone, colour, logo — and the
 * product's own name can be renamed. A billed absence says so on the invoice.
 */

const OLD = {
  productName: "Portail Famille",
  name: "Centre social Les Tilleuls",
  primaryColor: "#17599e",
  address: "3 place des Tilleuls, 59000 Lille",
  phone: "03 20 00 00 00",
  email: "accueil@les-tilleuls.example",
  openingHours: "",
};
const NEW = {
  productName: "Espace Familles",
  name: "Mairie de Nouvelleville — Service enfance",
  primaryColor: "#7a1f5c",
  address: "8 avenue de la République, 75011 Paris",
  phone: "01 44 55 66 77",
  email: "enfance@nouvelleville.example",
  openingHours: "",
};

// A copy: pdf.js takes over (detaches) the buffer it is given.
const text = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true })).text;

/** The image XObjects a PDF carries (a PNG with transparency brings its mask as a second one). */
async function images(bytes: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(bytes);
  const found: { width: number; height: number }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) {
      found.push({ width: Number(object.dict.get(PDFName.of("Width"))), height: Number(object.dict.get(PDFName.of("Height"))) });
    }
  }
  return found;
}

const logo = (format: "png" | "jpeg" | "webp") =>
  sharp({ create: { width: 120, height: 40, channels: 3, background: "#7a1f5c" } })
    [format]()
    .toBuffer();

async function setIdentity(identity: typeof OLD, logoFile: { bytes: Buffer; type: string } | null) {
  const data = { ...identity, logo: logoFile ? new Uint8Array(logoFile.bytes) : null, logoType: logoFile?.type ?? null };
  await prisma.portalSettings.upsert({ where: { id: "portail" }, create: { id: "portail", ...data }, update: data });
}

/** A family billed for January 2027: one day present, one « absence facturée »; its inscription validated. */
async function billedWithAbsence() {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  // The lieu's own details, as the demo's: they must not head a document once the identity is set.
  await prisma.structure.update({
    where: { id: w.structure.id },
    data: { street: "3 place des Tilleuls", postalCode: "59000", phone: "03 20 00 00 00" },
  });
  const f = await createFamily(prisma, {
    lastName: "Blanc",
    quotientFamilial: 600,
    children: [{ firstName: "Nina", birthDate: "2018-03-02", sex: "F" }],
  });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
  for (const [day, status] of [
    ["2027-01-06", "PRESENT"],
    ["2027-01-13", "ABSENT_BILLED"],
  ] as const)
    await prisma.reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status },
    });
  const staff = await staffActor();
  await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: new Date("2027-02-01T09:00:00Z") });
  await issueMonth({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-28", actor: staff });
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { familyId: f.family.id } });
  return { w, f, inscription, invoice, staff };
}

afterAll(async () => {
  await prisma.portalSettings.deleteMany({});
});

describe("PDFs take the identity in force when they are made", () => {
  it("invoice, quittance and attestation: the new name, address, phone and logo, none of the old ones", async () => {
    const { w, f, inscription, invoice, staff } = await billedWithAbsence();
    const documents = async () => ({
      facture: (await invoicePdf({ invoiceId: invoice.id, document: "facture", familyId: f.family.id })).bytes,
      attestation: (await inscriptionAttestation({ id: inscription.id, familyId: f.family.id })).bytes,
    });

    // Before: the old identity, without a logo — it heads the documents (so the check below can fail).
    await setIdentity(OLD, null);
    const before = await documents();
    for (const bytes of Object.values(before)) {
      const t = await text(bytes);
      for (const part of [OLD.name, OLD.address, OLD.phone]) expect(t).toContain(part);
      expect(await images(bytes)).toEqual([]);
    }

    // An admin renames everything and uploads a PNG logo: the next documents follow. A second lieu (this run may hold
    // only this test's): a document then names its own lieu.
    await prisma.structure.create({ data: { name: `Autre lieu ${invoice.id}` } });
    await setIdentity(NEW, { bytes: await logo("png"), type: "image/png" });
    await recordDeskPayment({
      familyId: f.family.id,
      method: "CHEQUE",
      amountCents: invoice.totalCents,
      reference: "CHQ 77",
      receivedOn: new Date().toISOString().slice(0, 10),
      invoiceIds: [],
      actor: staff,
    });
    const after = {
      ...(await documents()),
      quittance: (await invoicePdf({ invoiceId: invoice.id, document: "quittance", familyId: f.family.id })).bytes,
    };
    for (const [kind, bytes] of Object.entries(after)) {
      const t = await text(bytes);
      for (const part of [NEW.name, NEW.address, `${NEW.phone} — ${NEW.email}`, `${NEW.productName} — ${NEW.name}`])
        expect(t, `${kind} : ${part}`).toContain(part);
      for (const part of [OLD.name, "place des Tilleuls", OLD.phone]) expect(t, `${kind} sans ${part}`).not.toContain(part);
      // Several lieux on this portal: the document names its own.
      expect(t).toContain(`Lieu d'accueil : ${w.structure.name}`);
      expect(await images(bytes), kind).toContainEqual({ width: 120, height: 40 });
      const doc = await PDFDocument.load(bytes);
      expect([doc.getAuthor(), doc.getCreator()]).toEqual([NEW.name, NEW.productName]);
    }
    expect(await text(after.quittance)).toContain(`${NEW.name} reconnaît avoir reçu`);
    // PDF_SHOTS=<folder>: keeps the three documents, to be looked at (pdftoppm).
    const shots = process.env.PDF_SHOTS;
    if (shots) for (const [kind, bytes] of Object.entries(after)) fs.writeFileSync(`${shots}/${kind}.pdf`, bytes);
  });

  it.each([
    ["JPEG", "image/jpeg", "jpeg"],
    ["WebP (converted to PNG)", "image/webp", "webp"],
  ] as const)("a %s logo is embedded too", async (_label, type, format) => {
    const { f, invoice } = await billedWithAbsence();
    await setIdentity(NEW, { bytes: await logo(format), type });
    const { bytes } = await invoicePdf({ invoiceId: invoice.id, document: "facture", familyId: f.family.id });
    expect(await images(bytes)).toContainEqual({ width: 120, height: 40 });
  });

  it("a logo that cannot be read heads the document with the name alone", async () => {
    const { f, invoice } = await billedWithAbsence();
    await setIdentity(NEW, { bytes: Buffer.from("pas une image"), type: "image/png" });
    const { bytes } = await invoicePdf({ invoiceId: invoice.id, document: "facture", familyId: f.family.id });
    expect(await images(bytes)).toEqual([]);
    expect(await text(bytes)).toContain(NEW.name);
  });
});

describe("a billed absence says so", () => {
  it("on the invoice's lines (Mes factures, the family's account) and in its PDF; a present day does not", async () => {
    await setIdentity(NEW, null);
    const { f, invoice } = await billedWithAbsence();
    const lines = (await getFamilyAccount(f.family.id))!.invoices.find((i) => i.id === invoice.id)!.lines;
    expect(lines.map((l) => [l.date?.toISOString().slice(0, 10), l.billedAbsence])).toEqual([
      ["2027-01-06", false],
      ["2027-01-13", true],
    ]);
    const t = await text((await invoicePdf({ invoiceId: invoice.id, document: "facture", familyId: f.family.id })).bytes);
    expect(t).toMatch(/13\/01\/2027\s+1\s+absence facturée/);
    expect(t).not.toMatch(/06\/01\/2027\s+1\s+absence facturée/);
    expect(t.match(/absence facturée/g)).toHaveLength(1);
  });
});

describe("the product's name", () => {
  it("is « Portail Famille » until renamed; renamed, it is in the identity and the e-mails", async () => {
    await prisma.portalSettings.deleteMany({});
    expect((await getPortalIdentity()).productName).toBe("Portail Famille");
    expect(identitySchema.parse({ ...NEW, productName: "" }).productName).toBe("Portail Famille");
    expect(identitySchema.parse({ ...NEW, productName: undefined }).productName).toBe("Portail Famille");
    await setIdentity(NEW, null);
    expect((await getPortalIdentity()).productName).toBe(NEW.productName);
    const email = await prisma.$transaction((tx) =>
      enqueueEmail(tx, {
        to: "x@example.fr",
        template: "test",
        email: accountValidatedEmail({ civility: "MME", firstName: "Nina", lastName: "Blanc" }),
      }),
    );
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(row.subject).toBe("Votre compte Espace Familles est validé");
    expect(row.text).toContain("Se connecter à Espace Familles");
    expect(row.text).not.toContain("[[portail]]");
    expect(row.html).not.toContain("Portail Famille");
    await prisma.emailOutbox.delete({ where: { id: email.id } });
  });
});
