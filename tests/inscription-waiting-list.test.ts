import { describe, expect, it } from "vitest";
import { requestInscription } from "@/lib/inscriptions/request-inscription";
import { cancelInscription, validateInscription, withdrawInscription } from "@/lib/inscriptions/decide-inscription";
import { actorFromUser } from "@/lib/workflow";
import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { updateActivity } from "@/lib/activities/manage-activity";
import { activitySchema } from "@/lib/activities/schemas";
import { activityForm } from "./fixtures";
import { createFamily } from "@/prisma/factories";
import { prisma, staffActor, expectNothingChanged } from "./helpers";

// The waiting list of inscriptions moves (issue 24, ADR 033).
const NOW = new Date("2026-11-24T10:00:00Z");
const MATERNELLE_BIRTH = "2022-06-01";
const ELEMENTAIRE_BIRTH = "2019-06-01";

async function world(options: { max: number; automatic?: boolean; maternelleCapacity?: number }) {
  const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}`, city: "Lille" } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await prisma.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: "Mercredis",
      maxInscriptions: options.max,
      inscriptionValidation: options.automatic ? "AUTOMATIC" : "MANUAL",
      ageGroups: {
        create: [
          { name: "Maternelle", minAgeMonths: 36, maxAgeMonths: 71, capacity: options.maternelleCapacity ?? null },
          { name: "Élémentaire +6 ans", minAgeMonths: 72, maxAgeMonths: 155 },
        ],
      },
    },
    include: { ageGroups: true },
  });
  const period = await prisma.period.create({
    data: {
      activityId: activity.id,
      name: "Hiver",
      startDate: new Date("2027-01-06T00:00:00Z"),
      endDate: new Date("2027-03-31T00:00:00Z"),
    },
  });
  const group = (name: string) => activity.ageGroups.find((g) => g.name === name)!.id;
  /** One new family asking for one child; returns the family and its request. */
  async function ask(firstName: string, birthDate = MATERNELLE_BIRTH) {
    const f = await createFamily(prisma, { children: [{ firstName, birthDate, sex: "F" }] });
    const request = await requestInscription({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: activity.id,
      periodId: period.id,
      ageGroupId: group(birthDate === MATERNELLE_BIRTH ? "Maternelle" : "Élémentaire +6 ans"),
      actor: actorFromUser(f.user),
      now: NOW,
    });
    return { ...f, request };
  }
  return { activity, period, ask };
}

const statusOf = async (id: string) => (await prisma.inscription.findUniqueOrThrow({ where: { id } })).status;
const templatesTo = async (email: string) =>
  (await prisma.emailOutbox.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } })).map((e) => e.template);

describe("the inscription waiting list moves", () => {
  it("1 place, 3 requests: cancelling the validated one gives its place to rank 1 (pending for staff), with its e-mail; rank 2 waits on", async () => {
    const w = await world({ max: 1 });
    const staff = await staffActor();
    const a = await w.ask("Alma");
    const b = await w.ask("Basile");
    const c = await w.ask("Capucine");
    expect([a.request.status, b.request.status, c.request.status]).toEqual(["PENDING", "WAITLISTED", "WAITLISTED"]);
    await validateInscription({ id: a.request.id, actor: staff });

    await cancelInscription({ id: a.request.id, reason: "Déménagement", actor: staff, now: NOW });

    expect(await statusOf(a.request.id)).toBe("CANCELLED");
    expect(await statusOf(b.request.id)).toBe("PENDING");
    expect(await statusOf(c.request.id)).toBe("WAITLISTED");
    expect(await templatesTo(b.user.email)).toEqual(["inscription-waitlisted", "inscription-offered"]);
    expect(await templatesTo(c.user.email)).toEqual(["inscription-waitlisted"]);
    const offered = await prisma.emailOutbox.findFirstOrThrow({ where: { to: b.user.email, template: "inscription-offered" } });
    expect(offered.subject).toBe("Une place s'est libérée pour votre demande d'inscription");
    expect(offered.text).toContain("Basile");
    const log = await prisma.transitionLog.findFirstOrThrow({ where: { entityId: b.request.id, toStatus: "PENDING" } });
    expect(log).toMatchObject({ fromStatus: "WAITLISTED", actorRole: "SYSTEM", reason: "Place libérée" });
    // C is now first on the list.
    await expectNothingChanged(() =>
      expect(validateInscription({ id: c.request.id, actor: staff })).rejects.toThrow("Plus de place disponible"),
    );
  });

  it("an activity validating inscriptions automatically validates rank 1 at once, with the « validée » e-mail", async () => {
    const w = await world({ max: 1, automatic: true });
    const staff = await staffActor();
    const a = await w.ask("Alma");
    const b = await w.ask("Basile");
    expect([a.request.status, b.request.status]).toEqual(["VALIDATED", "WAITLISTED"]);
    await cancelInscription({ id: a.request.id, reason: "Déménagement", actor: staff, now: NOW });
    expect(await statusOf(b.request.id)).toBe("VALIDATED");
    expect(await templatesTo(b.user.email)).toEqual(["inscription-waitlisted", "inscription-validated"]);
  });

  it("the place goes to the first rank whose group fits; a parent withdrawing a pending request frees its place too", async () => {
    // 2 places; Maternelle holds 1. Alma (maternelle) and Ézio (élémentaire) hold them; Basile (maternelle) and Céleste (élémentaire) wait.
    const w = await world({ max: 2, maternelleCapacity: 1 });
    const staff = await staffActor();
    const alma = await w.ask("Alma");
    const ezio = await w.ask("Ézio", ELEMENTAIRE_BIRTH);
    const basile = await w.ask("Basile");
    const celeste = await w.ask("Céleste", ELEMENTAIRE_BIRTH);
    expect(basile.request.status).toBe("WAITLISTED");
    expect(celeste.request.status).toBe("WAITLISTED");
    await withdrawInscription({ id: ezio.request.id, familyId: ezio.family.id, actor: actorFromUser(ezio.user), now: NOW });
    // Basile is rank 1 but Maternelle is full (Alma): Céleste, rank 2, gets the place.
    expect(await statusOf(basile.request.id)).toBe("WAITLISTED");
    expect(await statusOf(celeste.request.id)).toBe("PENDING");
    expect(await statusOf(alma.request.id)).toBe("PENDING");
    // Alma's place then goes to Basile.
    await validateInscription({ id: alma.request.id, actor: staff });
    await cancelInscription({ id: alma.request.id, reason: "Déménagement", actor: staff, now: NOW });
    expect(await statusOf(basile.request.id)).toBe("PENDING");
  });

  it("staff validate a lower rank of the same group before a higher one only with a reason, which is logged", async () => {
    const w = await world({ max: 1 });
    const staff = await staffActor();
    const a = await w.ask("Alma");
    const b = await w.ask("Basile");
    const c = await w.ask("Capucine");
    const e = await w.ask("Élie", ELEMENTAIRE_BIRTH);
    await validateInscription({ id: a.request.id, actor: staff });
    // One more place (the activity's settings): Basile (rank 1) is next; Capucine (rank 2) may pass him only with a reason.
    await prisma.activity.update({ where: { id: w.activity.id }, data: { maxInscriptions: 2 } });

    await expectNothingChanged(() =>
      expect(validateInscription({ id: c.request.id, actor: staff })).rejects.toThrow(
        "Basile Testeur attend avant cette demande dans la liste d'attente du même groupe : validez d'abord sa demande, ou dites pourquoi vous passez devant (motif).",
      ),
    );
    await expectNothingChanged(() =>
      expect(validateInscription({ id: c.request.id, actor: staff, skipReason: "   " })).rejects.toThrow("Basile Testeur attend avant"),
    );
    // Another group's earlier rank is no skip: Élie (rank 3, élémentaire) waits behind no one of his group.
    await prisma.activity.update({ where: { id: w.activity.id }, data: { maxInscriptions: 3 } });
    await validateInscription({ id: e.request.id, actor: staff });
    expect(await statusOf(e.request.id)).toBe("VALIDATED");

    await validateInscription({ id: c.request.id, actor: staff, skipReason: "Sa sœur est déjà inscrite" });
    expect(await statusOf(c.request.id)).toBe("VALIDATED");
    expect(await statusOf(b.request.id)).toBe("WAITLISTED");
    const log = await prisma.transitionLog.findFirstOrThrow({ where: { entityId: c.request.id, toStatus: "VALIDATED" } });
    expect(log).toMatchObject({
      fromStatus: "WAITLISTED",
      actorId: staff.userId,
      reason: "Validée avant son rang : Sa sœur est déjà inscrite",
    });
    const eLog = await prisma.transitionLog.findFirstOrThrow({ where: { entityId: e.request.id, toStatus: "VALIDATED" } });
    expect(eLog.reason).toBeNull();
  });

  it("a cancellation racing a new request: the freed place goes to rank 1 exactly once, the newcomer waits", async () => {
    const w = await world({ max: 1 });
    const staff = await staffActor();
    const a = await w.ask("Alma");
    const b = await w.ask("Basile");
    await validateInscription({ id: a.request.id, actor: staff });
    const newcomer = await createFamily(prisma, { children: [{ firstName: "Noé", birthDate: MATERNELLE_BIRTH, sex: "M" }] });
    const maternelle = await prisma.ageGroup.findFirstOrThrow({ where: { activityId: w.activity.id, name: "Maternelle" } });
    const [, late] = await Promise.all([
      cancelInscription({ id: a.request.id, reason: "Déménagement", actor: staff, now: NOW }),
      requestInscription({
        familyId: newcomer.family.id,
        childId: newcomer.children[0].id,
        activityId: w.activity.id,
        periodId: w.period.id,
        ageGroupId: maternelle.id,
        actor: actorFromUser(newcomer.user),
        now: NOW,
      }),
    ]);
    expect(late.status).toBe("WAITLISTED");
    expect(await statusOf(b.request.id)).toBe("PENDING");
    expect(await prisma.inscription.count({ where: { activityId: w.activity.id, status: { in: ["PENDING", "VALIDATED"] } } })).toBe(1);
  });

  it("staff raising the activity's maximum gives the new place to rank 1 at once (racing a new request), rank 2 waits on", async () => {
    const w = await world({ max: 1 });
    const a = await w.ask("Alma");
    const b = await w.ask("Basile");
    const c = await w.ask("Capucine");
    const newcomer = await createFamily(prisma, { children: [{ firstName: "Noé", birthDate: MATERNELLE_BIRTH, sex: "M" }] });
    const maternelle = await prisma.ageGroup.findFirstOrThrow({ where: { activityId: w.activity.id, name: "Maternelle" } });
    const settings = activitySchema.parse(activityForm(w.activity.structureId, { maxInscriptions: "2" }));
    const [, late] = await Promise.all([
      updateActivity(w.activity.id, settings, ALL_LIEUX, NOW),
      requestInscription({
        familyId: newcomer.family.id,
        childId: newcomer.children[0].id,
        activityId: w.activity.id,
        periodId: w.period.id,
        ageGroupId: maternelle.id,
        actor: actorFromUser(newcomer.user),
        now: NOW,
      }),
    ]);
    expect(a.request.status).toBe("PENDING");
    expect(await statusOf(b.request.id)).toBe("PENDING");
    expect(await statusOf(c.request.id)).toBe("WAITLISTED");
    expect(late.status).toBe("WAITLISTED");
    expect(await templatesTo(b.user.email)).toEqual(["inscription-waitlisted", "inscription-offered"]);
    expect(await prisma.inscription.count({ where: { activityId: w.activity.id, status: { in: ["PENDING", "VALIDATED"] } } })).toBe(2);
  });
});
