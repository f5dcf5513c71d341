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
