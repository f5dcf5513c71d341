import { beforeEach, describe, expect, it, vi } from "vitest";

/** Security matrix of inscriptions and activity configuration (session simulated, the rest real). */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as parentActions from "@/app/mes-inscriptions/actions";
import * as queueActions from "@/app/admin/inscriptions/actions";
import * as configActions from "@/app/admin/activites/actions";
import * as structureActions from "@/app/admin/structures/actions";
import { GET as attestation } from "@/app/mes-inscriptions/[inscriptionId]/attestation/route";
import { createFamily } from "@/prisma/factories";
import { addDays, dateOf, parisDay } from "@/lib/calendar/paris";
import { expectNothingChanged, prisma } from "./helpers";
import { activityForm } from "./fixtures";

// Dates relative to today: the period is always to come, whenever the suite runs.
const TODAY = parisDay(new Date());
const START = addDays(TODAY, 40);
const END = addDays(TODAY, 220);
const LATER = addDays(TODAY, 240);

async function setup() {
  const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}` } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "PERISCOLAIRE", name: "Périscolaire" } });
  const activity = await prisma.activity.create({ data: { structureId: structure.id, careTypeId: careType.id, name: "Garderie" } });
  const period = await prisma.period.create({
    data: { activityId: activity.id, name: "Année", startDate: dateOf(START), endDate: dateOf(END) },
  });
  const unit = await prisma.timeUnit.create({
    data: { activityId: activity.id, name: "Matin", startTime: "07:30", endTime: "08:30", capacity: 10 },
  });
  const a = await createFamily(prisma, { lastName: "Alpha", children: [{ firstName: "Anna", birthDate: "2019-01-01", sex: "F" }] });
  const b = await createFamily(prisma, { lastName: "Bravo", children: [{ firstName: "Bruno", birthDate: "2019-01-01", sex: "M" }] });
  const inscriptionB = await prisma.inscription.create({
    data: {
      familyId: b.family.id,
      childId: b.children[0].id,
      activityId: activity.id,
      periodId: period.id,
      status: "VALIDATED",
      startDate: period.startDate,
      endDate: period.endDate,
    },
  });
  return { structure, activity, period, unit, a, b, inscriptionB };
}

beforeEach(() => {
  session.current = null;
});

describe("inscriptions: family A with family B's ids", () => {
  it("cannot ask an inscription for B's child, withdraw B's request or download B's attestation — as with a missing id", async () => {
    const { activity, period, a, b, inscriptionB } = await setup();
    session.current = { user: { id: a.user.id } };
    const ask = (childId: string) =>
      parentActions.requestInscriptionAction({
        childId,
        activityId: activity.id,
        periodId: period.id,
        ageGroupId: "",
        startDate: START,
        endDate: END,
      });
    const foreignAsk = await ask(b.children[0].id);
    expect(foreignAsk).toEqual({ ok: false, error: "Élément introuvable." });
    expect(await ask("inexistant")).toEqual(foreignAsk);

    const foreignWithdraw = await parentActions.withdrawInscriptionAction({ id: inscriptionB.id });
    expect(foreignWithdraw).toEqual({ ok: false, error: "Élément introuvable." });
    expect(await parentActions.withdrawInscriptionAction({ id: "inexistant" })).toEqual(foreignWithdraw);

    const download = (id: string) => attestation(new Request("http://localhost/"), { params: Promise.resolve({ inscriptionId: id }) });
    const foreignPdf = await download(inscriptionB.id);
    const missingPdf = await download("inexistant");
    expect(foreignPdf.status).toBe(404);
    expect(await foreignPdf.json()).toEqual(await missingPdf.json());
    expect(missingPdf.status).toBe(404);

    expect(await prisma.inscription.count({ where: { childId: b.children[0].id } })).toBe(1);
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id: inscriptionB.id } })).status).toBe("VALIDATED");
    // Own child works.
    expect((await ask(a.children[0].id)).ok).toBe(true);
  });

  it("a visitor gets no attestation", async () => {
    const { inscriptionB } = await setup();
    const response = await attestation(new Request("http://localhost/"), { params: Promise.resolve({ inscriptionId: inscriptionB.id }) });
    expect(response.status).toBe(403);
  });

  it("a parent cannot call any staff action of inscriptions or configuration", async () => {
    const { structure, activity, period, unit, a, inscriptionB } = await setup();
    session.current = { user: { id: a.user.id } };
    const before = await prisma.activity.findUniqueOrThrow({
      where: { id: activity.id },
      include: { periods: true, ageGroups: true, timeUnits: { include: { tariffs: true } } },
    });
    const results = await Promise.all([
      queueActions.validateInscriptionAction({ id: inscriptionB.id }),
      queueActions.refuseInscriptionAction({ id: inscriptionB.id, reason: "Non" }),
      queueActions.decideInscriptionsAction({ decision: "validate", ids: [inscriptionB.id] }),
      queueActions.decideRenewalsAction({ decision: "validate", ids: [inscriptionB.id] }),
      queueActions.cancelInscriptionAction({ id: inscriptionB.id, reason: "Non" }),
      configActions.createActivityAction(activityForm(structure.id, { careKind: "PERISCOLAIRE", name: "Pirate" })),
      configActions.updateActivityAction({
        activityId: activity.id,
        ...activityForm(structure.id, { careKind: "PERISCOLAIRE", name: "Pirate", inscriptionValidation: "AUTOMATIC" }),
      }),
      configActions.addPeriodAction({
        activityId: activity.id,
        name: "Pirate",
        startDate: LATER,
        endDate: addDays(LATER, 30),
        weekdays: ["1"],
        inHolidays: "oui",
      }),
      configActions.addAgeGroupAction({ activityId: activity.id, name: "Pirate", minYears: "", maxYears: "", capacity: "" }),
      configActions.addTimeUnitAction({ activityId: activity.id, name: "Pirate", startTime: "08:00", endTime: "09:00", capacity: "1" }),
      configActions.setTariffsAction({ timeUnitId: unit.id, brackets: [{ qfMin: "0", qfMax: "", price: "0" }] }),
      configActions.setCapacityOverrideAction({ timeUnitId: unit.id, date: addDays(START, 1), capacity: "0" }),
      configActions.deletePeriodAction({ id: period.id }),
      configActions.deleteTimeUnitAction({ id: unit.id }),
      structureActions.createStructureAction({ name: "Pirate", street: "", postalCode: "", city: "" }),
      structureActions.addCalendarExceptionAction({
        structureId: structure.id,
        kind: "FERMETURE",
        label: "Pirate",
        startDate: START,
        endDate: addDays(START, 4),
      }),
    ]);
    for (const result of results) expect(result).toEqual({ ok: false, error: "Accès refusé." });
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id: inscriptionB.id } })).status).toBe("VALIDATED");
    const after = await prisma.activity.findUniqueOrThrow({
      where: { id: activity.id },
      include: { periods: true, ageGroups: true, timeUnits: { include: { tariffs: true } } },
    });
    expect(after).toEqual(before);
    expect(await prisma.structure.count({ where: { name: "Pirate" } })).toBe(0);
    expect(await prisma.calendarException.count({ where: { structureId: structure.id } })).toBe(0);
  });
});

describe("« Réinscrire » (ADR 052): family A with family B's ids", () => {
  it("cannot renew B's inscription, alone or mixed with its own — answered as a missing id, nothing written", async () => {
    const { activity, period, a, inscriptionB } = await setup();
    // The next school year's period of the activity, so that both families have a renewal to offer.
    const start = new Date(period.startDate);
    start.setUTCFullYear(start.getUTCFullYear() + 1);
    const end = new Date(period.endDate);
    end.setUTCFullYear(end.getUTCFullYear() + 1);
    await prisma.period.create({ data: { activityId: activity.id, name: "Année suivante", startDate: start, endDate: end } });
    const own = await prisma.inscription.create({
      data: {
        familyId: a.family.id,
        childId: a.children[0].id,
        activityId: activity.id,
        periodId: period.id,
        status: "VALIDATED",
        startDate: period.startDate,
        endDate: period.endDate,
      },
    });
    session.current = { user: { id: a.user.id } };
    const missing = await parentActions.requestRenewalsAction({ previousInscriptionIds: ["inexistant"] });
    expect(missing).toEqual({ ok: false, error: "Élément introuvable." });
    for (const ids of [[inscriptionB.id], [own.id, inscriptionB.id]]) {
      await expectNothingChanged(async () =>
        expect(await parentActions.requestRenewalsAction({ previousInscriptionIds: ids })).toEqual(missing),
      );
    }
    // A visitor is refused.
    session.current = null;
    await expectNothingChanged(async () =>
      expect((await parentActions.requestRenewalsAction({ previousInscriptionIds: [own.id] })).ok).toBe(false),
    );
    // Its own works, marked as a renewal.
    session.current = { user: { id: a.user.id } };
    expect((await parentActions.requestRenewalsAction({ previousInscriptionIds: [own.id] })).ok).toBe(true);
    expect(await prisma.inscription.count({ where: { childId: a.children[0].id, isRenewal: true } })).toBe(1);
  });
});
