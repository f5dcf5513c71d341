import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Staff limited to their lieux d'accueil (ADR 029). Two lieux, A and B; an agent limited to A replays every staff
 * action and staff route with B's ids: the same answer as a missing id, nothing written. The actions are read from
 * every `actions.ts` (as tests/actions-audience.test.ts does): a new staff action fails here until it says how it is
 * replayed, or why it belongs to no lieu.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { audienceOf } from "@/lib/action";
import { ALL_LIEUX, scopeOf, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { GET as attendanceCsv } from "@/app/admin/pointage/export/route";
import { GET as paymentsCsv } from "@/app/admin/paiements/export/route";
import { GET as invoiceDocument } from "@/app/factures/[invoiceId]/[document]/route";
import { GET as documentDownload } from "@/app/documents/[documentId]/route";
import { GET as debitFile } from "@/app/admin/facturation/prelevements/[batchId]/fichier/route";
import { GET as mandateDocument } from "@/app/mes-factures/prelevement/mandat/[mandateId]/route";
import { assignLieuAction, removeLieuAction } from "@/app/admin/equipe/actions";
import { listInscriptionQueue, listActivityFilters } from "@/lib/inscriptions/list-inscriptions";
import { pageReservationQueue, listReservationQueue } from "@/lib/reservations/list-reservation-queue";
import { countStaffQueues, readStaffHome } from "@/lib/staff/count-staff-queues";
import { navCounts } from "@/lib/messages/count-nav-badges";
import { listPayments } from "@/lib/billing/list-payments";
import { receivedQueue } from "@/lib/documents/list-received-documents";
import { listInbox } from "@/lib/messages/list-threads";
import { listActivities } from "@/lib/activities/manage-activity";
import { getFamilyFile } from "@/lib/families/get-family-file";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { fileStore } from "@/lib/files/storage";
import { createBookableWorld, createFamily, createStaffUser, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";
import { activityForm, childForm, tinyPng } from "./fixtures";

const NOT_FOUND = { ok: false, error: "Élément introuvable." };
const MISSING = "identifiant-inexistant";
/** A past Wednesday (pointage, walk-in, desk payment) and a future one (requests, exceptional day). */
const PAST = "2026-11-25";
const FUTURE = "2027-03-03";
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const fr = (d: string) => d.split("-").reverse().join("/");

/** One lieu with everything a staff action can name: ids of each kind, as the replays below use them. */
async function lieu(tag: string) {
  const w = await createBookableWorld(prisma, {
    start: "2026-11-02",
    end: "2027-06-30",
    weekdays: [3],
    units: [
      { name: "Matin", capacity: 10 },
      { name: "Après-midi", capacity: 10 },
    ],
  });
  const f = await createFamily(prisma, {
    lastName: `Lieu${tag}`,
    children: [
      { firstName: `Ana${tag}`, birthDate: "2018-03-02", sex: "F" },
      { firstName: `Bob${tag}`, birthDate: "2018-04-02", sex: "M" },
    ],
  });
  const [first, second] = [f.children[0]!, f.children[1]!];
  const validated = await inscribe(prisma, w, f.family, first.id);
  const pending = await inscribe(prisma, w, f.family, second.id, "PENDING");
  // Validated, with no reservation to come: it can be cancelled.
  const cancellable = await inscribe(prisma, w, f.family, second.id);
  const [matin, apresMidi] = [w.units[0]!, w.units[1]!];
  const reserve = (status: "RESERVED" | "REQUESTED" | "CANCELLATION_REQUESTED", d: string, unit = matin.id) =>
    prisma.reservation.create({ data: { inscriptionId: validated.id, timeUnitId: unit, date: day(d), status } });
  const present = await reserve("RESERVED", PAST);
  const requested = await reserve("REQUESTED", FUTURE);
  const cancelRequest = await reserve("CANCELLATION_REQUESTED", FUTURE, apresMidi.id);
  const rule = await prisma.timeUnitRule.create({ data: { unitId: matin.id, otherUnitId: apresMidi.id, kind: "REQUIRES" } });
  const tariffRule = await prisma.tariffRule.create({ data: { activityId: w.activity.id, validFrom: new Date("2027-04-01T00:00:00Z") } });
  const emptyPeriod = await prisma.period.create({
    data: { activityId: w.activity.id, name: "Été", startDate: day("2027-07-05"), endDate: day("2027-07-30") },
  });
  const invoice = await prisma.invoice.create({
    data: {
      number: `2026-${tag}00001`,
      structureId: w.structure.id,
      year: 2026,
      sequence: 900001,
      familyId: f.family.id,
      payerName: "Payeur",
      payerAddress: "1 rue A",
      month: day("2026-10-01"),
      status: "ISSUED",
      totalCents: 4000,
      issuedAt: new Date(),
      dueDate: day("2026-11-15"),
    },
  });
  const payment = await prisma.payment.create({
    data: {
      familyId: f.family.id,
      method: "STRIPE",
      status: "SUCCEEDED",
      amountCents: 1000,
      anomaly: "Montant inattendu",
      allocations: { create: [{ invoiceId: invoice.id, amountCents: 1000 }] },
    },
  });
  const run = await prisma.billingRun.create({
    data: {
      structureId: w.structure.id,
      month: day("2026-10-01"),
      runningKey: `${w.structure.id}|2026-10`,
      heartbeatAt: new Date(Date.now() - 120_000),
    },
  });
  const thread = await prisma.messageThread.create({
    data: {
      familyId: f.family.id,
      childId: first.id,
      subject: `Absence ${tag}`,
      messages: { create: [{ body: "Bonjour", fromStaff: false }] },
    },
  });
  const storageKey = `sc/${randomUUID().replaceAll("-", "")}`;
  await fileStore().put(storageKey, tinyPng(), "image/png");
  const document = await prisma.document.create({
    data: {
      familyId: f.family.id,
      childId: first.id,
      kind: "FAMILY_UPLOAD",
      status: "RECEIVED",
      title: "Carnet de vaccination",
      fileName: "carnet.png",
      mimeType: "image/png",
      sizeBytes: tinyPng().length,
      storageKey,
    },
  });
  const published = await prisma.document.create({
    data: {
      kind: "PUBLISHED",
      status: "PUBLISHED",
      title: `Menu ${tag}`,
      fileName: "menu.png",
      mimeType: "image/png",
      sizeBytes: 10,
      storageKey: `sc/${randomUUID().replaceAll("-", "")}`,
      structureId: w.structure.id,
    },
  });
  // Prélèvement SEPA (ADR 053): the lieu's creditor, the family's mandate, a batch with one debit of the invoice.
  await prisma.structure.update({
    where: { id: w.structure.id },
    data: {
      sepaCreditorId: "FR72ZZZ123456",
      sepaCreditorName: `Lieu ${tag}`,
      sepaCreditorIban: "FR7630006000011234567890189",
      sepaCreditorBic: "AGRIFRPPXXX",
    },
  });
  const mandate = await prisma.sepaMandate.create({
    data: {
      familyId: f.family.id,
      structureId: w.structure.id,
      rum: `PF-SC${tag}-${randomUUID().slice(0, 8)}`,
      holderName: "Payeur",
      iban: "FR1420041010050500013M02606",
      bic: "PSSTFRPPLIL",
      signedAt: day("2026-09-01"),
      firstMonth: day("2026-10-01"),
      activeKey: `${f.family.id}|${w.structure.id}`,
    },
  });
  const batch = await prisma.directDebitBatch.create({
    data: {
      structureId: w.structure.id,
      month: day("2026-10-01"),
      dueDate: day("2026-11-15"),
      messageId: `SC${tag}${randomUUID().slice(0, 8)}`,
      totalCents: 3000,
      count: 1,
      xml: "<Document/>",
    },
  });
  const debit = await prisma.directDebit.create({
    data: {
      batchId: batch.id,
      mandateId: mandate.id,
      familyId: f.family.id,
      invoiceId: invoice.id,
      amountCents: 3000,
      sequence: "FRST",
      endToEndId: `${mandate.rum}-${invoice.number}`,
    },
  });
  const change = await prisma.changeRequest.create({
    data: {
      familyId: f.family.id,
      kind: "PHONES",
      targetId: f.adult.id,
      before: {},
      after: { homePhone: "", mobilePhone: "0611111111", workPhone: "" },
    },
  });
  return {
    ...w,
    f,
    first,
    second,
    validated,
    pending,
    cancellable,
    matin,
    apresMidi,
    present,
    requested,
    cancelRequest,
    rule,
    tariffRule,
    emptyPeriod,
    invoice,
    payment,
    run,
    thread,
    document,
    published,
    change,
    mandate,
    batch,
    debit,
  };
}

type Lieu = Awaited<ReturnType<typeof lieu>>;

/** Every id of a lieu replaced by one that names nothing: the answer B's ids must get. */
function ghost(): Lieu {
  // Each object its own missing id (« f.family », « matin »…), so that two ids of a form stay two different ones.
  const node = (path: string): object =>
    new Proxy({}, { get: (_target, key) => (key === "id" ? `${MISSING}-${path}` : node(`${path}-${String(key)}`)) });
  return node("x") as Lieu;
}

const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const png = () => new File([tinyPng()], "programme.png", { type: "image/png" });
const activityFormOf = (structureId: string) => activityForm(structureId, { name: `Mercredis bis ${structureId.slice(-4)}` });

/** How each staff action is replayed with a lieu's ids. */
const REPLAY: Record<string, (l: Lieu) => unknown> = {
  validateInscriptionAction: (l) => ({ id: l.pending.id }),
  refuseInscriptionAction: (l) => ({ id: l.pending.id, reason: "Complet" }),
  decideInscriptionsAction: (l) => ({ decision: "refuse", ids: [l.pending.id], reason: "Complet" }),
  decideRenewalsAction: (l) => ({ decision: "validate", ids: [l.pending.id] }),
  cancelInscriptionAction: (l) => ({ id: l.cancellable.id, reason: "Départ" }),
  createActivityAction: (l) => activityFormOf(l.structure.id),
  updateActivityAction: (l) => ({ ...activityFormOf(l.structure.id), activityId: l.activity.id }),
  addPeriodAction: (l) => ({
    activityId: l.activity.id,
    name: "Automne",
    startDate: fr("2027-09-01"),
    endDate: fr("2027-10-20"),
    weekdays: ["3"],
    inHolidays: "non",
  }),
  addAgeGroupAction: (l) => ({ activityId: l.activity.id, name: "Grands", minYears: "", maxYears: "", capacity: "" }),
  addTimeUnitAction: (l) => ({ activityId: l.activity.id, name: "Soir", startTime: "17:30", endTime: "18:30", capacity: "5" }),
  setTariffsAction: (l) => ({ timeUnitId: l.matin.id, brackets: [{ qfMin: "0", qfMax: "", price: "3" }] }),
  setCapacityOverrideAction: (l) => ({ timeUnitId: l.matin.id, date: fr(FUTURE), capacity: "12" }),
  deletePeriodAction: (l) => ({ id: l.emptyPeriod.id }),
  deleteAgeGroupAction: (l) => ({ id: l.ageGroup.id }),
  deleteTimeUnitAction: (l) => ({ id: l.apresMidi.id }),
  addUnitRuleAction: (l) => ({ unitId: l.apresMidi.id, kind: "INCOMPATIBLE", otherUnitId: l.matin.id }),
  deleteUnitRuleAction: (l) => ({ id: l.rule.id }),
  setTariffRuleAction: (l) => ({
    activityId: l.activity.id,
    validFrom: fr(FUTURE),
    mode: "HOURLY",
    siblingSecondPercent: "10",
    siblingThirdPercent: "20",
    siblingScope: "DAY",
  }),
  deleteTariffRuleAction: (l) => ({ id: l.tariffRule.id }),
  setResidentCommunesAction: (l) => ({ structureId: l.structure.id, communes: "Lille\n59000" }),
  acceptReservationAction: (l) => ({ id: l.requested.id }),
  refuseReservationAction: (l) => ({ id: l.requested.id, reason: "Complet" }),
  decideReservationsAction: (l) => ({ decision: "refuse", ids: [l.requested.id], reason: "Complet" }),
  decideCancellationsAction: (l) => ({ decisions: [{ id: l.cancelRequest.id, decision: "EXCUSED" }], reason: "Malade" }),
  addCalendarExceptionAction: (l) => ({
    structureId: l.structure.id,
    kind: "VACANCES_SCOLAIRES",
    label: "Hiver",
    startDate: fr("2027-02-15"),
    endDate: fr("2027-02-19"),
  }),
  staffUpdateAddressAction: (l) => ({
    familyId: l.f.family.id,
    street: "2 rue B",
    addressComplement: "",
    postalCode: "59000",
    city: "Lille",
  }),
  staffUpdateQuotientAction: (l) => ({ familyId: l.f.family.id, quotientFamilial: "700", cafNumber: "1234567" }),
  staffUpdateAdultAction: (l) => ({
    familyId: l.f.family.id,
    adultId: l.f.adult.id,
    civility: "M",
    lastName: "Lieu",
    firstName: "Paul",
    birthDate: "1980-01-01",
    mobilePhone: "0611111111",
    email: "",
    relationship: "",
  }),
  staffChangeLoginEmailAction: (l) => ({ familyId: l.f.family.id, userId: l.f.user.id, email: `nouveau-${l.f.family.id}@exemple.fr` }),
  staffUpdateChildAction: (l) => ({
    ...childForm({ identity: { lastName: "Lieu", firstName: "Ana", birthDate: "2018-03-02", sex: "F" } }),
    familyId: l.f.family.id,
    childId: l.first.id,
  }),
  staffUpdatePhonesAction: (l) => ({
    homePhone: "",
    mobilePhone: "07 99 99 99 99",
    workPhone: "",
    familyId: l.f.family.id,
    adultId: l.f.adult.id,
  }),
  staffUpdatePreferencesAction: (l) => ({ profession: "Boulanger", employer: "", familyId: l.f.family.id, adultId: l.f.adult.id }),
  deactivateAccountAction: (l) => ({ familyId: l.f.family.id, id: l.f.user.id, reason: "Départ" }),
  reactivateAccountAction: (l) => ({ familyId: l.f.family.id, id: l.f.user.id, reason: "Retour" }),
  anonymiseFamilyAction: (l) => ({ id: l.f.family.id, reason: "Départ" }),
  cancelDayAction: (l) => ({ activityId: l.activity.id, date: fr(FUTURE), timeUnitIds: [], reason: "Grève" }),
  // Garde alternée (ADR 051): a child of the lieu's family, linked to (or unlinked from) a second foyer.
  linkChildFoyerAction: (l) => ({ childId: l.first.id, familyId: l.f.family.id }),
  unlinkChildFoyerAction: (l) => ({ childId: l.first.id, familyId: l.f.family.id }),
  searchSecondFoyerAction: (l) => ({ childId: l.first.id, query: "Lieu" }),
  setCustodyPlanAction: (l) => ({
    familyId: l.f.family.id,
    childId: l.first.id,
    kind: "ALTERNATE_WEEKS",
    evenWeeksFamilyId: l.f.family.id,
    weekdayFamilyIds: [],
    defaultFamilyId: l.f.family.id,
    days: [],
    firstFoyerSharePercent: null,
  }),
  validateChangeRequestAction: (l) => ({ id: l.change.id }),
  validateChildLinkAction: (l) => ({ id: l.change.id, childId: l.first.id }),
  refuseChangeRequestAction: (l) => ({ id: l.change.id, reason: "Non" }),
  decideChangeRequestsAction: (l) => ({ decision: "refuse", ids: [l.change.id], reason: "Non" }),
  recordAttendanceAction: (l) => ({
    activityId: l.activity.id,
    date: PAST,
    timeUnitId: l.matin.id,
    marks: [{ reservationId: l.present.id, mark: "PRESENT" }],
  }),
  addWalkInAction: (l) => ({ activityId: l.activity.id, date: fr(PAST), timeUnitId: l.apresMidi.id, inscriptionId: l.validated.id }),
  answerThreadAction: (l) => form({ threadId: l.thread.id, body: "Bien reçu, merci." }),
  assignThreadAction: (l) => ({ threadId: l.thread.id }),
  closeThreadAction: (l) => ({ threadId: l.thread.id }),
  generateMonthAction: (l) => ({ structureId: l.structure.id, month: "2026-11" }),
  // A due date a month ahead of the clock (the suite also runs with the clock moved forward, under faketime).
  issueMonthAction: (l) => ({
    structureId: l.structure.id,
    month: "2026-11",
    dueDate: fr(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)),
  }),
  resumeBillingRunAction: (l) => ({ structureId: l.structure.id, runId: l.run.id }),
  lockMonthAction: (l) => ({ structureId: l.structure.id, month: "2026-10" }),
  recordDeskPaymentAction: (l) => ({
    familyId: l.f.family.id,
    method: "ESPECES",
    amount: "5",
    reference: "",
    receivedOn: fr(PAST),
    invoiceIds: [l.invoice.id],
  }),
  createCreditNoteAction: (l) => ({ invoiceId: l.invoice.id, amount: "5", reason: "Erreur de tarif" }),
  resolveAnomalyAction: (l) => ({ paymentId: l.payment.id, note: "Remboursé" }),
  abandonPaymentAction: (l) => ({ paymentId: l.payment.id }),
  billingSettingsAction: (l) => ({ structureId: l.structure.id, invoiceDueDays: "20", unpaidBlockDays: "" }),
  setPaymentProviderAction: (l) => ({ structureId: l.structure.id, paymentProvider: "PAYFIP", payfipClientNumber: "012345" }),
  reviewDocumentsAction: (l) => ({ ids: [l.document.id], decision: "validate" }),
  acceptDocumentAction: (l) => ({ id: l.document.id }),
  refuseDocumentAction: (l) => ({ id: l.document.id, reason: "Illisible" }),
  publishDocumentAction: (l) => form({ title: "Programme", audience: `lieu:${l.structure.id}`, file: png() }),
  replacePublishedAction: (l) => form({ id: l.published.id, file: png() }),
  setPublishedAction: (l) => ({ id: l.published.id, published: false }),
  // Attestations fiscales (ADR 056): a lieu's year, its identity.
  publishTaxCertificatesAction: (l) => ({ structureId: l.structure.id, year: "2025" }),
  structureIdentityAction: (l) => ({ structureId: l.structure.id, name: "Accueil renommé", siret: "73282932000074" }),
  // Prélèvement SEPA (ADR 053).
  sepaSettingsAction: (l) => ({
    structureId: l.structure.id,
    creditorId: "FR72ZZZ123456",
    creditorName: "Centre",
    iban: "FR7630006000011234567890189",
    bic: "AGRIFRPPXXX",
    prenotificationDays: "14",
    rejectionFee: "",
  }),
  exportBatchAction: (l) => ({
    structureId: l.structure.id,
    month: "2026-10",
    dueDate: fr(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)),
  }),
  rejectDebitAction: (l) => ({ debitId: l.debit.id, code: "AM04", rejectedOn: fr(PAST) }),
  // The lieu is checked before the lines are read (an EndToEndId of B would be « aucun prélèvement » from A).
  importReturnsAction: (l) => ({ structureId: l.structure.id, lines: `${l.debit.id};AM04` }),
  recordPaperMandateAction: (l) => ({
    familyId: l.f.family.id,
    structureId: l.structure.id,
    holderName: "Payeur",
    iban: "FR1420041010050500013M02606",
    bic: "PSSTFRPPLIL",
    signedPlace: "Lille",
    signedOn: fr(PAST),
  }),
  staffRevokeMandateAction: (l) => ({ mandateId: l.mandate.id }),
};

/** Staff actions that name no lieu, each for a reason written in ADR 029. */
const LIEU_LESS: Record<string, string> = {
  retryEmailAction: "the e-mail log is the portal's",
  updateInformationPageAction: "the footer pages are the portal's",
  createTemplateAction: "answer templates are shared",
  createDocumentTypeAction: "document types are shared",
  retentionAction: "the retention period is the portal's",
  validateAccountRequestAction: "an account request has no lieu yet",
  refuseAccountRequestAction: "an account request has no lieu yet",
  decideAccountRequestsAction: "an account request has no lieu yet",
  createStructureAction: "refused to limited staff (tested below)",
};

/** With A's ids, a limited agent of A can do these (run after the replays, in this order). */
const WORKS_IN_A = [
  "recordAttendanceAction",
  "addWalkInAction",
  "validateInscriptionAction",
  "cancelInscriptionAction",
  "addPeriodAction",
  "addAgeGroupAction",
  "addTimeUnitAction",
  "setTariffsAction",
  "setCapacityOverrideAction",
  "deletePeriodAction",
  "addUnitRuleAction",
  "deleteUnitRuleAction",
  "setTariffRuleAction",
  "deleteTariffRuleAction",
  "setResidentCommunesAction",
  "acceptReservationAction",
  "decideCancellationsAction",
  "addCalendarExceptionAction",
  "staffUpdateAddressAction",
  "staffUpdateQuotientAction",
  "validateChangeRequestAction",
  "answerThreadAction",
  "assignThreadAction",
  "closeThreadAction",
  "recordDeskPaymentAction",
  "createCreditNoteAction",
  "resolveAnomalyAction",
  "billingSettingsAction",
  "setPaymentProviderAction",
  "acceptDocumentAction",
  "publishDocumentAction",
  "setPublishedAction",
  "updateActivityAction",
  "publishTaxCertificatesAction",
  "structureIdentityAction",
  "sepaSettingsAction",
  "rejectDebitAction",
  "staffRevokeMandateAction",
];

const modules = import.meta.glob("../app/**/actions.ts", { eager: true }) as Record<string, Record<string, unknown>>;
const staffActions = Object.values(modules)
  .flatMap((exports) => Object.entries(exports))
  .filter(([, action]) => audienceOf(action) === "STAFF") as [
  string,
  (input: unknown) => Promise<{ ok: boolean; error?: string; data?: unknown }>,
][];

let A: Lieu;
let B: Lieu;
let limited: { id: string };
let admin: { id: string };
const as = (user: { id: string }) => (session.current = { user: { id: user.id } });

beforeAll(async () => {
  A = await lieu("A");
  B = await lieu("B");
  limited = await createStaffUser(prisma, { displayName: "Agent limité" });
  await prisma.staffStructure.create({ data: { userId: limited.id, structureId: A.structure.id } });
  admin = await createStaffUser(prisma, { role: "ADMIN", displayName: "Admin" });
});

beforeEach(() => {
  session.current = null;
});

describe("a staff member limited to lieu A", () => {
  it("every staff action is replayed here, or named as belonging to no lieu", () => {
    expect(staffActions.length).toBeGreaterThanOrEqual(60);
    const unknown = staffActions.map(([name]) => name).filter((name) => !(name in REPLAY) && !(name in LIEU_LESS));
    expect(unknown, "actions du personnel sans rejeu avec les identifiants d'un autre lieu").toEqual([]);
    for (const name of WORKS_IN_A) expect(REPLAY).toHaveProperty(name);
  });

  it("with lieu B's ids, every staff action answers as a missing id and writes nothing", async () => {
    as(limited);
    await expectNothingChanged(async () => {
      for (const [name, action] of staffActions) {
        const replay = REPLAY[name];
        if (!replay) continue;
        const foreign = await action(replay(B));
        const missing = await action(replay(ghost()));
        expect.soft(foreign, name).toEqual(missing);
        // Not refused for its form, nor vacuously: B's ids reached the lookup and were not found.
        const said = foreign.ok ? JSON.stringify(foreign.data) : foreign.error;
        expect.soft(said, name).toMatch(/introuvable/);
      }
    });
  });

  it("with lieu A's ids, the same actions work", async () => {
    as(limited);
    for (const name of WORKS_IN_A) {
      const action = staffActions.find(([n]) => n === name)![1];
      const result = await action(REPLAY[name]!(A));
      expect.soft(result, `${name} : ${result.error}`).toMatchObject({ ok: true });
    }
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id: A.pending.id } })).status).toBe("VALIDATED");
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: A.present.id } })).status).toBe("PRESENT");
    // B is as it was.
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id: B.pending.id } })).status).toBe("PENDING");
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: B.present.id } })).status).toBe("RESERVED");
  });

  it("cannot create a lieu, nor publish for every family", async () => {
    as(limited);
    const { createStructureAction } = modules["../app/admin/structures/actions.ts"] as Record<string, (i: unknown) => Promise<unknown>>;
    const { publishDocumentAction } = modules["../app/admin/documents/actions.ts"] as Record<string, (i: unknown) => Promise<unknown>>;
    await expectNothingChanged(async () => {
      expect(await createStructureAction!({ name: "Lieu pirate", street: "", postalCode: "", city: "" })).toEqual({
        ok: false,
        error: "Seul un agent de tous les lieux d'accueil peut créer un lieu.",
      });
      expect(await publishDocumentAction!(form({ title: "Pour tous", audience: "", file: png() }))).toMatchObject({
        ok: false,
        error: "Public : choisissez un de vos lieux d'accueil ou une de leurs activités.",
      });
    });
  });

  it("lists, queues and counts show only A; ADMIN and an agent without lieu see both", async () => {
    const onlyA = scopeOf("STAFF", [A.structure.id]);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    /** What a scope is shown of lieu `l`: its pending inscription, its cancellation request, its activity, payment, document, thread. */
    const shown = async (scope: StaffScope, l: Lieu) => [
      ids((await listInscriptionQueue({}, scope)).items).includes(l.second.id) ||
        ids((await listInscriptionQueue({}, scope)).items).includes(l.pending.id),
      ids(await listReservationQueue({}, scope, 10_000)).includes(l.cancelRequest.id) ||
        ids((await pageReservationQueue({}, scope, { kind: "cancellations", page: 1, pageSize: 10_000 })).items).includes(
          l.cancelRequest.id,
        ),
      ids(await listActivities(scope)).includes(l.activity.id) && ids(await listActivityFilters(scope)).includes(l.activity.id),
      ids((await listPayments({}, scope, 10_000)).payments).includes(l.payment.id),
      ids(await receivedQueue(scope)).includes(l.document.id),
      ids(await listInbox(scope)).includes(l.thread.id),
    ];
    expect(await shown(onlyA, B)).toEqual([false, false, false, false, false, false]);
    // (A's requests were decided by the test above; its activity, payment and thread are still shown.)
    const a = await shown(onlyA, A);
    expect([a[2], a[3], a[5]]).toEqual([true, true, true]);
    for (const scope of [ALL_LIEUX, scopeOf("ADMIN", [A.structure.id]), scopeOf("STAFF", [])]) {
      expect(await shown(scope, B)).toEqual([true, true, true, true, true, true]);
    }
    // Counts (dashboard, navigation badges): the limited agent's leave B's out.
    const [mine, all] = [await countStaffQueues(onlyA), await countStaffQueues(ALL_LIEUX)];
    expect(all.inscriptions - mine.inscriptions).toBeGreaterThanOrEqual(1);
    expect(all.cancellations - mine.cancellations).toBeGreaterThanOrEqual(1);
    expect(all.changes - mine.changes).toBeGreaterThanOrEqual(1);
    // They are read in SQL (ADR 047): each is the count of the same queue through scopeWhere, the one definition of a lieu.
    const throughScopeWhere = async (scope: StaffScope) => {
      const s = scopeWhere(scope);
      const changes = { status: "PENDING" as const, family: s.family };
      return {
        accountRequests: await prisma.accountRequest.count({ where: { status: "PENDING" } }),
        changes: await prisma.changeRequest.count({ where: { ...changes, kind: { not: "CHILD_ADDED" } } }),
        newChildren: await prisma.changeRequest.count({ where: { ...changes, kind: "CHILD_ADDED" } }),
        inscriptions: await prisma.inscription.count({ where: { status: { in: ["PENDING", "WAITLISTED"] }, ...s.inscription } }),
        failedEmails: await prisma.emailOutbox.count({ where: { status: "FAILED" } }),
        pendingEmails: await prisma.emailOutbox.count({ where: { status: "PENDING" } }),
        reservations: await prisma.reservation.count({ where: { status: { in: ["REQUESTED", "WAITLISTED"] }, ...s.reservation } }),
        cancellations: await prisma.reservation.count({ where: { status: "CANCELLATION_REQUESTED", ...s.reservation } }),
      };
    };
    for (const scope of [onlyA, ALL_LIEUX]) expect(await countStaffQueues(scope)).toEqual(await throughScopeWhere(scope));
    const home = await readStaffHome(onlyA, PAST);
    expect(home.counts).toEqual(mine);
    const doorUnits = async (scope: StaffScope) => (await readStaffHome(scope, PAST)).door.map((d) => d.unit.id);
    expect(await doorUnits(onlyA)).toContain(A.units[0]!.id);
    expect(await doorUnits(onlyA)).not.toContain(B.units[0]!.id);
    expect(await doorUnits(ALL_LIEUX)).toEqual(expect.arrayContaining([A.units[0]!.id, B.units[0]!.id]));
    const badges = await navCounts({ role: "STAFF", familyId: null, scope: onlyA });
    const allBadges = await navCounts({ role: "STAFF", familyId: null, scope: ALL_LIEUX });
    expect(allBadges["/admin/messages"]!.value - (badges["/admin/messages"]?.value ?? 0)).toBeGreaterThanOrEqual(1);
    expect(allBadges["/admin/documents"]!.value - (badges["/admin/documents"]?.value ?? 0)).toBeGreaterThanOrEqual(1);
    // The family file stays readable by all staff; B's billing is not the limited agent's.
    expect(await getFamilyFile(B.f.family.id)).not.toBeNull();
    expect(await getFamilyAccount(B.f.family.id, onlyA)).toBeNull();
    expect(await getFamilyAccount(A.f.family.id, onlyA)).not.toBeNull();
  });

  it("staff routes: B's activity, invoice or document answer 404 as a missing one; A's are served", async () => {
    as(limited);
    const url = (path: string) => new Request(`http://localhost${path}`);
    const csv = (activityId: string) => attendanceCsv(url(`/admin/pointage/export?activite=${activityId}&mois=2026-11`));
    const pdf = (invoiceId: string) => invoiceDocument(url("/"), { params: Promise.resolve({ invoiceId, document: "facture" }) });
    const file = (documentId: string) => documentDownload(url("/"), { params: Promise.resolve({ documentId }) });
    const xml = (batchId: string) => debitFile(url("/"), { params: Promise.resolve({ batchId }) });
    const mandatePdf = (mandateId: string) => mandateDocument(url("/"), { params: Promise.resolve({ mandateId }) });
    for (const [foreign, missing, own] of [
      [await xml(B.batch.id), await xml(MISSING), await xml(A.batch.id)],
      [await mandatePdf(B.mandate.id), await mandatePdf(MISSING), await mandatePdf(A.mandate.id)],
      [await csv(B.activity.id), await csv(MISSING), await csv(A.activity.id)],
      [await pdf(B.invoice.id), await pdf(MISSING), await pdf(A.invoice.id)],
      [await file(B.document.id), await file(MISSING), await file(A.document.id)],
    ] as const) {
      expect(foreign.status).toBe(404);
      expect(await foreign.text()).toBe(await missing.text());
      expect(own.status).toBe(200);
    }
    const payments = await (await paymentsCsv(url("/admin/paiements/export"))).text();
    expect(payments).toContain(A.f.family.name);
    expect(payments).not.toContain(B.f.family.name);
  });
});

describe("« Équipe »", () => {
  it("an ADMIN gives and takes back a lieu, logged; a STAFF account cannot; an ADMIN account is never limited", async () => {
    const agent = await createStaffUser(prisma, { displayName: "Agent Équipe" });
    as(limited);
    await expectNothingChanged(async () => {
      expect(await assignLieuAction({ userId: agent.id, structureId: B.structure.id })).toEqual({ ok: false, error: "Accès refusé." });
    });
    as(admin);
    await expectNothingChanged(async () => {
      expect(await assignLieuAction({ userId: admin.id, structureId: B.structure.id })).toEqual(NOT_FOUND);
      expect(await assignLieuAction({ userId: agent.id, structureId: MISSING })).toEqual(NOT_FOUND);
    });
    expect(await assignLieuAction({ userId: agent.id, structureId: B.structure.id })).toMatchObject({ ok: true });
    expect(await assignLieuAction({ userId: agent.id, structureId: B.structure.id })).toMatchObject({ ok: false, error: /a déjà le lieu/ });
    // At its next request, the agent sees B only.
    as(agent);
    const { validateInscriptionAction } = modules["../app/admin/inscriptions/actions.ts"] as Record<
      string,
      (i: unknown) => Promise<unknown>
    >;
    expect(await validateInscriptionAction!({ id: A.second.id })).toEqual(NOT_FOUND);
    as(admin);
    expect(await removeLieuAction({ userId: agent.id, structureId: B.structure.id })).toMatchObject({
      ok: true,
      data: { message: expect.stringMatching(/voit tous les lieux/) },
    });
    const log = await prisma.staffScopeChange.findMany({ where: { userId: agent.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => [l.kind, l.structureName, l.actorId])).toEqual([
      ["ADDED", B.structure.name, admin.id],
      ["REMOVED", B.structure.name, admin.id],
    ]);
  });
});
