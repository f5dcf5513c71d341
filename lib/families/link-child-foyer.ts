import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { db, transaction, type Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { lockFamilies } from "@/lib/locks";
import { actorScope, CHILD_STATUSES, isIn, NotFoundError, type Actor } from "@/lib/workflow";
import { recordChildEditInFoyers } from "./record-staff-edit";
import { searchFamilies } from "./search-families";
import { childRecipients } from "./list-family-recipients";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { childFoyerLinkEmail } from "@/lib/email/templates";

/**
 * Garde alternée (issue 26, ADR 051): staff link a child to a second foyer — the other parent's own family file — or
 * remove that link. The child stays its first foyer's (`Child.familyId`); the link is a `ChildFoyer` row.
 *
 * One second foyer per child: the check and the write run under the lock of both families' rows, taken in id order
 * (lib/locks.ts, 2.). Every link of a child takes its first foyer's row, so two links of one child run one after the
 * other and the second sees the first — two concurrent links never give a child two second foyers.
 *
 * Logged as a StaffEdit « Fiche d'un enfant » on both families (field « Second foyer »): who, when, before, after.
 */

export const SECOND_FOYER_FIELD = "secondFoyer";

const childName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName.toUpperCase()}`;

/** Both families' rows, in id order; a missing or anonymised family is refused before anything is written. */
async function lockBoth(tx: Tx, firstFamilyId: string, secondFamilyId: string) {
  await lockFamilies(tx, [firstFamilyId, secondFamilyId]);
  const families = await tx.family.findMany({
    where: { id: { in: [firstFamilyId, secondFamilyId] } },
    select: { id: true, name: true, anonymisedAt: true },
  });
  const first = families.find((f) => f.id === firstFamilyId);
  const second = families.find((f) => f.id === secondFamilyId);
  if (!first) throw new NotFoundError();
  if (!second) throw new UserFacingError("Cette famille est introuvable : choisissez la famille de l'autre parent dans la recherche.");
  if (first.anonymisedAt || second.anonymisedAt)
    throw new UserFacingError("Cette famille a été anonymisée : plus aucune modification n'est possible.");
  return { first, second };
}

async function readChild(tx: Tx, childId: string, actor: Actor) {
  const child = await tx.child.findUnique({
    where: { id: childId },
    select: { id: true, familyId: true, firstName: true, lastName: true, status: true },
  });
  if (!child) throw new NotFoundError();
  // A limited staff member links only the children of families of their lieux (ADR 029).
  await assertFamilyInScope(tx, actorScope(actor), child.familyId);
  return child;
}

/** Links `childId` to the foyer `familyId` (its second foyer), inside the caller's transaction. */
export async function linkChildFoyerIn(tx: Tx, input: { childId: string; familyId: string; actor: Actor }): Promise<void> {
  const child = await readChild(tx, input.childId, input.actor);
  if (child.familyId === input.familyId)
    throw new UserFacingError(`${child.firstName} est déjà dans ce foyer : choisissez la famille de l'autre parent.`);
  const { first, second } = await lockBoth(tx, child.familyId, input.familyId);
  // Read again under the lock: the status may have moved meanwhile.
  const locked = await tx.child.findUnique({ where: { id: child.id }, select: { status: true } });
  if (!locked || !isIn(CHILD_STATUSES.INSCRIBABLE, locked.status))
    throw new UserFacingError(`${child.firstName} doit d'abord être validé par la structure avant d'être lié à un second foyer.`);
  const existing = await tx.childFoyer.findFirst({ where: { childId: child.id }, select: { familyId: true } });
  if (existing?.familyId === input.familyId) throw new UserFacingError(`${child.firstName} est déjà lié à ce foyer.`);
  if (existing) throw new UserFacingError(`${child.firstName} a déjà un second foyer : retirez d'abord ce lien pour en poser un autre.`);
  await tx.childFoyer.create({ data: { childId: child.id, familyId: input.familyId, linkedById: input.actor.userId } });
  const after = `${childName(child)} — second foyer : ${second.name}`;
  await recordChildEditInFoyers(tx, {
    familyIds: [first.id, second.id],
    childId: child.id,
    actor: input.actor,
    before: { [SECOND_FOYER_FIELD]: null },
    after: { [SECOND_FOYER_FIELD]: after },
  });
}

/** « Lier à un second foyer » from the family page: the link, and an e-mail to each parent of both foyers. */
export function linkChildFoyer(input: { childId: string; familyId: string; actor: Actor }): Promise<void> {
  return transaction(async (tx) => {
    await linkChildFoyerIn(tx, input);
    await tellBothFoyers(tx, input.childId, true);
  });
}

/** Each parent with a login of the child's foyers (both, while linked), each e-mail under its own foyer. */
async function tellBothFoyers(tx: Tx, childId: string, linked: boolean) {
  const child = await tx.child.findUniqueOrThrow({ where: { id: childId }, select: { firstName: true } });
  for (const { email: to, person, familyId } of await childRecipients(tx, childId)) {
    await enqueueEmail(tx, {
      to,
      familyId,
      template: linked ? "child-foyer-linked" : "child-foyer-unlinked",
      email: childFoyerLinkEmail(person, child.firstName, linked),
    });
  }
}

/**
 * Removes the child's second foyer. The custody calendar goes with it (with one foyer, every day is the first's);
 * what was booked and billed stays as it was.
 */
export async function unlinkChildFoyer(input: { childId: string; familyId: string; actor: Actor }): Promise<void> {
  await transaction(async (tx) => {
    const child = await readChild(tx, input.childId, input.actor);
    const { first, second } = await lockBoth(tx, child.familyId, input.familyId);
    const linked = await tx.childFoyer.count({ where: { childId: child.id, familyId: input.familyId } });
    if (linked !== 1) throw new NotFoundError();
    // Told while both foyers are still the child's: the second foyer learns it no longer sees the child.
    await tellBothFoyers(tx, child.id, false);
    const { count } = await tx.childFoyer.deleteMany({ where: { childId: child.id, familyId: input.familyId } });
    if (count !== 1) throw new NotFoundError();
    await tx.custodyDay.deleteMany({ where: { childId: child.id } });
    await tx.custodyPlan.deleteMany({ where: { childId: child.id } });
    const before = `${childName(child)} — second foyer : ${second.name}`;
    await recordChildEditInFoyers(tx, {
      familyIds: [first.id, second.id],
      childId: child.id,
      actor: input.actor,
      before: { [SECOND_FOYER_FIELD]: before },
      after: { [SECOND_FOYER_FIELD]: null },
    });
  });
}

/**
 * « Lier à un second foyer »: the families a staff search names (searchFamilies: family, adult, login or child name,
 * accents ignored), as the dialog lists them — the child's own family left out, since it cannot be its second foyer.
 */
export async function searchSecondFoyers(input: { childId: string; query: string; actor: Actor }) {
  const child = await db.child.findUnique({ where: { id: input.childId }, select: { familyId: true } });
  if (!child) throw new NotFoundError();
  // Only for a child staff may link: of a family of their lieux (ADR 029).
  await assertFamilyInScope(db, actorScope(input.actor), child.familyId);
  if (input.query.trim().length < 2) return [];
  const families = await searchFamilies(input.query);
  return families
    .filter((f) => f.id !== child.familyId)
    .slice(0, 20)
    .map((f) => ({
      id: f.id,
      name: f.name,
      city: f.city,
      adults: f.adults.map((a) => `${a.firstName} ${a.lastName}`).join(", "),
      children: f.children.map((c) => c.firstName).join(", "),
    }));
}
export type SecondFoyerChoice = Awaited<ReturnType<typeof searchSecondFoyers>>[number];
