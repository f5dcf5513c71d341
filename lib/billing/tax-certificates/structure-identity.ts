import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db, transaction } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { actorScope, NotFoundError, type Actor } from "@/lib/workflow";
import type { StructureIdentityData } from "./schemas";

const IDENTITY = { id: true, name: true, street: true, postalCode: true, city: true, email: true, phone: true, siret: true } as const;

/** A lieu's identity as printed on its attestations fiscales (and mandats): null outside the staff's lieux. */
export function getStructureIdentity(structureId: string, scope: StaffScope) {
  return db.structure.findFirst({ where: { id: structureId, ...scopeWhere(scope).structure }, select: IDENTITY });
}

/**
 * « Identité » of a lieu: name, address, e-mail, phone, SIRET. The change is written to the server's log with who made
 * it, before and after (as the portal's other settings keep who changed them last).
 */
export async function setStructureIdentity(input: StructureIdentityData & { actor: Actor }) {
  const { structureId, actor, ...data } = input;
  const before = await transaction(async (tx) => {
    const found = await tx.structure.findFirst({
      where: { id: structureId, ...scopeWhere(actorScope(actor)).structure },
      select: IDENTITY,
    });
    if (!found) throw new NotFoundError();
    try {
      await tx.structure.update({ where: { id: structureId }, data });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        throw new UserFacingError("Nom du lieu d'accueil : un autre lieu porte déjà ce nom.", {
          name: "Nom du lieu d'accueil : un autre lieu porte déjà ce nom.",
        });
      throw error;
    }
    return found;
  });
  console.info(
    JSON.stringify({ event: "structure-identity", structureId, actorId: actor.userId, before, after: { id: structureId, ...data } }),
  );
}
