import { beforeEach, describe, expect, it, vi } from "vitest";

/** Security matrix of billing: a parent on every staff billing action, family A with family B's invoices and payments. */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as billing from "@/app/admin/facturation/actions";
import * as invoices from "@/app/mes-factures/actions";
import { setPaymentProviderAction } from "@/app/admin/structures/[id]/paiement-en-ligne/actions";
import PaymentProviderPage from "@/app/admin/structures/[id]/paiement-en-ligne/page";
import { payfipStandInAction } from "@/app/paiement/payfip-simulateur/actions";
import PayfipStandInPage from "@/app/paiement/payfip-simulateur/page";
import EmbeddedCheckoutPage from "@/app/mes-factures/paiement/carte/page";
import PaymentReturnPage from "@/app/mes-factures/paiement/page";
import StandInCheckoutPage from "@/app/paiement/simulateur/page";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import PaymentsPage from "@/app/admin/paiements/page";
import FamilyAccountPage from "@/app/admin/facturation/familles/[familyId]/page";
import { GET as exportPayments } from "@/app/admin/paiements/export/route";
import { GET as invoiceDocument } from "@/app/factures/[invoiceId]/[document]/route";
import * as attestations from "@/app/admin/facturation/attestations/actions";
import * as identity from "@/app/admin/structures/[id]/identite/actions";
import TaxCertificatesPage from "@/app/admin/facturation/attestations/page";
import CafFiguresPage from "@/app/admin/facturation/caf/page";
import StructureIdentityPage from "@/app/admin/structures/[id]/identite/page";
import { GET as taxCertificateDocument } from "@/app/factures/attestations/[certificateId]/route";
import { GET as exportCafFigures } from "@/app/admin/facturation/caf/export/route";
import { publishTaxCertificates } from "@/lib/billing/tax-certificates/publish-tax-certificates";
import { createBookableWorld, createFamily, createPaidInvoice, createStaffUser, inscribe } from "@/prisma/factories";
import * as sepa from "@/app/admin/facturation/prelevements/actions";
import * as mandates from "@/app/mes-factures/prelevement/actions";
import { sepaSettingsAction } from "@/app/admin/structures/[id]/prelevement/actions";
import { GET as mandateDocument } from "@/app/mes-factures/prelevement/mandat/[mandateId]/route";
import { GET as debitFile } from "@/app/admin/facturation/prelevements/[batchId]/fichier/route";
import SepaSettingsPage from "@/app/admin/structures/[id]/prelevement/page";
import DirectDebitsPage from "@/app/admin/facturation/prelevements/page";
import SignMandatePage from "@/app/mes-factures/prelevement/page";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

const NOT_FOUND = { ok: false, error: "Élément introuvable." };

async function billed(name: string) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20 }],
  });
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
  await prisma.reservation.create({
    data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date("2027-01-06T00:00:00Z"), status: "PRESENT" },
  });
  const staff = await staffActor();
  await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: new Date("2027-02-01T09:00:00Z") });
  await issueMonth({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-15", actor: staff });
  return { ...f, w, invoice: await prisma.invoice.findFirstOrThrow({ where: { familyId: f.family.id } }) };
}

beforeEach(() => {
  session.current = null;
});

describe("billing: a parent, another family", () => {
  it("a parent on every staff billing action → « Accès refusé. », nothing changes", async () => {
    const a = await billed("Ana");
    // A run whose server stopped: a parent cannot resume it.
    const dead = await prisma.billingRun.create({
      data: {
        structureId: a.w.structure.id,
        month: new Date("2027-01-01T00:00:00Z"),
        runningKey: `${a.w.structure.id}|2027-01`,
        heartbeatAt: new Date(Date.now() - 60_000),
      },
    });
    session.current = { user: { id: a.user.id } };
    await expectNothingChanged(async () => {
      expect(await billing.generateMonthAction({ structureId: a.w.structure.id, month: "2027-01" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await billing.issueMonthAction({ structureId: a.w.structure.id, month: "2027-01", dueDate: "15/02/2027" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await billing.lockMonthAction({ structureId: a.w.structure.id, month: "2027-01" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await billing.resumeBillingRunAction({ structureId: a.w.structure.id, runId: dead.id })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(
        await billing.recordDeskPaymentAction({
          familyId: a.family.id,
          method: "ESPECES",
          amount: "5",
          reference: "",
          receivedOn: "01/02/2027",
          invoiceIds: [a.invoice.id],
        }),
      ).toEqual({ ok: false, error: "Accès refusé." });
      expect(await billing.createCreditNoteAction({ invoiceId: a.invoice.id, amount: "5", reason: "Je me fais un avoir" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await billing.resolveAnomalyAction({ paymentId: "x", note: "vu" })).toEqual({ ok: false, error: "Accès refusé." });
      expect(await billing.billingSettingsAction({ structureId: a.w.structure.id, invoiceDueDays: "15", unpaidBlockDays: "" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(
        await setPaymentProviderAction({ structureId: a.w.structure.id, paymentProvider: "PAYFIP", payfipClientNumber: "012345" }),
      ).toEqual({ ok: false, error: "Accès refusé." });
      // The staff pages and the treasury's CSV.
      for (const render of [
        () => PaymentsPage({ searchParams: Promise.resolve({}) }),
        () => FamilyAccountPage({ params: Promise.resolve({ familyId: a.family.id }) }),
        () => PaymentProviderPage({ params: Promise.resolve({ id: a.w.structure.id }) }),
      ]) {
        const refused = await render().catch((e: unknown) => e);
        expect(String((refused as Error & { digest?: string }).digest)).toContain("/acces-refuse");
      }
      expect((await exportPayments(new Request("http://localhost/admin/paiements/export"))).status).toBe(403);
    });
    session.current = null;
    expect(
      await billing.recordDeskPaymentAction({
        familyId: a.family.id,
        method: "ESPECES",
        amount: "5",
        reference: "",
        receivedOn: "01/02/2027",
        invoiceIds: [],
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining("session") });
  });

  it("invoice and quittance PDFs: the family's own; another family's, a draft, an invented id → 404 (as missing); a visitor → 403; staff see any", async () => {
    const [a, b] = [await billed("Pdfa"), await billed("Pdfb")];
    const get = (id: string, document = "facture") =>
      invoiceDocument(new Request(`http://localhost/factures/${id}/${document}`), { params: Promise.resolve({ invoiceId: id, document }) });
    expect((await get(a.invoice.id)).status).toBe(403);
    session.current = { user: { id: a.user.id } };
    const own = await get(a.invoice.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    expect(own.headers.get("content-disposition")).toMatch(/^attachment; filename="facture-\d{4}-\d{6}\.pdf"/);
    expect((await get(b.invoice.id)).status).toBe(404);
    expect((await get(b.invoice.id, "quittance")).status).toBe(404);
    expect((await get("inexistant")).status).toBe(404);
    expect((await get(a.invoice.id, "../../etc/passwd")).status).toBe(404);
    // Not paid yet: no quittance (said, not hidden).
    expect((await get(a.invoice.id, "quittance")).status).toBe(409);
    session.current = { user: { id: (await prisma.user.findFirstOrThrow({ where: { role: "STAFF", lieux: { none: {} } } })).id } };
    expect((await get(b.invoice.id)).status).toBe(200);
  });

  it("the treasury's CSV neutralises formulas typed as a reference", async () => {
    const a = await billed("Csv");
    session.current = { user: { id: (await prisma.user.findFirstOrThrow({ where: { role: "STAFF", lieux: { none: {} } } })).id } };
    const due = a.invoice.totalCents;
    expect(
      await billing.recordDeskPaymentAction({
        familyId: a.family.id,
        method: "CHEQUE",
        amount: (due / 100).toFixed(2).replace(".", ","),
        reference: '=HYPERLINK("http://x")',
        receivedOn: new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris" }).format(new Date()),
        invoiceIds: [a.invoice.id],
      }),
    ).toMatchObject({ ok: true });
    const csv = await (await exportPayments(new Request("http://localhost/admin/paiements/export?mode=CHEQUE"))).text();
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toContain("Famille CSV");
    // The payment's number, as on the parent's receipt, right after its date.
    const { number } = await prisma.payment.findFirstOrThrow({ where: { familyId: a.family.id }, select: { number: true } });
    expect(csv).toMatch(new RegExp(`^\\d{2}/\\d{2}/\\d{4};${number};`, "m"));
    expect(csv).toContain((due / 100).toFixed(2).replace(".", ","));
  });

  it("family A cannot pay B's invoice, open B's payment on the stand-in checkout or its return page, nor decide it — the same answer as a missing id", async () => {
    const [a, b] = [await billed("Alpha"), await billed("Bravo")];
    session.current = { user: { id: b.user.id } };
    const started = await invoices.payInvoicesAction({ invoiceIds: [b.invoice.id] });
    expect(started.ok).toBe(true);
    const paymentB = await prisma.payment.findFirstOrThrow({ where: { familyId: b.family.id } });
    session.current = { user: { id: a.user.id } };
    await expectNothingChanged(async () => {
      expect(await invoices.payInvoicesAction({ invoiceIds: [b.invoice.id] })).toEqual(NOT_FOUND);
      expect(await invoices.payInvoicesAction({ invoiceIds: [a.invoice.id, b.invoice.id] })).toEqual(NOT_FOUND);
      expect(await invoices.standInCheckoutAction({ paymentId: paymentB.id, outcome: "PAID" })).toEqual(NOT_FOUND);
      expect(await invoices.standInCheckoutAction({ paymentId: "inexistant", outcome: "PAID" })).toEqual(NOT_FOUND);
      expect(await payfipStandInAction({ idOp: "0123456789abcdef", outcome: "P" })).toEqual(NOT_FOUND);
      for (const render of [
        () => StandInCheckoutPage({ searchParams: Promise.resolve({ paiement: paymentB.id }) }),
        () => PaymentReturnPage({ searchParams: Promise.resolve({ session: paymentB.stripeCheckoutSessionId! }) }),
        () => PaymentReturnPage({ searchParams: Promise.resolve({ paiement: paymentB.id }) }),
        () => EmbeddedCheckoutPage({ searchParams: Promise.resolve({ paiement: paymentB.id }) }),
        () => PayfipStandInPage({ searchParams: Promise.resolve({ idop: "0123456789abcdef" }) }),
      ]) {
        const refused = await render().catch((e: unknown) => e);
        expect(String((refused as Error).message)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
      }
      expect(await invoices.payInvoicesAction({ invoiceIds: [] })).toMatchObject({
        ok: false,
        fieldErrors: { invoiceIds: "Cochez au moins une facture à payer." },
      });
    });
    // Staff cannot use a family's payment actions.
    session.current = { user: { id: (await prisma.user.findFirstOrThrow({ where: { role: "STAFF", lieux: { none: {} } } })).id } };
    expect(await invoices.payInvoicesAction({ invoiceIds: [b.invoice.id] })).toEqual({ ok: false, error: "Accès refusé." });
  });

  it("attestations fiscales and the CAF's figures: a parent on the staff actions, pages and CSV → refused; the PDF is the family's own (another family's, an invented id → 404; a visitor → 403); staff of another lieu → 404", async () => {
    const [a, b] = [await billed("Attesta"), await billed("Attestb")];
    // A child under 6 in each family, its January paid in 2026: an attestation each.
    for (const f of [a, b]) {
      await prisma.child.update({ where: { id: f.children[0]!.id }, data: { birthDate: new Date("2022-01-01T00:00:00Z") } });
      const reservation = await prisma.reservation.create({
        data: {
          inscriptionId: (await prisma.inscription.findFirstOrThrow({ where: { familyId: f.family.id } })).id,
          timeUnitId: f.w.units[0]!.id,
          date: new Date("2027-01-13T00:00:00Z"),
          status: "PRESENT",
        },
      });
      await createPaidInvoice(prisma, {
        structureId: f.w.structure.id,
        familyId: f.family.id,
        month: "2025-11",
        lines: [{ label: "Matin", totalCents: 900, reservationId: reservation.id }],
        payments: [{ amountCents: 900, receivedAt: new Date("2025-12-01T10:00:00Z") }],
      });
      await publishTaxCertificates({ structureId: f.w.structure.id, year: 2025, actor: await staffActor() });
    }
    const [certA, certB] = await Promise.all(
      [a, b].map((f) => prisma.taxCertificate.findFirstOrThrow({ where: { familyId: f.family.id } })),
    );
    const get = (id: string) =>
      taxCertificateDocument(new Request(`http://localhost/factures/attestations/${id}`), {
        params: Promise.resolve({ certificateId: id }),
      });
    expect((await get(certA.id)).status).toBe(403);

    session.current = { user: { id: a.user.id } };
    await expectNothingChanged(async () => {
      expect(await attestations.publishTaxCertificatesAction({ structureId: a.w.structure.id, year: "2025" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await identity.structureIdentityAction({ structureId: a.w.structure.id, name: "Pris", siret: "" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      for (const render of [
        () => TaxCertificatesPage({ searchParams: Promise.resolve({}) }),
        () => CafFiguresPage({ searchParams: Promise.resolve({}) }),
        () => StructureIdentityPage({ params: Promise.resolve({ id: a.w.structure.id }) }),
      ]) {
        const refused = await render().catch((e: unknown) => e);
        expect(String((refused as Error & { digest?: string }).digest)).toContain("/acces-refuse");
      }
      expect(
        (await exportCafFigures(new Request(`http://localhost/admin/facturation/caf/export?lieu=${a.w.structure.id}&periode=2027-01`)))
          .status,
      ).toBe(403);
      expect((await get(certB.id)).status).toBe(404);
      expect((await get("inexistant")).status).toBe(404);
      expect((await get("../../etc/passwd")).status).toBe(404);
    });
    const own = await get(certA.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    expect(own.headers.get("content-disposition")).toMatch(/^attachment; filename="attestation-frais-de-garde-2025-attesta-attesta\.pdf"/);

    // Staff limited to A's lieu: B's attestation and B's CAF figures are missing ones.
    const limited = await createStaffUser(prisma, { displayName: "Agent de A" });
    await prisma.staffStructure.create({ data: { userId: limited.id, structureId: a.w.structure.id } });
    session.current = { user: { id: limited.id } };
    expect((await get(certB.id)).status).toBe(404);
    expect((await get(certA.id)).status).toBe(200);
    const csv = (lieu: string) =>
      exportCafFigures(new Request(`http://localhost/admin/facturation/caf/export?lieu=${lieu}&periode=2027-01`));
    expect((await csv(b.w.structure.id)).status).toBe(404);
    const mine = await csv(a.w.structure.id);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await mine.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toMatch(/^Nom;Prénom;/);
    expect(
      (await exportCafFigures(new Request(`http://localhost/admin/facturation/caf/export?lieu=${a.w.structure.id}&periode=nope`))).status,
    ).toBe(404);
  });
});

describe("prélèvement SEPA (ADR 053): a parent, another family", () => {
  const IBAN = "FR1420041010050500013M02606";
  const sepaReady = (structureId: string) =>
    prisma.structure.update({
      where: { id: structureId },
      data: {
        sepaCreditorId: "FR72ZZZ123456",
        sepaCreditorName: "Centre",
        sepaCreditorIban: "FR7630006000011234567890189",
        sepaCreditorBic: "AGRIFRPPXXX",
      },
    });
  const signing = (structureId: string) => ({
    structureId,
    holderName: "Camille Testeur",
    iban: IBAN,
    bic: "PSSTFRPPLIL",
    signedPlace: "Lille",
    consent: ["oui"],
  });

  it("a parent on every staff SEPA action and page → « Accès refusé. », nothing changes", async () => {
    const a = await billed("Sepaa");
    await sepaReady(a.w.structure.id);
    session.current = { user: { id: a.user.id } };
    const denied = { ok: false, error: "Accès refusé." };
    await expectNothingChanged(async () => {
      expect(await sepa.exportBatchAction({ structureId: a.w.structure.id, month: "2027-01", dueDate: "15/02/2027" })).toEqual(denied);
      expect(await sepa.rejectDebitAction({ debitId: "x", code: "AM04", rejectedOn: "01/12/2026" })).toEqual(denied);
      expect(await sepa.importReturnsAction({ structureId: a.w.structure.id, lines: "x;AM04" })).toEqual(denied);
      expect(await sepa.staffRevokeMandateAction({ mandateId: "x" })).toEqual(denied);
      expect(await sepa.recordPaperMandateAction({ ...signing(a.w.structure.id), familyId: a.family.id, signedOn: "01/12/2026" })).toEqual(
        denied,
      );
      expect(
        await sepaSettingsAction({
          structureId: a.w.structure.id,
          creditorId: "FR72ZZZ123456",
          creditorName: "Moi",
          iban: IBAN,
          bic: "PSSTFRPPLIL",
          prenotificationDays: "2",
          rejectionFee: "",
        }),
      ).toEqual(denied);
      for (const render of [
        () => DirectDebitsPage({ searchParams: Promise.resolve({}) }),
        () => SepaSettingsPage({ params: Promise.resolve({ id: a.w.structure.id }) }),
      ]) {
        const refused = await render().catch((e: unknown) => e);
        expect(String((refused as Error & { digest?: string }).digest)).toContain("/acces-refuse");
      }
      expect((await debitFile(new Request("http://localhost/x"), { params: Promise.resolve({ batchId: "x" }) })).status).toBe(403);
    });
    // Staff cannot sign or revoke in a family's name.
    session.current = { user: { id: (await prisma.user.findFirstOrThrow({ where: { role: "STAFF", lieux: { none: {} } } })).id } };
    expect(await mandates.signMandateAction(signing(a.w.structure.id))).toEqual({ ok: false, error: "Accès refusé." });
    const page = await SignMandatePage({ searchParams: Promise.resolve({}) }).catch((e: unknown) => e);
    expect(String((page as Error & { digest?: string }).digest)).toContain("/acces-refuse");
  });

  it("family A with B's mandate or a lieu it has nothing with: « introuvable », nothing written; its own works", async () => {
    const [a, b] = [await billed("Sepab"), await billed("Sepac")];
    await sepaReady(a.w.structure.id);
    await sepaReady(b.w.structure.id);
    session.current = { user: { id: b.user.id } };
    expect(await mandates.signMandateAction(signing(b.w.structure.id))).toMatchObject({ ok: true });
    const mandateB = await prisma.sepaMandate.findFirstOrThrow({ where: { familyId: b.family.id } });
    const get = (mandateId: string) => mandateDocument(new Request("http://localhost/x"), { params: Promise.resolve({ mandateId }) });
    session.current = { user: { id: a.user.id } };
    await expectNothingChanged(async () => {
      expect(await mandates.revokeMandateAction({ mandateId: mandateB.id })).toEqual(NOT_FOUND);
      expect(await mandates.revokeMandateAction({ mandateId: "inexistant" })).toEqual(NOT_FOUND);
      // B's lieu: A has no inscription nor invoice there.
      expect(await mandates.signMandateAction(signing(b.w.structure.id))).toEqual(NOT_FOUND);
      const foreign = await get(mandateB.id);
      const missing = await get("inexistant");
      expect(foreign.status).toBe(404);
      expect(await foreign.text()).toBe(await missing.text());
      // A bad IBAN: its own message, on its field.
      expect(await mandates.signMandateAction({ ...signing(a.w.structure.id), iban: "FR1520041010050500013M02606" })).toMatchObject({
        ok: false,
        fieldErrors: { iban: "IBAN invalide : vérifiez la clé (les deux chiffres après le code du pays)." },
      });
    });
    expect(await mandates.signMandateAction(signing(a.w.structure.id))).toMatchObject({ ok: true });
    const mandateA = await prisma.sepaMandate.findFirstOrThrow({ where: { familyId: a.family.id } });
    const own = await get(mandateA.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    session.current = null;
    expect((await get(mandateA.id)).status).toBe(403);
  });
});
