import "server-only";
import type { Tx } from "@/lib/db";
import type { Civility } from "@/lib/generated/prisma/enums";

/**
 * The parents of a family who have an active login, to e-mail them a decision. One statement (it runs on every
 * booking of an opening-day rush, ADR 045; the query builder read the adults apart).
 */
export async function familyRecipients(tx: Tx, familyId: string) {
  const rows = await tx.$queryRaw<{ email: string; civility: Civility; lastName: string; firstName: string }[]>`
    SELECT u."email", a."civility", a."lastName", a."firstName"
    FROM "User" u JOIN "Adult" a ON a."id" = u."adultId"
    WHERE u."familyId" = ${familyId} AND u."status" = 'ACTIVE'`;
  return rows.map(({ email, ...person }) => ({ email, person }));
}

/**
 * The parents with an active login of every foyer of a child — its first foyer and, for a child in garde alternée,
 * its second (ADR 051): what is about the child (an inscription's decision, a change of its record) is written to
 * both foyers, each e-mail queued under its own foyer (`familyId`), so each foyer's « Mes courriels » lists only its
 * own. One statement. A foyer's own things (invoices, its address, its quotient) keep `familyRecipients`.
 */
export async function childRecipients(tx: Tx, childId: string) {
  const rows = await tx.$queryRaw<{ familyId: string; email: string; civility: Civility; lastName: string; firstName: string }[]>`
    SELECT u."familyId", u."email", a."civility", a."lastName", a."firstName"
    FROM "User" u JOIN "Adult" a ON a."id" = u."adultId"
    WHERE u."status" = 'ACTIVE' AND u."familyId" IN (
      SELECT c."familyId" FROM "Child" c WHERE c."id" = ${childId}
      UNION SELECT cf."familyId" FROM "ChildFoyer" cf WHERE cf."childId" = ${childId})
    ORDER BY u."familyId", u."email"`;
  return rows.map(({ email, familyId, ...person }) => ({ email, familyId, person }));
}
