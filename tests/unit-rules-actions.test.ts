/** Staff actions on the rules between units: parents refused, bad input in French, parallel opposite rules end as one. */
import { beforeEach, expect, it, vi } from "vitest";
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
import * as admin from "@/app/admin/activites/actions";
import { addDays, parisDay } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, createStaffUser } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";

beforeEach(() => {
  session.current = null;
});
it("unit rules actions", async () => {
  const start = addDays(parisDay(new Date()), 30);
  const w = await createBookableWorld(prisma, {
    start,
    end: addDays(start, 30),
    weekdays: [1],
    units: [
      { name: "A", capacity: 1 },
      { name: "B", capacity: 1 },
    ],
  });
  const o = await createBookableWorld(prisma, { start, end: addDays(start, 30), weekdays: [1], units: [{ name: "C", capacity: 1 }] });
  const f = await createFamily(prisma, { children: [] });
  const staff = await createStaffUser(prisma);
  const [a, b] = w.units;
  await expectNothingChanged(async () => {
    session.current = { user: { id: f.user.id } };
    const r = await admin.addUnitRuleAction({ unitId: a!.id, kind: "REQUIRES", otherUnitId: b!.id });
    expect(r.ok).toBe(false);
    expect(await admin.deleteUnitRuleAction({ id: "x" })).toMatchObject({ ok: false });
    session.current = { user: { id: staff.id } };
    for (const input of [
      null,
      {},
      { unitId: a!.id, kind: "REQUIRES", otherUnitId: o.units[0]!.id },
      { unitId: a!.id, kind: "X", otherUnitId: b!.id },
      { unitId: a!.id, kind: "REQUIRES", otherUnitId: "nope" },
      { unitId: { id: a!.id }, kind: "REQUIRES", otherUnitId: b!.id },
      { unitId: a!.id, kind: "REQUIRES", otherUnitId: a!.id },
      { unitId: a!.id, kind: "__proto__", otherUnitId: b!.id },
    ]) {
      const res = await admin.addUnitRuleAction(input);

      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).not.toMatch(/inattendue/);
    }
    for (const input of [null, { id: "" }, { id: "nope" }, { id: ["x"] }]) {
      const res = await admin.deleteUnitRuleAction(input);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).not.toMatch(/inattendue/);
    }
  });
  session.current = { user: { id: staff.id } };
  await Promise.all([
    admin.addUnitRuleAction({ unitId: a!.id, kind: "INCOMPATIBLE", otherUnitId: b!.id }),
    admin.addUnitRuleAction({ unitId: b!.id, kind: "INCOMPATIBLE", otherUnitId: a!.id }),
  ]);

  await Promise.all([
    admin.addUnitRuleAction({ unitId: a!.id, kind: "REQUIRES", otherUnitId: b!.id }),
    admin.addUnitRuleAction({ unitId: a!.id, kind: "REQUIRES", otherUnitId: b!.id }),
  ]);

  expect(await prisma.timeUnitRule.count({ where: { kind: "INCOMPATIBLE", unitId: { in: [a!.id, b!.id] } } })).toBe(1);
});
