import { describe, expect, it } from "vitest";
import { linkChildFoyer, unlinkChildFoyer } from "@/lib/families/link-child-foyer";
import { requestChildLink } from "@/lib/families/request-child-link";
import { refuseChangeRequest, validateChangeRequest } from "@/lib/families/change-requests";
import { childLinkRequestSchema } from "@/lib/families/schemas";
import { childLinkCandidates } from "@/lib/families/list-change-requests";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { createFamily } from "@/prisma/factories";
import { actorFromUser } from "@/lib/workflow";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

/** Garde alternée (ADR 051): staff link a child to the other parent's foyer, directly or on the parent's request. */
async function separated(firstName = "Léa") {
  const a = await createFamily(prisma, { lastName: "Lienard", children: [{ firstName, birthDate: "2018-03-04", sex: "F" }] });
  const b = await createFamily(prisma, { lastName: "Morel", firstName: "Hugo", civility: "M" });
  const c = await createFamily(prisma, { lastName: "Tiers" });
  return { a, b, c, child: a.children[0]! };
}

describe("linking a child to a second foyer", () => {
  it("links, logs on both families, and unlinks (the custody calendar going with it)", async () => {
    const { a, b, child } = await separated();
    const staff = await staffActor();
    await linkChildFoyer({ childId: child.id, familyId: b.family.id, actor: staff });
    expect(await prisma.childFoyer.findMany({ where: { childId: child.id }, select: { familyId: true, linkedById: true } })).toEqual([
      { familyId: b.family.id, linkedById: staff.userId },
    ]);
    for (const family of [a.family, b.family]) {
      const edits = await prisma.staffEdit.findMany({
        where: { familyId: family.id },
        select: { kind: true, targetId: true, before: true, after: true },
      });
      expect(edits).toEqual([
        {
          kind: "CHILD",
          targetId: child.id,
          before: { secondFoyer: null },
          after: { secondFoyer: "Léa LIENARD — second foyer : Famille MOREL" },
        },
      ]);
    }
    // Each parent of both foyers is told, each e-mail under its own foyer.
    const linked = await prisma.emailOutbox.findMany({
      where: { template: "child-foyer-linked", familyId: { in: [a.family.id, b.family.id] } },
    });
    expect(linked.map((m) => [m.familyId, m.to]).sort()).toEqual(
      [
        [a.family.id, a.user.email],
        [b.family.id, b.user.email],
      ].sort(),
    );
    expect(linked.every((m) => m.subject === "Garde alternée : Léa" && !m.text.includes("MOREL") && !m.text.includes("LIENARD"))).toBe(
      true,
    );
    await prisma.custodyPlan.create({
      data: { childId: child.id, kind: "ALTERNATE_WEEKS", evenWeeksFamilyId: a.family.id, defaultFamilyId: a.family.id },
    });
    await unlinkChildFoyer({ childId: child.id, familyId: b.family.id, actor: staff });
    expect(await prisma.childFoyer.count({ where: { childId: child.id } })).toBe(0);
    expect(await prisma.custodyPlan.count({ where: { childId: child.id } })).toBe(0);
    expect(await prisma.staffEdit.count({ where: { familyId: b.family.id, targetId: child.id } })).toBe(2);
    expect(
      await prisma.emailOutbox.count({ where: { template: "child-foyer-unlinked", familyId: { in: [a.family.id, b.family.id] } } }),
    ).toBe(2);
  });

  it("refuses the child's own family, a second second foyer, a missing family, a pending child — nothing written", async () => {
    const { a, b, c, child } = await separated();
    const staff = await staffActor();
    await expectNothingChanged(() =>
      expect(linkChildFoyer({ childId: child.id, familyId: a.family.id, actor: staff })).rejects.toThrow(/déjà dans ce foyer/),
    );
    await expectNothingChanged(() =>
      expect(linkChildFoyer({ childId: child.id, familyId: "famille-inexistante", actor: staff })).rejects.toThrow(/introuvable/),
    );
    await expectNothingChanged(() =>
      expect(linkChildFoyer({ childId: "enfant-inexistant", familyId: b.family.id, actor: staff })).rejects.toThrow(/introuvable/i),
    );
    await linkChildFoyer({ childId: child.id, familyId: b.family.id, actor: staff });
    await expectNothingChanged(() =>
      expect(linkChildFoyer({ childId: child.id, familyId: c.family.id, actor: staff })).rejects.toThrow(/déjà un second foyer/),
    );
    await expectNothingChanged(() =>
      expect(linkChildFoyer({ childId: child.id, familyId: b.family.id, actor: staff })).rejects.toThrow(/déjà lié à ce foyer/),
    );
    await expectNothingChanged(() =>
      expect(unlinkChildFoyer({ childId: child.id, familyId: c.family.id, actor: staff })).rejects.toThrow(/introuvable/i),
    );
    const pending = await prisma.child.create({
      data: { familyId: c.family.id, lastName: "Tiers", firstName: "Noé", birthDate: new Date("2019-01-01"), sex: "M", status: "PENDING" },
    });
    await expectNothingChanged(() =>
      expect(linkChildFoyer({ childId: pending.id, familyId: b.family.id, actor: staff })).rejects.toThrow(/validé/),
    );
  });

  it("two links of one child at once: exactly one second foyer", async () => {
    const { b, c, child } = await separated();
    const d = await createFamily(prisma, { lastName: "Quatre" });
    const staff = await staffActor();
    const results = await Promise.allSettled(
      [b, c, d, b, c, d].map((f) => linkChildFoyer({ childId: child.id, familyId: f.family.id, actor: staff })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/déjà (un second foyer|lié à ce foyer)/);
    expect(await prisma.childFoyer.count({ where: { childId: child.id } })).toBe(1);
  });

  it("a parent's CHILD_LINK request: staff validate it with the child they found, which links it and tells both foyers", async () => {
    // A first name of its own: the database keeps other tests' Léa LIENARD, born the same day (namesakes are listed too).
    const firstName = `Léa${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
    const { a, b, child } = await separated(firstName);
    const parent = actorFromUser(b.user);
    const data = childLinkRequestSchema.parse({
      lastName: "Lienard",
      firstName,
      birthDate: "2018-03-04",
      otherParentName: "Camille Lienard",
    });
    const { id } = await requestChildLink({ familyId: b.family.id, data, actor: parent });
    await expect(requestChildLink({ familyId: b.family.id, data, actor: parent })).rejects.toThrow(/déjà en attente/);
    // The parent follows it on the dashboard, towards Ma famille.
    const dashboard = await getFamilyDashboard(b.family.id, new Date());
    expect(dashboard!.requests.find((r) => r.id === id)).toMatchObject({
      label: `Garde alternée : ${firstName} dans les deux foyers`,
      href: "/ma-famille",
      state: { tone: "waiting" },
    });
    // What staff see in the queue: the children the parent's words may name.
    const candidates = await childLinkCandidates(b.family.id, data);
    expect(candidates[0]).toEqual(
      expect.objectContaining({ id: child.id, family: { id: a.family.id, name: "Famille LIENARD" }, hasSecondFoyer: false }),
    );
    expect(candidates.every((c) => c.birthDate.toISOString().startsWith("2018-03-04") && c.family.id !== b.family.id)).toBe(true);
    const staff = await staffActor();
    // Without the child staff chose, nothing happens.
    await expectNothingChanged(() => expect(validateChangeRequest({ id, actor: staff })).rejects.toThrow(/Choisissez l'enfant/));
    await validateChangeRequest({ id, actor: staff, childId: child.id });
    const request = await prisma.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ status: "VALIDATED", targetId: child.id });
    expect(await prisma.childFoyer.findFirst({ where: { childId: child.id }, select: { familyId: true } })).toEqual({
      familyId: b.family.id,
    });
    const mails = await prisma.emailOutbox.findMany({
      where: { template: "change-request-validated", familyId: { in: [a.family.id, b.family.id] } },
    });
    expect(mails.map((m) => [m.familyId, m.to]).sort()).toEqual(
      [
        [a.family.id, a.user.email],
        [b.family.id, b.user.email],
      ].sort(),
    );
    expect(new Set(mails.map((m) => m.idempotencyKey)).size).toBe(2);
  });

  it("a refused CHILD_LINK request links nothing and is written to the requesting foyer only", async () => {
    const { a, b, child } = await separated();
    const data = childLinkRequestSchema.parse({
      lastName: "Lienard",
      firstName: "Léa",
      birthDate: "2018-03-04",
      otherParentName: "Camille Lienard",
    });
    const { id } = await requestChildLink({ familyId: b.family.id, data, actor: actorFromUser(b.user) });
    await refuseChangeRequest({ id, reason: "Enfant introuvable", actor: await staffActor() });
    expect(await prisma.childFoyer.count({ where: { childId: child.id } })).toBe(0);
    expect(await prisma.emailOutbox.count({ where: { familyId: a.family.id } })).toBe(0);
    expect(await prisma.emailOutbox.count({ where: { familyId: b.family.id, template: "change-request-refused" } })).toBe(1);
  });
});
