import "server-only";
import { transaction } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { NotFoundError } from "@/lib/workflow";

/**
 * « Retirer » a request prepared for a child the structure has not validated yet (ADR 037): it took no place and is in
 * no staff queue, so it is simply dropped. Under the family's lock, as the child's decision that sends it: either the
 * request is withdrawn before, or it was already sent (then it is an inscription request the parent withdraws in
 * « Mes inscriptions ») and this answers as a missing one — as does another family's id, with nothing written.
 */
export async function withdrawPreparedInscription(input: { id: string; familyId: string }): Promise<{ title: string }> {
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const prepared = await tx.preparedInscription.findFirst({
      where: { id: input.id, familyId: input.familyId },
      select: { id: true, child: { select: { firstName: true } }, activity: { select: { name: true } } },
    });
    if (!prepared) throw new NotFoundError();
    await tx.preparedInscription.delete({ where: { id: prepared.id } });
    return { title: `${prepared.child.firstName} — ${prepared.activity.name}` };
  });
}
