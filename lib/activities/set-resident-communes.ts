import "server-only";
import { assertStructureInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db, transaction } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

/** A lieu's résident communes (ADR 055), for its settings page. Null when the lieu is not in the staff's scope. */
export async function getResidentCommunes(structureId: string, scope: StaffScope) {
  try {
    assertStructureInScope(scope, structureId);
  } catch {
    return null;
  }
  return db.structure.findUnique({ where: { id: structureId }, select: { id: true, name: true, residentCommunes: true } });
}

/**
 * Replaces the lieu's résident communes (postal codes or names, one a line; compared without accents by isResidentOf).
 * Staff settings of a lieu have no table of their own: the change is written to the server's journal (JSON line, who,
 * which lieu, before and after), as the other settings' `updatedById` does not keep the before.
 */
export async function setResidentCommunes(
  input: { structureId: string; communes: string[] },
  actor: { userId: string | null; scope: StaffScope },
) {
  assertStructureInScope(actor.scope, input.structureId);
  const { before, after } = await transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ before: string[] }[]>`
      SELECT "residentCommunes" AS "before" FROM "Structure" WHERE "id" = ${input.structureId} FOR UPDATE`;
    if (!row) throw new NotFoundError();
    await tx.structure.update({ where: { id: input.structureId }, data: { residentCommunes: input.communes } });
    return { before: row.before, after: input.communes };
  });
  console.info(
    JSON.stringify({ event: "structure.residentCommunes", structureId: input.structureId, actorId: actor.userId, before, after }),
  );
  return { count: after.length };
}
