import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";

/** Replaces the tariff brackets of a unit (validated contiguous by the schema), each with its « tarif hors commune » (ADR 055). */
export async function setTariffs(
  timeUnitId: string,
  brackets: { qfMin: number; qfMax: number | null; price: number; nonResidentPrice?: number | null }[],
  scope: StaffScope,
) {
  await transaction(async (tx) => {
    if (!(await tx.timeUnit.findFirst({ where: { id: timeUnitId, ...scopeWhere(scope).byActivity }, select: { id: true } })))
      throw new NotFoundError();
    await tx.tariff.deleteMany({ where: { timeUnitId } });
    await tx.tariff.createMany({
      data: brackets.map((b) => ({
        timeUnitId,
        qfMin: b.qfMin,
        qfMax: b.qfMax,
        priceCents: b.price,
        nonResidentPriceCents: b.nonResidentPrice ?? null,
      })),
    });
  });
}
