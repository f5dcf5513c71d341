import "server-only";
import { db, transaction } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { isIn, USER_STATUSES, type Actor } from "@/lib/workflow";

/**
 * « Équipe » (ADMIN only, ADR 029): the staff and admin accounts with their lieux d'accueil, and the log of who gave
 * or took which lieu. A STAFF account with no lieu sees every lieu; an ADMIN is never limited.
 */
export async function listTeam() {
  const [users, structures, changes] = await Promise.all([
    db.user.findMany({
      where: { role: { in: ["STAFF", "ADMIN"] } },
      orderBy: [{ role: "desc" }, { displayName: "asc" }, { email: "asc" }],
      select: {
        id: true,
        displayName: true,
        email: true,
        role: true,
        status: true,
        lieux: { orderBy: { structure: { name: "asc" } }, select: { structure: { select: { id: true, name: true } } } },
      },
    }),
    db.structure.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.staffScopeChange.findMany({
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        kind: true,
        structureName: true,
        createdAt: true,
        user: { select: { displayName: true, email: true } },
        actor: { select: { displayName: true } },
      },
    }),
  ]);
  return {
    users: users.map(({ lieux, status, ...u }) => ({
      ...u,
      active: isIn(USER_STATUSES.CAN_SIGN_IN, status),
      lieux: lieux.map((l) => l.structure),
    })),
    structures,
    changes,
  };
}

/**
 * Gives (`assigned`) or takes back a lieu from a STAFF account, logged with who did it, in one transaction. Takes effect
 * at the account's next request (the scope is read with the session). Anything but a STAFF account, or an unknown lieu,
 * is answered as missing; what is already so is said.
 */
export async function setStaffLieu(input: { userId: string; structureId: string; assigned: boolean; actor: Actor }) {
  return transaction(async (tx) => {
    // The account's row first: two admins changing the same account's lieux pass one after the other.
    const [user] = await tx.$queryRaw<{ role: string; displayName: string }[]>`
      SELECT "role"::text AS role, "displayName" FROM "User" WHERE "id" = ${input.userId} FOR NO KEY UPDATE`;
    if (!user || user.role !== "STAFF") throw new NotFoundError();
    const structure = await tx.structure.findUnique({ where: { id: input.structureId }, select: { id: true, name: true } });
    if (!structure) throw new NotFoundError();
    const changed = input.assigned
      ? (await tx.staffStructure.createMany({ data: [{ userId: input.userId, structureId: structure.id }], skipDuplicates: true })).count
      : (await tx.staffStructure.deleteMany({ where: { userId: input.userId, structureId: structure.id } })).count;
    if (changed === 0)
      throw new UserFacingError(
        input.assigned
          ? `${user.displayName} a déjà le lieu « ${structure.name} ».`
          : `${user.displayName} n'a pas le lieu « ${structure.name} ».`,
      );
    await tx.staffScopeChange.create({
      data: {
        userId: input.userId,
        kind: input.assigned ? "ADDED" : "REMOVED",
        structureId: structure.id,
        structureName: structure.name,
        actorId: input.actor.userId,
      },
    });
    const left = await tx.staffStructure.count({ where: { userId: input.userId } });
    return { name: user.displayName, structure: structure.name, left };
  });
}
