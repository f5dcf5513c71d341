import "server-only";
import { transaction } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";

/** Replaces the tariff brackets of a unit (validated contiguous by the schema). */
export async function setTariffs(timeUnitId: string, brackets: { qfMin: number; qfMax: number | null; price: number }[]) {
  await transaction(async (tx) => {
    if (!(await tx.timeUnit.findUnique({ where: { id: timeUnitId }, select: { id: true } }))) throw new NotFoundError();
    await tx.tariff.deleteMany({ where: { timeUnitId } });
    await tx.tariff.createMany({ data: brackets.map((b) => ({ timeUnitId, qfMin: b.qfMin, qfMax: b.qfMax, priceCents: b.price })) });
  });
}
