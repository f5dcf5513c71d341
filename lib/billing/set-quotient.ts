import "server-only";
import type { Tx } from "@/lib/db";
import { dateOf, dayOf, parisDay } from "@/lib/calendar/paris";
import { NotFoundError } from "@/lib/workflow";

/** Before any recorded change, the quotient the family had (the first row of its history). */
const SINCE_EVER = "1900-01-01";

/**
 * Sets the family's quotient familial (and CAF number) from `fromDay` on, keeping its history: the days before
 * keep the quotient then in force, so a change accepted mid-month prices the month day by day.
 */
export async function setQuotient(
  tx: Tx,
  familyId: string,
  data: { quotientFamilial: number | null; cafNumber: string | null },
  fromDay = parisDay(new Date()),
) {
  const before = await tx.family.findUnique({ where: { id: familyId }, select: { quotientFamilial: true } });
  if (!before) throw new NotFoundError();
  await tx.family.update({ where: { id: familyId }, data });
  if (before.quotientFamilial === data.quotientFamilial) return;
  if ((await tx.quotientHistory.count({ where: { familyId } })) === 0) {
    await tx.quotientHistory.create({ data: { familyId, quotientFamilial: before.quotientFamilial, validFrom: dateOf(SINCE_EVER) } });
  }
  await tx.quotientHistory.upsert({
    where: { familyId_validFrom: { familyId, validFrom: dateOf(fromDay) } },
    create: { familyId, quotientFamilial: data.quotientFamilial, validFrom: dateOf(fromDay) },
    update: { quotientFamilial: data.quotientFamilial },
  });
}

/**
 * The quotient in force on a day, for each family: its history when it has one (the last change on or before
 * the day), else its current quotient. One query for all the families of a billing run.
 */
export async function quotientsOf(tx: Pick<Tx, "family">, familyIds: string[]) {
  const families = await tx.family.findMany({
    where: { id: { in: familyIds } },
    select: {
      id: true,
      quotientFamilial: true,
      quotients: { orderBy: { validFrom: "desc" }, select: { quotientFamilial: true, validFrom: true } },
    },
  });
  return quotientLookup(families);
}

/**
 * `quotientsOf` from rows already read (the month calendar reads them in its one statement, ADR 048): each family's
 * quotient and its history, newest `validFrom` first.
 */
export function quotientLookup(
  families: { id: string; quotientFamilial: number | null; quotients: { quotientFamilial: number | null; validFrom: Date }[] }[],
) {
  const byFamily = new Map(families.map((f) => [f.id, f]));
  return (familyId: string, day: string): number | null => {
    const family = byFamily.get(familyId);
    if (!family) return null;
    const row = family.quotients.find((q) => dayOf(q.validFrom) <= day);
    return row ? row.quotientFamilial : family.quotients.length > 0 ? family.quotients.at(-1)!.quotientFamilial : family.quotientFamilial;
  };
}

/**
 * `setQuotient` for many families at once (an import's batch), in three statements whatever their number: the
 * families' rows, the first history row of those that had none, and the new quotient from `fromDay`. Families
 * whose quotient does not change get no history, as with `setQuotient`. The caller holds the families' locks.
 */
export async function setQuotients(
  tx: Tx,
  rows: { familyId: string; quotientFamilial: number | null; cafNumber: string | null }[],
  fromDay = parisDay(new Date()),
  now = new Date(),
) {
  if (rows.length === 0) return;
  // The FROM list is read before the update: `before` is each family's quotient as it was.
  const updated = await tx.$queryRaw<{ id: string; before: number | null; after: number | null }[]>`
    UPDATE "Family" f SET "quotientFamilial" = t.q, "cafNumber" = t.caf, "updatedAt" = ${now}::timestamp(3)
    FROM (SELECT u.id, u.q, u.caf, o."quotientFamilial" AS before
          FROM unnest(${rows.map((r) => r.familyId)}::text[], ${rows.map((r) => r.quotientFamilial)}::int[], ${rows.map((r) => r.cafNumber)}::text[]) AS u(id, q, caf)
          JOIN "Family" o ON o."id" = u.id) AS t
    WHERE f."id" = t.id
    RETURNING f."id", t.before, t.q AS after`;
  const changed = updated.filter((r) => r.before !== r.after);
  if (changed.length === 0) return;
  const ids = changed.map((r) => r.id);
  await tx.$executeRaw`
    INSERT INTO "QuotientHistory" ("id", "familyId", "quotientFamilial", "validFrom")
    SELECT gen_random_uuid()::text, t.id, t.before, ${SINCE_EVER}::date
    FROM unnest(${ids}::text[], ${changed.map((r) => r.before)}::int[]) AS t(id, before)
    WHERE NOT EXISTS (SELECT 1 FROM "QuotientHistory" h WHERE h."familyId" = t.id)`;
  await tx.$executeRaw`
    INSERT INTO "QuotientHistory" ("id", "familyId", "quotientFamilial", "validFrom")
    SELECT gen_random_uuid()::text, t.id, t.after, ${fromDay}::date
    FROM unnest(${ids}::text[], ${changed.map((r) => r.after)}::int[]) AS t(id, after)
    ON CONFLICT ("familyId", "validFrom") DO UPDATE SET "quotientFamilial" = EXCLUDED."quotientFamilial"`;
}
