import { describe, expect, it } from "vitest";
import { createFamily } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";

/** The helper every refusal test relies on must see any write, in any table — including those without updatedAt. */
describe("expectNothingChanged", () => {
  const hasUpdatedAt = async (table: string) =>
    (
      await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} AND column_name = 'updatedAt'`
    )[0]!.n > 0;

  it("sees an UPDATE in a table without updatedAt (same row count, no date moved)", async () => {
    expect(await hasUpdatedAt("StaffEdit")).toBe(false);
    const f = await createFamily(prisma);
    const edit = await prisma.staffEdit.create({
      data: { familyId: f.family.id, kind: "ADDRESS", targetId: null, before: {}, after: { city: "Lille" }, actorId: f.user.id },
    });
    await expect(
      expectNothingChanged(() => prisma.$executeRaw`UPDATE "StaffEdit" SET "after" = '{"city": "Roubaix"}' WHERE "id" = ${edit.id}`),
    ).rejects.toThrow();
  });

  it("sees an UPDATE that leaves every updatedAt as it was, and passes when nothing is written", async () => {
    const f = await createFamily(prisma);
    await expect(
      expectNothingChanged(
        () => prisma.$executeRaw`UPDATE "Family" SET "city" = 'Roubaix', "updatedAt" = "updatedAt" WHERE "id" = ${f.family.id}`,
      ),
    ).rejects.toThrow();
    await expectNothingChanged(() => prisma.family.findUniqueOrThrow({ where: { id: f.family.id } }));
  });
});
