import { describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { prepareInscriptionRequestAction, withdrawPreparedInscriptionAction } from "@/app/mes-inscriptions/actions";
import { addChild } from "@/lib/families/add-child";
import { refuseChangeRequest, validateChangeRequest } from "@/lib/families/change-requests";
import { childSchema } from "@/lib/families/schemas";
import { alreadyPreparedMessage, prepareInscriptionRequest } from "@/lib/inscriptions/prepare-inscription-request";
import { NotFoundError, actorFromUser } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { childForm } from "./fixtures";

// The real clock: validating the child and the parent's action read it (the suite also runs 270 days ahead).
const NOW = new Date();
const dayFromNow = (days: number) =>
  new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate() + days)).toISOString().slice(0, 10);
const START = dayFromNow(40);
const END = dayFromNow(124);

async function world(options: { automatic?: boolean } = {}) {
  const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}`, city: "Lille" } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await prisma.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: "Mercredis",
      inscriptionValidation: options.automatic ? "AUTOMATIC" : "MANUAL",
      ageGroups: { create: [{ name: "Élémentaire", minAgeMonths: 72, maxAgeMonths: 155 }] },
    },
    include: { ageGroups: true },
  });
  const period = await prisma.period.create({
    data: {
      activityId: activity.id,
      name: "Hiver",
      startDate: new Date(`${START}T00:00:00Z`),
      endDate: new Date(`${END}T00:00:00Z`),
    },
  });
  return { activity, period, group: activity.ageGroups[0] };
}

/** A new family whose parent has just added Nina: the child waits for the structure's check. */
async function familyWithNina() {
  const { family, user } = await createFamily(prisma);
  const parent = actorFromUser(user);
  const data = childSchema.parse(childForm({ identity: { firstName: "Nina", birthDate: "2019-04-04" } }));
  const { id: childId } = await addChild({ familyId: family.id, data, actor: parent });
  const request = await prisma.changeRequest.findFirstOrThrow({ where: { familyId: family.id, kind: "CHILD_ADDED" } });
  return { family, parent, childId, requestId: request.id };
}

const prepare = (w: Awaited<ReturnType<typeof world>>, f: Awaited<ReturnType<typeof familyWithNina>>, familyId = f.family.id) =>
  prepareInscriptionRequest({
    familyId,
    childId: f.childId,
    activityId: w.activity.id,
    periodId: w.period.id,
    ageGroupId: w.group.id,
    startDate: START,
    endDate: END,
    actor: f.parent,
    now: NOW,
  });

describe("prepared inscription requests (child awaiting validation)", () => {
  it("is kept while the child waits, and enters the inscription workflow when staff validate the child", async () => {
    const w = await world();
    const f = await familyWithNina();
    expect(await prepare(w, f)).toMatchObject({ kind: "PREPARED" });
    // Nothing reached the inscription workflow yet; a second one for the same choice is refused.
    expect(await prisma.inscription.count({ where: { childId: f.childId } })).toBe(0);
    await expectNothingChanged(() => expect(prepare(w, f)).rejects.toThrow(alreadyPreparedMessage("Nina")));

    await validateChangeRequest({ id: f.requestId, actor: await staffActor() });
    const inscriptions = await prisma.inscription.findMany({ where: { childId: f.childId } });
    expect(inscriptions).toHaveLength(1);
    expect(inscriptions[0]).toMatchObject({ status: "PENDING", activityId: w.activity.id, periodId: w.period.id, ageGroupId: w.group.id });
    // Created through the workflow, in the name of the parent who prepared it.
    const log = await prisma.transitionLog.findMany({ where: { machine: "INSCRIPTION", entityId: inscriptions[0].id } });
    expect(log.map((l) => `${l.fromStatus ?? "-"}>${l.toStatus}:${l.actorRole}`)).toEqual(["->PENDING:PARENT"]);
    expect(await prisma.preparedInscription.count({ where: { childId: f.childId } })).toBe(0);
  });

  it("is validated at once on an automatic activity, in the same transaction as the child", async () => {
    const w = await world({ automatic: true });
    const f = await familyWithNina();
    await prepare(w, f);
    await validateChangeRequest({ id: f.requestId, actor: await staffActor() });
    expect((await prisma.inscription.findFirstOrThrow({ where: { childId: f.childId } })).status).toBe("VALIDATED");
  });

  it("is dropped when the child is refused, and the family is told", async () => {
    const w = await world();
    const f = await familyWithNina();
    await prepare(w, f);
    await refuseChangeRequest({ id: f.requestId, reason: "Enfant déjà inscrit ailleurs", actor: await staffActor() });
    expect(await prisma.inscription.count({ where: { childId: f.childId } })).toBe(0);
    expect(await prisma.preparedInscription.count({ where: { childId: f.childId } })).toBe(0);
    const email = await prisma.emailOutbox.findFirstOrThrow({
      where: { familyId: f.family.id, template: "prepared-inscriptions-dropped" },
    });
    expect(email.text).toContain("Mercredis (Hiver)");
    expect(email.text).toContain("Enfant déjà inscrit ailleurs");
  });

  it("refuses another family's child as a missing one, writing nothing", async () => {
    const w = await world();
    const f = await familyWithNina();
    const other = await createFamily(prisma);
    await expectNothingChanged(() => expect(prepare(w, f, other.family.id)).rejects.toBeInstanceOf(NotFoundError));
    await expectNothingChanged(() =>
      expect(prepare(w, { ...f, childId: "inexistant" }, other.family.id)).rejects.toBeInstanceOf(NotFoundError),
    );
  });

  it("a child already validated gets the request sent at once", async () => {
    const w = await world();
    const f = await familyWithNina();
    await validateChangeRequest({ id: f.requestId, actor: await staffActor() });
    expect(await prepare(w, f)).toMatchObject({ kind: "SENT", status: "PENDING" });
    expect(await prisma.preparedInscription.count({ where: { childId: f.childId } })).toBe(0);
  });

  it("« Préparer ma demande » with another family's child answers as with a missing id, writing nothing", async () => {
    const w = await world();
    const f = await familyWithNina();
    const other = await createFamily(prisma);
    session.current = { user: { id: other.user.id } };
    const send = (childId: string) =>
      prepareInscriptionRequestAction({
        childId,
        activityId: w.activity.id,
        periodId: w.period.id,
        ageGroupId: w.group.id,
        startDate: START,
        endDate: END,
      });
    let foreign: unknown;
    await expectNothingChanged(async () => {
      foreign = await send(f.childId);
    });
    expect(foreign).toEqual({ ok: false, error: "Élément introuvable." });
    expect(await send("inexistant")).toEqual(foreign);
    // Nina's own parent prepares it.
    session.current = { user: { id: f.parent.userId! } };
    expect(await send(f.childId)).toMatchObject({ ok: true });
    expect(await prisma.preparedInscription.count({ where: { childId: f.childId } })).toBe(1);
  });

  it("« Retirer ma demande »: the parent drops a prepared request (nothing is sent at the validation); another family's id answers as a missing one, writing nothing", async () => {
    const w = await world();
    const f = await familyWithNina();
    const prepared = await prepare(w, f);
    if (prepared.kind !== "PREPARED") throw new Error("demande non préparée");
    const other = await createFamily(prisma);
    session.current = { user: { id: other.user.id } };
    let foreign: unknown;
    await expectNothingChanged(async () => {
      foreign = await withdrawPreparedInscriptionAction({ id: prepared.id });
    });
    expect(foreign).toEqual({ ok: false, error: "Élément introuvable." });
    expect(await withdrawPreparedInscriptionAction({ id: "inexistant" })).toEqual(foreign);

    session.current = { user: { id: f.parent.userId! } };
    expect(await withdrawPreparedInscriptionAction({ id: prepared.id })).toMatchObject({ ok: true });
    expect(await prisma.preparedInscription.count({ where: { childId: f.childId } })).toBe(0);
    // Withdrawn twice: as a missing one.
    expect(await withdrawPreparedInscriptionAction({ id: prepared.id })).toEqual(foreign);
    await validateChangeRequest({ id: f.requestId, actor: await staffActor() });
    expect(await prisma.inscription.count({ where: { childId: f.childId } })).toBe(0);
  });
});
