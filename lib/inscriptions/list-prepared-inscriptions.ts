import "server-only";
import { db } from "@/lib/db";
import { CHILD_STATUSES, statusIn } from "@/lib/workflow";

export interface ChildAwaitingValidation {
  id: string;
  firstName: string;
  /** The inscription requests prepared for the child, sent when the structure validates the child (ADR 037). */
  prepared: { id: string; title: string }[];
}

/** The family's children still waiting for the structure's check, with the requests prepared for each. */
export async function childrenAwaitingValidation(familyId: string): Promise<ChildAwaitingValidation[]> {
  const children = await db.child.findMany({
    where: { familyId, status: statusIn(CHILD_STATUSES.AWAITING_DECISION) },
    orderBy: { birthDate: "asc" },
    select: {
      id: true,
      firstName: true,
      preparedInscriptions: {
        orderBy: { createdAt: "asc" },
        select: { id: true, activity: { select: { name: true } }, period: { select: { name: true } } },
      },
    },
  });
  return children.map((c) => ({
    id: c.id,
    firstName: c.firstName,
    prepared: c.preparedInscriptions.map((p) => ({ id: p.id, title: `${p.activity.name} (${p.period.name})` })),
  }));
}
