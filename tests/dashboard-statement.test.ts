import { describe, expect, it } from "vitest";
import { getFamilyDashboard, listFamilyRequests } from "@/lib/families/get-family-dashboard";
import { inscriptionsWithoutReservation } from "@/lib/reservations/get-reservation-feed";
import { missingDocuments } from "@/lib/documents/list-family-uploads";
import { invoicesToPay } from "@/lib/billing/get-family-account";
import { childrenAwaitingValidation } from "@/lib/inscriptions/list-prepared-inscriptions";
import { parisDay } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma } from "./helpers";

/**
 * « Mon tableau de bord » reads everything in one SQL statement (ADR 048). The Prisma reads stay the readable
 * definition of each part; here both are run on two families with something in every source, and must agree, and
 * neither family may see a row of the other.
 */
const NOW = new Date("2026-12-01T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function richFamily(w: Awaited<ReturnType<typeof createBookableWorld>>, name: string, type: { id: string }) {
  const f = await createFamily(prisma, {
    lastName: name,
    quotientFamilial: null,
    children: [
      { firstName: `${name}-Aîné`, birthDate: "2016-03-01", sex: "F" },
      { firstName: `${name}-Cadet`, birthDate: "2019-06-01", sex: "M" },
    ],
  });
  const [elder, younger] = f.children;
  await prisma.authorizedPerson.create({
    data: { childId: elder!.id, fullName: "Mamie", phone: "0600000000", relationship: "Grand-mère" },
  });
  const pending = await prisma.child.create({
    data: {
      familyId: f.family.id,
      status: "PENDING",
      firstName: `${name}-Nouveau`,
      lastName: name,
      birthDate: day("2020-01-01"),
      sex: "F",
    },
  });
  await prisma.preparedInscription.create({
    data: {
      familyId: f.family.id,
      childId: pending.id,
      activityId: w.activity.id,
      periodId: w.period.id,
      startDate: w.period.startDate,
      endDate: w.period.endDate,
      preparedById: f.user.id,
    },
  });
  await prisma.accountRequest.create({
    data: {
      familyId: f.family.id,
      status: "VALIDATED",
      civility: "MME",
      lastName: name,
      firstName: "Camille",
      birthDate: day("1988-04-12"),
      mobilePhone: "0612345678",
      email: f.user.email,
      street: "1 rue",
      postalCode: "59000",
      city: "Lille",
      passwordHash: "x",
      decidedAt: new Date("2026-11-02T09:00:00Z"),
      createdAt: new Date("2026-11-01T09:00:00Z"),
    },
  });
  const change = (kind: "PHONES" | "CHILD_HEALTH" | "CHILD_ADDED" | "ADDRESS", targetId: string | null, minute: number) =>
    prisma.changeRequest.create({
      data: {
        familyId: f.family.id,
        kind,
        targetId,
        before: {},
        after: kind === "CHILD_ADDED" ? { firstName: `${name}-Bébé`, lastName: name, birthDate: "2025-01-01" } : {},
        status: kind === "ADDRESS" ? "REFUSED" : "PENDING",
        reason: kind === "ADDRESS" ? "Justificatif manquant" : null,
        createdAt: new Date(`2026-11-20T10:${String(minute).padStart(2, "0")}:00Z`),
      },
    });
  await change("PHONES", f.adult.id, 1);
  await change("CHILD_HEALTH", younger!.id, 2);
  await change("CHILD_ADDED", null, 3);
  await change("ADDRESS", null, 4);
  // Validated without a day booked (« Réservez les jours »), validated with days, and withdrawn.
  await inscribe(prisma, w, f.family, younger!.id);
  const booked = await inscribe(prisma, w, f.family, elder!.id);
  await prisma.inscription.update({ where: { id: booked.id }, data: { createdAt: new Date("2026-11-03T08:00:00Z") } });
  const reservation = (
    date: string,
    status: "REQUESTED" | "WAITLISTED" | "ABSENT_BILLED" | "ABSENT_EXCUSED" | "RESERVED",
    reason: string | null,
  ) =>
    prisma.reservation.create({
      data: {
        inscriptionId: booked.id,
        timeUnitId: w.units[0]!.id,
        date: day(date),
        status,
        reason,
        createdAt: new Date(`${date}T07:00:00Z`),
      },
    });
  await reservation("2026-11-04", "WAITLISTED", "Plus de place disponible"); // before the two weeks followed
  await reservation("2026-11-25", "ABSENT_EXCUSED", "Malade");
  await reservation("2026-11-18", "ABSENT_BILLED", null); // a pointage's absence: not a request
  await reservation("2026-12-09", "REQUESTED", null);
  await reservation("2026-12-16", "REQUESTED", null);
  await reservation("2026-12-23", "WAITLISTED", "Plus de place disponible");
  await reservation("2026-12-30", "RESERVED", null);
  const upload = (status: "RECEIVED" | "REFUSED" | "ACCEPTED", childId: string | null, validUntil: string | null, minute: number) =>
    prisma.document.create({
      data: {
        familyId: f.family.id,
        childId,
        typeId: type.id,
        kind: "FAMILY_UPLOAD",
        status,
        title: `Vaccins ${status}`,
        fileName: "v.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        storageKey: `test/${f.family.id}/${status}-${minute}`,
        validUntil: validUntil ? day(validUntil) : null,
        reason: status === "REFUSED" ? "Illisible" : null,
        reviewedAt: status === "RECEIVED" ? null : new Date("2026-11-22T10:00:00Z"),
        createdAt: new Date(`2026-11-21T10:${String(minute).padStart(2, "0")}:00Z`),
      },
    });
  await upload("ACCEPTED", elder!.id, "2026-11-30", 1); // expired: to renew
  await upload("REFUSED", younger!.id, null, 2);
  await prisma.invoice.create({
    data: {
      number: `T-${f.family.id}`,
      structureId: w.structure.id,
      year: 2026,
      sequence: Math.floor(Math.random() * 1e9),
      familyId: f.family.id,
      payerName: name,
      payerAddress: "1 rue",
      month: day("2026-11-01"),
      status: "ISSUED",
      totalCents: 4200,
      paidCents: 1000,
      issuedAt: NOW,
      dueDate: day("2026-12-15"),
    },
  });
  return f;
}

describe("the dashboard's one statement", () => {
  it("reads what the Prisma reads read, for the family only", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2026-11-01",
      end: "2027-03-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 5 }],
    });
    const type = await prisma.documentType.create({
      data: { name: `Carnet de vaccination ${w.activity.name}`, scope: "CHILD", required: true },
    });
    const a = await richFamily(w, "Alpha", type);
    const b = await richFamily(w, "Bravo", type);

    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ] as const) {
      const dashboard = (await getFamilyDashboard(mine.family.id, NOW))!;
      const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
      // The feed: every source, same lines, same order (newest first; ties broken alike).
      const expected = await listFamilyRequests(mine.family.id, NOW);
      expect([...dashboard.requests].sort(byId)).toEqual([...expected].sort(byId));
      expect(dashboard.requests.map((r) => r.sentAt)).toEqual(expected.map((r) => r.sentAt));
      expect(dashboard.requests.map((r) => r.kind).sort()).toEqual(
        [
          "ACCOUNT",
          "CANCELLATION",
          "CHILD_ADDED",
          "CHILD_HEALTH",
          "ADDRESS",
          "DOCUMENT",
          "DOCUMENT",
          "INSCRIPTION",
          "INSCRIPTION",
          "PHONES",
        ]
          .concat(["RESERVATION", "RESERVATION"])
          .sort(),
      );
      expect(dashboard.waitingCount).toBe(expected.filter((r) => r.state.tone === "waiting").length);
      // « À faire »: the same items as the Prisma reads give.
      const missing = await missingDocuments(mine.family.id, parisDay(NOW));
      expect(missing.length).toBeGreaterThan(0);
      const unfetched = await prisma.child.findMany({
        where: { familyId: mine.family.id, authorizedPersons: { none: {} } },
        orderBy: { birthDate: "asc" },
      });
      expect(unfetched).toHaveLength(2); // the younger child and the one awaiting the structure
      expect(dashboard.todo).toEqual([
        ...unfetched.map((c) => ({
          text: `Indiquez qui peut venir chercher ${c.firstName}`,
          href: `/ma-famille/enfants/${c.id}/modifier`,
        })),
        ...(await inscriptionsWithoutReservation(mine.family.id, NOW)),
        ...missing.map((m) => ({ text: m.text, href: "/mes-envois" })),
        { text: (await invoicesToPay(mine.family.id))!, href: "/mes-factures" },
        { text: "Renseignez votre quotient familial et votre numéro d'allocataire CAF", href: "/mes-coordonnees#quotient" },
      ]);
      expect(dashboard.awaiting).toEqual(await childrenAwaitingValidation(mine.family.id));
      expect(dashboard.awaiting).toHaveLength(1);
      // Nothing of the other family: none of its ids, none of its names.
      const theirIds = [
        theirs.family.id,
        ...theirs.children.map((c) => c.id),
        ...(await prisma.inscription.findMany({ where: { familyId: theirs.family.id }, select: { id: true } })).map((i) => i.id),
        ...(await prisma.changeRequest.findMany({ where: { familyId: theirs.family.id }, select: { id: true } })).map((i) => i.id),
        ...(await prisma.document.findMany({ where: { familyId: theirs.family.id }, select: { id: true } })).map((i) => i.id),
      ];
      const text = JSON.stringify(dashboard);
      for (const id of theirIds) expect(text).not.toContain(id);
      expect(text).not.toContain(
        theirs.family.name
          .slice("Famille ".length)
          .toLowerCase()
          .replace(/^./, (c) => c.toUpperCase()),
      );
    }
    expect(await getFamilyDashboard("inconnue", NOW)).toBeNull();
  });
});
