import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The security matrix grows a second foyer (issue 26, ADR 051). Foyer A has two children, Léa (shared with foyer B,
 * garde alternée) and Tom (A's alone); foyer C is unrelated. B's parent replays every parent action that takes an id
 * with A's OWN ids → « introuvable », nothing written, nothing of A read; with the shared child's ids → allowed where
 * the issue allows (the child's record, its inscriptions, a document or a message about it — each B's own). C reaching
 * the shared child → refused. The reads each parent's pages are built from show only what that foyer may see.
 * Only the session is simulated; the rest is real.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as familyActions from "@/app/ma-famille/actions";
import * as detailsActions from "@/app/mes-coordonnees/actions";
import * as inscriptionActions from "@/app/mes-inscriptions/actions";
import * as uploadActions from "@/app/mes-envois/actions";
import * as messageActions from "@/app/mes-messages/actions";
import * as invoiceActions from "@/app/mes-factures/actions";
import * as staffFamilyActions from "@/app/admin/familles/[familyId]/actions";
import { GET as attestation } from "@/app/mes-inscriptions/[inscriptionId]/attestation/route";
import { GET as downloadRoute } from "@/app/documents/[documentId]/route";
import { GET as invoiceDocument } from "@/app/factures/[invoiceId]/[document]/route";
import { linkChildFoyer } from "@/lib/families/link-child-foyer";
import { getChildOfFamily, getFamilyFile, listChildFoyers } from "@/lib/families/get-family-file";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { validateChangeRequest } from "@/lib/families/change-requests";
import { listFamilyInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { inscriptionChoices } from "@/lib/inscriptions/list-inscription-choices";
import { validateInscription } from "@/lib/inscriptions/decide-inscription";
import { listFamilyChildren } from "@/lib/documents/list-family-children";
import { countNewDownloads, listDownloads } from "@/lib/documents/list-downloads";
import { listFamilyUploads } from "@/lib/documents/list-family-uploads";
import { listJustifiableAbsences } from "@/lib/documents/list-justifiable-absences";
import { uploadFamilyDocument } from "@/lib/documents/upload-document";
import { listFamilyThreads, readThread } from "@/lib/messages/list-threads";
import { sendFamilyMessage } from "@/lib/messages/send-family-message";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { addDays, dateOf, parisDay } from "@/lib/calendar/paris";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { childForm, tinyPng } from "./fixtures";

process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), "portail-foyers-"));

const NOT_FOUND = { ok: false, error: "Élément introuvable." };
const TODAY = parisDay(new Date());
const START = addDays(TODAY, 40);
const END = addDays(TODAY, 220);
/** What of foyer A only A may read: none of it may appear in anything B's pages are built from. */
const A_SECRETS = { street: "7 impasse du Secret", phone: "06 77 77 77 01", quotient: 1234, cafNumber: "7777777", adult: "Séverine" };

const as = (user: { id: string } | null) => {
  session.current = user ? { user: { id: user.id } } : null;
};
const png = () => new File([tinyPng(3)], "piece.png");

async function world() {
  const staff = await staffActor();
  const a = await createFamily(prisma, {
    lastName: "Armand",
    firstName: A_SECRETS.adult,
    quotientFamilial: A_SECRETS.quotient,
    children: [
      { firstName: "Léa", birthDate: "2018-03-04", sex: "F" },
      { firstName: "Tom", birthDate: "2016-06-01", sex: "M" },
    ],
  });
  await prisma.family.update({ where: { id: a.family.id }, data: { street: A_SECRETS.street, cafNumber: A_SECRETS.cafNumber } });
  await prisma.adult.update({ where: { id: a.adult.id }, data: { mobilePhone: A_SECRETS.phone } });
  const b = await createFamily(prisma, { lastName: "Bertin", firstName: "Hugo", civility: "M", quotientFamilial: 400 });
  const c = await createFamily(prisma, { lastName: "Colin", children: [{ firstName: "Cali", birthDate: "2018-01-01", sex: "F" }] });
  const [lea, tom] = [a.children.find((x) => x.firstName === "Léa")!, a.children.find((x) => x.firstName === "Tom")!];
  await linkChildFoyer({ childId: lea.id, familyId: b.family.id, actor: staff });

  // A's own things: inscriptions (Léa's is the child's, Tom's is A's alone), a billed month, an address request,
  // an uploaded document (refused, so it could be replaced), a message thread, an absence to justify.
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20 }],
  });
  const leaInscription = await inscribe(prisma, w, a.family, lea.id);
  const tomInscription = await inscribe(prisma, w, a.family, tom.id);
  const absence = await prisma.reservation.create({
    data: { inscriptionId: tomInscription.id, timeUnitId: w.units[0]!.id, date: new Date("2027-01-06T00:00:00Z"), status: "ABSENT_BILLED" },
  });
  await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: new Date("2027-02-01T09:00:00Z") });
  await issueMonth({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-15", actor: staff });
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { familyId: a.family.id } });
  const addressRequest = await prisma.changeRequest.create({
    data: { familyId: a.family.id, kind: "ADDRESS", targetId: a.family.id, before: {}, after: { street: "1 rue A" } },
  });
  const type = await prisma.documentType.create({ data: { name: `Carnet ${Date.now()}-${Math.random()}`, scope: "CHILD" } });
  const document = await uploadFamilyDocument({
    familyId: a.family.id,
    actor: actorFromUser(a.user),
    typeId: type.id,
    childId: lea.id,
    replacesId: null,
    file: png(),
  });
  await prisma.document.update({ where: { id: document.id }, data: { status: "REFUSED", reason: "Illisible" } });
  const thread = await sendFamilyMessage({
    familyId: a.family.id,
    actor: actorFromUser(a.user),
    threadId: null,
    subject: "Au sujet de Léa",
    childId: lea.id,
    body: "Message privé de A",
    file: null,
  });

  // An open activity for new requests.
  const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}` } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "PERISCOLAIRE", name: "Périscolaire" } });
  const activity = await prisma.activity.create({ data: { structureId: structure.id, careTypeId: careType.id, name: "Garderie" } });
  const period = await prisma.period.create({
    data: { activityId: activity.id, name: "Année", startDate: dateOf(START), endDate: dateOf(END) },
  });
  return {
    staff,
    a,
    b,
    c,
    lea,
    tom,
    w,
    leaInscription,
    tomInscription,
    absence,
    invoice,
    addressRequest,
    type,
    document,
    threadId: thread.threadId,
    activity,
    period,
  };
}
type World = Awaited<ReturnType<typeof world>>;

const ask = (x: World, childId: string) =>
  inscriptionActions.requestInscriptionAction({
    childId,
    activityId: x.activity.id,
    periodId: x.period.id,
    ageGroupId: "",
    startDate: START,
    endDate: END,
  });
function uploadForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", png());
  return form;
}
function messageForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}
const child = (firstName: string, lastName: string) => childForm({ identity: { lastName, firstName, birthDate: "2018-03-04", sex: "F" } });

beforeEach(() => as(null));

describe("foyer B's parent with foyer A's own ids", () => {
  it("every parent action is refused as with a missing id, and nothing is written", async () => {
    const x = await world();
    as(x.b.user);
    await expectNothingChanged(async () => {
      const calls: [string, (id: string) => Promise<unknown>][] = [
        ["updateChildAction (Tom)", (id) => familyActions.updateChildAction({ ...child("Tom", "Armand"), childId: id })],
        [
          "requestPhonesChangeAction (A's adult)",
          (id) => detailsActions.requestPhonesChangeAction({ homePhone: "", mobilePhone: "0799999999", workPhone: "", adultId: id }),
        ],
        [
          "updatePreferencesAction (A's adult)",
          (id) => detailsActions.updatePreferencesAction({ profession: "Pirate", employer: "", adultId: id }),
        ],
        ["requestInscriptionAction (Tom)", (id) => ask(x, id)],
        ["withdrawInscriptionAction (Tom's)", (id) => inscriptionActions.withdrawInscriptionAction({ id })],
        ["withdrawPreparedInscriptionAction", (id) => inscriptionActions.withdrawPreparedInscriptionAction({ id })],
        ["uploadDocumentAction childId (Tom)", (id) => uploadActions.uploadDocumentAction(uploadForm({ typeId: x.type.id, childId: id }))],
        [
          "uploadDocumentAction replacesId (A's document)",
          (id) => uploadActions.uploadDocumentAction(uploadForm({ typeId: x.type.id, childId: x.lea.id, replacesId: id })),
        ],
        [
          "uploadDocumentAction reservationId (A's absence)",
          (id) => uploadActions.uploadDocumentAction(uploadForm({ typeId: x.type.id, childId: x.lea.id, reservationId: id })),
        ],
        [
          "sendFamilyMessageAction threadId (A's thread)",
          (id) => messageActions.sendFamilyMessageAction(messageForm({ threadId: id, body: "intrus" })),
        ],
        [
          "sendFamilyMessageAction childId (Tom)",
          (id) => messageActions.sendFamilyMessageAction(messageForm({ subject: "x", childId: id, body: "x" })),
        ],
        ["payInvoicesAction (A's invoice)", (id) => invoiceActions.payInvoicesAction({ invoiceIds: [id] })],
      ];
      const targets = [
        x.tom.id,
        x.a.adult.id,
        x.a.adult.id,
        x.tom.id,
        x.tomInscription.id,
        x.addressRequest.id,
        x.tom.id,
        x.document.id,
        x.absence.id,
        x.threadId,
        x.tom.id,
        x.invoice.id,
      ];
      for (const [index, [name, call]] of calls.entries()) {
        const foreign = await call(targets[index]!);
        expect(foreign, name).toEqual(NOT_FOUND);
        expect(await call("identifiant-inexistant"), name).toEqual(foreign);
      }
    });
  });

  it("nothing of A is downloaded or read: A's document, invoice, thread, Tom's attestation", async () => {
    const x = await world();
    as(x.b.user);
    const doc = await downloadRoute(new Request("http://x/"), { params: Promise.resolve({ documentId: x.document.id }) });
    expect(doc.status).toBe(404);
    const pdf = await attestation(new Request("http://x/"), { params: Promise.resolve({ inscriptionId: x.tomInscription.id }) });
    expect(pdf.status).toBe(404);
    const bill = await invoiceDocument(new Request("http://x/"), {
      params: Promise.resolve({ invoiceId: x.invoice.id, document: "facture.pdf" }),
    });
    expect(bill.status).toBe(404);
    expect(await readThread({ threadId: x.threadId, familyId: x.b.family.id })).toBeNull();
    expect(await listFamilyThreads(x.b.family.id)).toEqual([]);
    expect(await listFamilyUploads(x.b.family.id)).toEqual([]);
    expect(await listJustifiableAbsences(x.b.family.id, "2027-02-01")).toEqual([]);
    expect(await getChildOfFamily(x.b.family.id, x.tom.id)).toBeNull();
  });
});

describe("foyer B's parent with the shared child's ids", () => {
  it("sees Léa in Ma famille, with nothing of foyer A (address, phones, adults, quotient, Tom)", async () => {
    const x = await world();
    const file = await getFamilyFile(x.b.family.id);
    expect(file!.children.map((c) => [c.firstName, c.foyer])).toEqual([["Léa", { isShared: true, isFirst: false }]]);
    expect(file!.children[0]!.inscriptions.map((i) => i.activity.name)).toEqual([x.w.activity.name]);
    expect(file!.adults.map((a) => a.firstName)).toEqual(["Hugo"]);
    const text = JSON.stringify(file);
    for (const secret of [...Object.values(A_SECRETS).map(String), x.a.family.id, x.a.family.name, x.a.user.email, "Tom"])
      expect(text, secret).not.toContain(secret);
    // A still sees both children, Léa as its own shared child.
    const aFile = await getFamilyFile(x.a.family.id);
    expect(aFile!.children.map((c) => [c.firstName, c.foyer])).toEqual([
      ["Tom", { isShared: false, isFirst: true }],
      ["Léa", { isShared: true, isFirst: true }],
    ]);
    expect(JSON.stringify(aFile)).not.toContain(x.b.family.name);
  });

  it("the dashboard, Mes inscriptions, the choices: Léa's, never Tom's, no A invoice", async () => {
    const x = await world();
    const dashboard = await getFamilyDashboard(x.b.family.id, new Date("2027-01-02T10:00:00Z"));
    expect(dashboard!.requests.filter((r) => r.kind === "INSCRIPTION").map((r) => r.label)).toEqual([
      `Inscription de Léa — ${x.w.activity.name} (${x.w.period.name})`,
    ]);
    expect(dashboard!.todo.map((t) => t.text).join(" ")).not.toMatch(/factur|payer|Tom/i);
    const text = JSON.stringify(dashboard);
    for (const secret of [A_SECRETS.street, A_SECRETS.phone, String(A_SECRETS.quotient), x.a.family.name, "Tom"])
      expect(text).not.toContain(secret);
    expect((await listFamilyInscriptions(x.b.family.id, "PARENT")).map((i) => i.child.firstName)).toEqual(["Léa"]);
    expect((await inscriptionChoices({ familyId: x.b.family.id })).children.map((c) => c.firstName)).toEqual(["Léa"]);
    expect(await listFamilyChildren(x.b.family.id)).toEqual([{ id: x.lea.id, firstName: "Léa", isOwn: false }]);
    // The structure's programme for Léa's activity reaches both foyers (the inscription is the child's); C's never.
    const programme = await prisma.document.create({
      data: {
        kind: "PUBLISHED",
        status: "PUBLISHED",
        title: "Programme des mercredis",
        fileName: "programme.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        storageKey: `foyers-${x.lea.id}`,
        activityId: x.w.activity.id,
      },
    });
    for (const family of [x.a.family, x.b.family]) {
      expect((await listDownloads(family.id)).map((d) => d.id)).toContain(programme.id);
      expect(await countNewDownloads(family.id)).toBe((await listDownloads(family.id)).filter((d) => d.isNew).length);
    }
    expect((await listDownloads(x.c.family.id)).map((d) => d.id)).not.toContain(programme.id);
    expect(await countNewDownloads(x.c.family.id)).toBe((await listDownloads(x.c.family.id)).filter((d) => d.isNew).length);
    // A's own reads are unchanged by the link.
    expect((await listFamilyInscriptions(x.a.family.id, "PARENT")).map((i) => i.child.firstName).sort()).toEqual(["Léa", "Tom"]);
  });

  it("edits Léa's one record; a health change goes to the structure, applies to the one record and is written to both foyers", async () => {
    const x = await world();
    as(x.b.user);
    const form = childForm({ identity: { lastName: "Armand", firstName: "Léa", birthDate: "2018-03-04", sex: "F" } });
    const health = { ...form, health: { ...form.health, hasAllergies: "oui", allergyNotes: "Arachide" } };
    const result = await familyActions.updateChildAction({ ...health, childId: x.lea.id });
    expect(result.ok).toBe(true);
    const request = await prisma.changeRequest.findFirstOrThrow({ where: { kind: "CHILD_HEALTH", targetId: x.lea.id } });
    expect(request.familyId).toBe(x.b.family.id);
    await validateChangeRequest({ id: request.id, actor: x.staff });
    expect(await prisma.child.findUniqueOrThrow({ where: { id: x.lea.id }, select: { hasAllergies: true, allergyNotes: true } })).toEqual({
      hasAllergies: true,
      allergyNotes: "Arachide",
    });
    const mails = await prisma.emailOutbox.findMany({
      where: { template: "change-request-validated", familyId: { in: [x.a.family.id, x.b.family.id] } },
    });
    expect(mails.map((m) => [m.familyId, m.to]).sort()).toEqual(
      [
        [x.a.family.id, x.a.user.email],
        [x.b.family.id, x.b.user.email],
      ].sort(),
    );
  });

  it("asks an inscription for Léa; its decision is written to both foyers, Tom's to A only", async () => {
    const x = await world();
    as(x.b.user);
    const asked = await ask(x, x.lea.id);
    expect(asked.ok).toBe(true);
    const inscription = await prisma.inscription.findFirstOrThrow({ where: { childId: x.lea.id, activityId: x.activity.id } });
    expect(inscription.familyId).toBe(x.b.family.id);
    // A sees it too (the inscription is the child's), and cannot ask it twice.
    expect((await listFamilyInscriptions(x.a.family.id, "PARENT")).some((i) => i.id === inscription.id)).toBe(true);
    as(x.a.user);
    expect(await ask(x, x.lea.id)).toMatchObject({ ok: false, error: expect.stringMatching(/existe déjà/) });
    await validateInscription({ id: inscription.id, actor: x.staff });
    const mails = await prisma.emailOutbox.findMany({
      where: { template: "inscription-validated", familyId: { in: [x.a.family.id, x.b.family.id] } },
    });
    expect(mails.map((m) => m.familyId).sort()).toEqual([x.a.family.id, x.b.family.id].sort());
    expect(new Set(mails.map((m) => m.idempotencyKey)).size).toBe(2);
    // Tom's inscription: A only.
    const tomAsk = await ask(x, x.tom.id);
    expect(tomAsk.ok).toBe(true);
    const tomNew = await prisma.inscription.findFirstOrThrow({ where: { childId: x.tom.id, activityId: x.activity.id } });
    await validateInscription({ id: tomNew.id, actor: x.staff });
    const tomMails = await prisma.emailOutbox.findMany({ where: { template: "inscription-validated", familyId: x.b.family.id } });
    expect(tomMails).toHaveLength(1);
  });

  it("a document or a message about Léa is B's own: A does not see it, B's attestation names B's address", async () => {
    const x = await world();
    as(x.b.user);
    expect((await uploadActions.uploadDocumentAction(uploadForm({ typeId: x.type.id, childId: x.lea.id }))).ok).toBe(true);
    expect(
      (await messageActions.sendFamilyMessageAction(messageForm({ subject: "Léa mercredi", childId: x.lea.id, body: "Bonjour" }))).ok,
    ).toBe(true);
    const bDocs = await prisma.document.findMany({ where: { childId: x.lea.id, kind: "FAMILY_UPLOAD" }, select: { familyId: true } });
    expect(bDocs.map((d) => d.familyId).sort()).toEqual([x.a.family.id, x.b.family.id].sort());
    expect((await listFamilyUploads(x.a.family.id)).length).toBe(1);
    expect((await listFamilyThreads(x.a.family.id)).map((t) => t.subject)).toEqual(["Au sujet de Léa"]);
    expect((await listFamilyThreads(x.b.family.id)).map((t) => t.subject)).toEqual(["Léa mercredi"]);
    const pdf = await attestation(new Request("http://x/"), { params: Promise.resolve({ inscriptionId: x.leaInscription.id }) });
    expect(pdf.status).toBe(200);
  });
});

describe("an unrelated foyer C reaching the shared child", () => {
  it("is refused everywhere, as with a missing id, and reads nothing", async () => {
    const x = await world();
    as(x.c.user);
    await expectNothingChanged(async () => {
      expect(await familyActions.updateChildAction({ ...child("Léa", "Armand"), childId: x.lea.id })).toEqual(NOT_FOUND);
      expect(await ask(x, x.lea.id)).toEqual(NOT_FOUND);
      expect(await inscriptionActions.withdrawInscriptionAction({ id: x.leaInscription.id })).toEqual(NOT_FOUND);
      expect(await uploadActions.uploadDocumentAction(uploadForm({ typeId: x.type.id, childId: x.lea.id }))).toEqual(NOT_FOUND);
      expect(await messageActions.sendFamilyMessageAction(messageForm({ subject: "x", childId: x.lea.id, body: "x" }))).toEqual(NOT_FOUND);
    });
    const pdf = await attestation(new Request("http://x/"), { params: Promise.resolve({ inscriptionId: x.leaInscription.id }) });
    expect(pdf.status).toBe(404);
    expect(await getChildOfFamily(x.c.family.id, x.lea.id)).toBeNull();
    expect((await getFamilyFile(x.c.family.id))!.children.map((c) => c.firstName)).toEqual(["Cali"]);
  });
});

describe("staff: the family page of each foyer", () => {
  it("B's page lists Léa with her two foyers; a parent cannot link or unlink", async () => {
    const x = await world();
    const foyers = await listChildFoyers(x.b.family.id);
    expect(foyers.get(x.lea.id)).toEqual({
      first: { id: x.a.family.id, name: x.a.family.name },
      second: { id: x.b.family.id, name: x.b.family.name },
    });
    expect(foyers.has(x.tom.id)).toBe(false);
    as(x.b.user);
    await expectNothingChanged(async () => {
      expect(await staffFamilyActions.linkChildFoyerAction({ childId: x.tom.id, familyId: x.b.family.id })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await staffFamilyActions.unlinkChildFoyerAction({ childId: x.lea.id, familyId: x.b.family.id })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      expect(await staffFamilyActions.searchSecondFoyerAction({ childId: x.lea.id, query: "Armand" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
    });
  });
});
