import { describe, expect, it } from "vitest";
import {
  applyTransition,
  createReservation,
  IllegalTransitionError,
  InscriptionNotValidatedError,
  ReasonRequiredError,
  StaleStatusError,
  SYSTEM,
  actorFromUser,
} from "@/lib/workflow";
import { demoStructure, familyWithChild, prisma, staffActor, expectNothingChanged } from "../helpers";

async function inscriptionFor(status: "PENDING" | "VALIDATED") {
  const structure = await demoStructure();
  const activity = await prisma.activity.findFirstOrThrow({
    where: { structureId: structure.id, careType: { kind: "ALSH_MERCREDIS" } },
    include: { periods: true, timeUnits: true },
  });
  const { family, children, user } = await familyWithChild();
  const period = activity.periods[0];
  const inscription = await prisma.inscription.create({
    data: {
      familyId: family.id,
      childId: children[0].id,
      activityId: activity.id,
      periodId: period.id,
      status,
      startDate: period.startDate,
      endDate: period.endDate,
    },
  });
  return { inscription, unit: activity.timeUnits[0], period, parent: actorFromUser(user) };
}

describe("applyTransition", () => {
  it("changes the status and logs who, when and why", async () => {
    const { inscription } = await inscriptionFor("PENDING");
    const staff = await staffActor();
    const result = await prisma.$transaction((tx) =>
      applyTransition(tx, { machine: "INSCRIPTION", id: inscription.id, to: "REFUSED", actor: staff, reason: "Complet" }),
    );
    expect(result).toEqual({ from: "PENDING", to: "REFUSED" });
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id: inscription.id } })).status).toBe("REFUSED");
    const log = await prisma.transitionLog.findMany({ where: { entityId: inscription.id } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      machine: "INSCRIPTION",
      fromStatus: "PENDING",
      toStatus: "REFUSED",
      actorId: staff.userId,
      actorRole: "STAFF",
      reason: "Complet",
    });
  });

  it("rejects an illegal transition with a typed error and changes nothing", async () => {
    const { inscription, parent } = await inscriptionFor("PENDING");
    await expectNothingChanged(() =>
      expect(
        prisma.$transaction((tx) => applyTransition(tx, { machine: "INSCRIPTION", id: inscription.id, to: "VALIDATED", actor: parent })),
      ).rejects.toBeInstanceOf(IllegalTransitionError),
    );
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id: inscription.id } })).status).toBe("PENDING");
    expect(await prisma.transitionLog.count({ where: { entityId: inscription.id } })).toBe(0);
  });

  it("requires a reason to refuse", async () => {
    const { inscription } = await inscriptionFor("PENDING");
    const staff = await staffActor();
    await expectNothingChanged(() =>
      expect(
        prisma.$transaction((tx) =>
          applyTransition(tx, { machine: "INSCRIPTION", id: inscription.id, to: "REFUSED", actor: staff, reason: "   " }),
        ),
      ).rejects.toBeInstanceOf(ReasonRequiredError),
    );
  });

  it("refuses a decision taken on a status that has changed meanwhile", async () => {
    const { inscription } = await inscriptionFor("PENDING");
    const staff = await staffActor();
    await prisma.$transaction((tx) => applyTransition(tx, { machine: "INSCRIPTION", id: inscription.id, to: "VALIDATED", actor: staff }));
    await expectNothingChanged(() =>
      expect(
        prisma.$transaction((tx) =>
          applyTransition(tx, {
            machine: "INSCRIPTION",
            id: inscription.id,
            to: "REFUSED",
            actor: staff,
            reason: "x",
            expectedFrom: "PENDING",
          }),
        ),
      ).rejects.toBeInstanceOf(StaleStatusError),
    );
  });

  it("lets only one of two concurrent decisions win", async () => {
    const { inscription } = await inscriptionFor("PENDING");
    const staff = await staffActor();
    const results = await Promise.allSettled([
      prisma.$transaction((tx) => applyTransition(tx, { machine: "INSCRIPTION", id: inscription.id, to: "VALIDATED", actor: staff })),
      prisma.$transaction((tx) =>
        applyTransition(tx, { machine: "INSCRIPTION", id: inscription.id, to: "REFUSED", actor: staff, reason: "Complet" }),
      ),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.transitionLog.count({ where: { entityId: inscription.id } })).toBe(1);
  });
});

describe("createReservation: the gate behind a validated inscription", () => {
  it("refuses a reservation in an inscription that is not validated", async () => {
    const { inscription, unit, parent } = await inscriptionFor("PENDING");
    const date = new Date("2026-12-02T00:00:00Z");
    await expectNothingChanged(() =>
      expect(
        prisma.$transaction((tx) =>
          createReservation(tx, { inscriptionId: inscription.id, timeUnitId: unit.id, date, status: "REQUESTED" }, parent),
        ),
      ).rejects.toBeInstanceOf(InscriptionNotValidatedError),
    );
    expect(await prisma.reservation.count({ where: { inscriptionId: inscription.id } })).toBe(0);
  });

  it("creates it in a validated inscription and logs its creation", async () => {
    const { inscription, unit, parent } = await inscriptionFor("VALIDATED");
    const date = new Date("2026-12-02T00:00:00Z");
    const created = await prisma.$transaction((tx) =>
      createReservation(tx, { inscriptionId: inscription.id, timeUnitId: unit.id, date, status: "REQUESTED" }, parent),
    );
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("REQUESTED");
    expect(await prisma.transitionLog.count({ where: { entityId: created.id, toStatus: "REQUESTED", fromStatus: null } })).toBe(1);
  });

  it("refuses a day outside the inscription and a status the actor may not create", async () => {
    const { inscription, unit, parent, period } = await inscriptionFor("VALIDATED");
    const after = new Date(period.endDate.getTime() + 7 * 86_400_000);
    await expectNothingChanged(() =>
      expect(
        prisma.$transaction((tx) =>
          createReservation(tx, { inscriptionId: inscription.id, timeUnitId: unit.id, date: after, status: "REQUESTED" }, parent),
        ),
      ).rejects.toThrow("en dehors des dates de l'inscription"),
    );
    // A parent cannot create a reservation directly in the "réservée" state.
    await expectNothingChanged(() =>
      expect(
        prisma.$transaction((tx) =>
          createReservation(
            tx,
            { inscriptionId: inscription.id, timeUnitId: unit.id, date: new Date("2026-12-09T00:00:00Z"), status: "RESERVED" },
            parent,
          ),
        ),
      ).rejects.toBeInstanceOf(IllegalTransitionError),
    );
    await prisma.$transaction((tx) =>
      createReservation(
        tx,
        { inscriptionId: inscription.id, timeUnitId: unit.id, date: new Date("2026-12-09T00:00:00Z"), status: "RESERVED" },
        SYSTEM,
      ),
    );
    expect(await prisma.reservation.count({ where: { inscriptionId: inscription.id } })).toBe(1);
  });
});
