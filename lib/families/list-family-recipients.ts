import "server-only";
import type { Tx } from "@/lib/db";

/** The parents of a family who have an active login, to e-mail them a decision. */
export async function familyRecipients(tx: Tx, familyId: string) {
  const users = await tx.user.findMany({
    where: { familyId, status: "ACTIVE" },
    select: { email: true, adult: { select: { civility: true, lastName: true, firstName: true } } },
  });
  return users.filter((u) => u.adult).map((u) => ({ email: u.email, person: u.adult! }));
}
