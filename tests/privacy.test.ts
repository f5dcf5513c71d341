import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { strFromU8, unzipSync } from "fflate";

/** RGPD: the family's data export, the anonymisation of a family that left, the retention of received documents. */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { GET as exportRoute } from "@/app/mes-coordonnees/export/route";
import { anonymiseFamilyAction } from "@/app/admin/familles/[familyId]/actions";
import { familyDataExport } from "@/lib/privacy/export-family-data";
import { anonymiseFamily } from "@/lib/privacy/anonymise-family";
import { purgeExpiredDocuments } from "@/lib/privacy/purge-expired-documents";
import { uploadFamilyDocument } from "@/lib/documents/upload-document";
import { reviewDocuments } from "@/lib/documents/review-documents";
import { listJustifiableAbsences } from "@/lib/documents/list-justifiable-absences";
import { sendFamilyMessage } from "@/lib/messages/send-family-message";
import { fileStore } from "@/lib/files/storage";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { tinyPng } from "./fixtures";

process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), "portail-privacy-"));
const PNG = tinyPng(7);

async function familyWithDocument(name: string) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  await prisma.child.update({ where: { id: f.children[0]!.id }, data: { hasAllergies: true, allergyNotes: "Arachide" } });
  const type = await prisma.documentType.create({ data: { name: `Vaccins ${name} ${Date.now()}`, scope: "CHILD" } });
  const actor = actorFromUser(f.user);
  const doc = await uploadFamilyDocument({
    familyId: f.family.id,
    actor,
    typeId: type.id,
    childId: f.children[0]!.id,
    replacesId: null,
    file: new File([PNG], "carnet.png"),
  });
  await sendFamilyMessage({
    familyId: f.family.id,
    actor,
    threadId: null,
    subject: "Allergie",
    childId: null,
    body: "Attention à l'arachide",
    file: null,
  });
  return { ...f, actor, doc };
}

beforeEach(() => {
  session.current = null;
});

describe("RGPD", () => {
  it("the export is one ZIP: donnees.json with the children and their health data, messages, documents' metadata, and the documents themselves", async () => {
    const f = await familyWithDocument("Export");
    const { fileName, bytes } = await familyDataExport(f.family.id, new Date("2026-12-02T10:00:00Z"));
    expect(fileName).toBe("donnees-famille-export-2026-12-02.zip");
    const zip = unzipSync(bytes);
    const data = JSON.parse(strFromU8(zip["donnees.json"]!));
    expect(data.enfants[0]).toMatchObject({ firstName: "Export", hasAllergies: true, allergyNotes: "Arachide" });
    expect(data.messages[0].messages[0].body).toBe("Attention à l'arachide");
    const carnet = data.documents.find((d: { fileName: string }) => d.fileName === "carnet.png");
    expect(carnet.fichier).toMatch(/^documents\/.*carnet\.png$/);
    expect(zip[carnet.fichier]).toEqual(PNG);
    // Through the route: the parent's own family; staff and visitors are refused.
    session.current = { user: { id: f.user.id } };
    const response = await exportRoute(new Request("http://localhost/mes-coordonnees/export"));
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(unzipSync(new Uint8Array(await response.arrayBuffer()))["donnees.json"]).toBeDefined();
    session.current = { user: { id: (await staffActor()).userId! } };
    expect((await exportRoute(new Request("http://localhost/mes-coordonnees/export"))).status).toBe(403);
    session.current = null;
    expect((await exportRoute(new Request("http://localhost/mes-coordonnees/export"))).status).toBe(403);
  });

  it("anonymising: refused while an inscription runs; then names, contacts, health data, documents and messages go, accounts close, invoices stay; logged once", async () => {
    const f = await familyWithDocument("Partie");
    const w = await createBookableWorld(prisma, {
      start: "2030-01-07",
      end: "2030-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 5 }],
    });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const staff = await staffActor();
    await expectNothingChanged(() =>
      expect(anonymiseFamily({ familyId: f.family.id, reason: "Départ", actor: staff })).rejects.toThrow(
        "une inscription en cours ou demandée",
      ),
    );
    await prisma.inscription.update({ where: { id: inscription.id }, data: { status: "CANCELLED" } });
    const invoice = await prisma.invoice.create({
      data: {
        number: "2026-990001",
        structureId: w.structure.id,
        year: 2026,
        sequence: 990001,
        familyId: f.family.id,
        payerName: "Madame X",
        payerAddress: "1 rue",
        month: new Date("2026-10-01"),
        status: "PAID",
        totalCents: 1000,
        paidCents: 1000,
      },
    });
    const key = (await prisma.document.findUniqueOrThrow({ where: { id: f.doc.id } })).storageKey;
    // A parent cannot anonymise.
    session.current = { user: { id: f.user.id } };
    expect(await anonymiseFamilyAction({ id: f.family.id, reason: "moi" })).toEqual({ ok: false, error: "Accès refusé." });
    await anonymiseFamily({ familyId: f.family.id, reason: "Famille partie en juin", actor: staff });
    const after = await prisma.family.findUniqueOrThrow({
      where: { id: f.family.id },
      include: { adults: true, children: true, users: true, documents: true, threads: true, invoices: true, staffEdits: true },
    });
    expect(after.name).toMatch(/^Famille anonymisée /);
    expect(after.adults.every((a) => a.lastName === "Anonyme" && a.email === null && a.mobilePhone === null)).toBe(true);
    expect(after.children[0]).toMatchObject({ firstName: "Enfant", lastName: "Anonyme", allergyNotes: null, hasAllergies: false });
    expect(after.users.every((u) => u.status === "DEACTIVATED" && u.email.endsWith("@anonyme.invalid"))).toBe(true);
    expect(after.documents).toEqual([]);
    expect(after.threads).toEqual([]);
    expect(after.invoices.map((i) => i.id)).toEqual([invoice.id]);
    expect(after.staffEdits.map((e) => [e.kind, e.after])).toEqual([["ANONYMISED", { motif: "Famille partie en juin" }]]);
    expect(await fileStore().get(key)).toBeNull();
    expect(await prisma.userSession.count({ where: { userId: f.user.id } })).toBe(0);
    await expect(anonymiseFamily({ familyId: f.family.id, reason: "encore", actor: staff })).rejects.toThrow("déjà anonymisée");
  });

  it("the retention job deletes the file of a document decided longer ago than the setting, records it, and leaves the recent ones", async () => {
    const [old, recent] = [await familyWithDocument("Ancien"), await familyWithDocument("Recent")];
    const staff = await staffActor();
    await reviewDocuments({ ids: [old.doc.id, recent.doc.id], decision: "ACCEPT", reason: null, actor: staff });
    await prisma.document.update({ where: { id: old.doc.id }, data: { reviewedAt: new Date("2022-01-01T00:00:00Z") } });
    const key = (await prisma.document.findUniqueOrThrow({ where: { id: old.doc.id } })).storageKey;
    expect(await purgeExpiredDocuments(new Date("2026-12-02T03:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: old.doc.id } })).status).toBe("DELETED");
    expect((await prisma.document.findUniqueOrThrow({ where: { id: recent.doc.id } })).status).toBe("ACCEPTED");
    expect(await fileStore().get(key)).toBeNull();
    const log = await prisma.transitionLog.findFirstOrThrow({ where: { entityId: old.doc.id, toStatus: "DELETED" } });
    expect(log).toMatchObject({ actorRole: "SYSTEM", reason: "Durée de conservation de 36 mois dépassée" });
  });

  it("the billed absences a certificate can justify: not yet justified, not an excused one", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2026-11-02",
      end: "2026-11-30",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 5 }],
    });
    const f = await createFamily(prisma, { lastName: "Absente", children: [{ firstName: "Ana", birthDate: "2018-03-02", sex: "F" }] });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const [billed] = await Promise.all([
      prisma.reservation.create({
        data: {
          inscriptionId: inscription.id,
          timeUnitId: w.units[0]!.id,
          date: new Date("2026-11-04T00:00:00Z"),
          status: "ABSENT_BILLED",
        },
      }),
      prisma.reservation.create({
        data: {
          inscriptionId: inscription.id,
          timeUnitId: w.units[0]!.id,
          date: new Date("2026-11-11T00:00:00Z"),
          status: "ABSENT_EXCUSED",
        },
      }),
      prisma.reservation.create({
        data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date("2026-11-18T00:00:00Z"), status: "PRESENT" },
      }),
    ]);
    expect((await listJustifiableAbsences(f.family.id, "2026-12-02")).map((a) => a.id)).toEqual([billed.id]);
  });
});
