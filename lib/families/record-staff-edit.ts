import "server-only";
import { type Tx } from "@/lib/db";
import type { StaffEditKind } from "@/lib/generated/prisma/enums";
import { type Actor } from "@/lib/workflow";

/**
 * Staff edit a family file directly (no demande de modification). Every edit
 * is kept — who, when, what it was and what it became (StaffEdit) — and shown
 * on the family page; an edit that changes nothing leaves no entry.
 */
export async function recordEdit<T extends Record<string, unknown>>(
  tx: Tx,
  input: { familyId: string; kind: StaffEditKind; targetId: string | null; before: T; after: T; actor: Actor },
): Promise<void> {
  const keys = Object.keys(input.after).filter((k) => JSON.stringify(input.before[k] ?? null) !== JSON.stringify(input.after[k] ?? null));
  if (keys.length === 0) return;
  const pick = (o: T) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
  await tx.staffEdit.create({
    data: {
      familyId: input.familyId,
      kind: input.kind,
      targetId: input.targetId,
      before: pick(input.before),
      after: pick(input.after),
      actorId: input.actor.userId,
    },
  });
}

/** The same CHILD edit on each foyer of a shared child (garde alternée, ADR 051): both files keep the log. */
export async function recordChildEditInFoyers<T extends Record<string, unknown>>(
  tx: Tx,
  input: { familyIds: Iterable<string>; childId: string; before: T; after: T; actor: Actor },
): Promise<void> {
  const { familyIds, childId, ...edit } = input;
  for (const familyId of familyIds) await recordEdit(tx, { ...edit, familyId, kind: "CHILD", targetId: childId });
}
