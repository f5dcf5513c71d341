import "server-only";
import { isResidentOf } from "@/lib/billing/pricing/price-day";
import { familyChildWhere } from "@/lib/families/foyers";
import { transaction, type Tx } from "@/lib/db";
import { dateOf, dayOf, parisDay } from "@/lib/calendar/paris";
import { fittingGroups, describeBounds } from "@/lib/activities/age-groups";
import { isOpenFor, opensAtFor } from "@/lib/activities/opening";
import { formatDateTime } from "@/lib/format";
import {
  applyTransition,
  CHILD_STATUSES,
  createWithStatus,
  INSCRIPTION_STATUSES,
  isIn,
  NotFoundError,
  SYSTEM,
  type Actor,
  statusIn,
} from "@/lib/workflow";
import type { ChildStatus } from "@/lib/generated/prisma/enums";
import { lockFamily, lockInscriptionPlaces } from "@/lib/locks";
import { hasPlace, nextWaitlistRank, waitlistPosition } from "./capacity";
import { notifyInscriptionDecision } from "./notify-inscription-decision";
import { UserFacingError } from "@/lib/errors";

export const duplicateInscriptionMessage = (firstName: string) =>
  `Une demande d'inscription existe déjà pour ${firstName} à cette activité et cette période.`;
const opensMessage = (opensAt: Date) => `Les inscriptions à cette activité ouvrent le ${formatDateTime(opensAt)}.`;
const fullMessage = (position: number) =>
  `Cette activité est complète : votre demande sera placée en liste d'attente, en position ${position}.`;
export const CHOICE_UNAVAILABLE = "Ce choix n'est plus disponible. Recommencez.";

/** Everything the « Nouvelle inscription » form and the request itself must know about a choice. */
export async function loadInscriptionContext(
  tx: Tx,
  input: { familyId: string; childId: string; activityId: string; periodId: string },
  /** A child waiting for the structure's check is found only where a request can be prepared (ADR 037). */
  childStatuses: readonly ChildStatus[] = CHILD_STATUSES.INSCRIBABLE,
) {
  // One query at a time: inside a transaction they share one connection.
  const child = await tx.child.findFirst({
    where: { id: input.childId, ...familyChildWhere(input.familyId), status: statusIn(childStatuses) },
    select: { id: true, firstName: true, lastName: true, birthDate: true, status: true },
  });
  const familyRow = await tx.family.findUnique({
    where: { id: input.familyId },
    select: { isResident: true, postalCode: true, city: true },
  });
  const activity = await tx.activity.findFirst({
    where: { id: input.activityId, isPublished: true },
    select: {
      id: true,
      name: true,
      maxInscriptions: true,
      inscriptionsOpenAt: true,
      residentsOpenAt: true,
      renewalsOpenAt: true,
      inscriptionValidation: true,
      isPreRegistration: true,
      structure: { select: { name: true, residentCommunes: true } },
      ageGroups: {
        select: { id: true, name: true, minAgeMonths: true, maxAgeMonths: true, capacity: true },
        orderBy: { minAgeMonths: "asc" },
      },
    },
  });
  const period = await tx.period.findFirst({
    where: { id: input.periodId, activityId: input.activityId },
    select: { id: true, name: true, startDate: true, endDate: true },
  });
  if (!child || !familyRow || !activity || !period) return null;
  // « Résident » as the tariffs read it (ADR 055): the lieu's communes when it lists them, else the family's flag.
  const family = { isResident: isResidentOf(familyRow, activity.structure.residentCommunes) };
  const groups = fittingGroups(activity.ageGroups, child.birthDate, period.startDate);
  return { child, family, activity, period, groups };
}

export type InscriptionContext = NonNullable<Awaited<ReturnType<typeof loadInscriptionContext>>>;

/** Why no group fits, in French. */
export function noGroupMessage(context: InscriptionContext): string {
  if (context.activity.ageGroups.length === 0) return "Aucun groupe n'est ouvert pour cette activité : contactez la structure.";
  const bounds = context.activity.ageGroups.map((g) => `${g.name} (${describeBounds(g)})`).join(", ");
  return `${context.child.firstName} n'a l'âge d'aucun groupe de cette activité au début de la période (${bounds}).`;
}

/**
 * The last step of « Nouvelle inscription »: the choice, and what the parent is
 * told before sending (closed until…, already asked, full → waiting list), in
 * the same words as the refusals of requestInscription.
 */
export async function prepareInscription(input: { familyId: string; childId: string; activityId: string; periodId: string; now: Date }) {
  const context = await transaction((tx) => loadInscriptionContext(tx, input, CHILD_STATUSES.ON_FILE));
  if (!context) return { kind: "UNAVAILABLE" as const, message: CHOICE_UNAVAILABLE };
  if (context.activity.ageGroups.length > 0 && context.groups.length === 0)
    return { kind: "NO_GROUP" as const, message: noGroupMessage(context) };
  const preview = await previewInscription(context, context.groups[0]?.id ?? null, input.now);
  return {
    kind: "READY" as const,
    context,
    canSend: preview.open && !preview.duplicate,
    full: preview.full,
    /** The child waits for the structure's check: the request is prepared, and sent when the child is validated. */
    childAwaitingValidation: isIn(CHILD_STATUSES.AWAITING_DECISION, context.child.status),
    notices: {
      closed: !preview.open && preview.opensAt ? opensMessage(preview.opensAt) : null,
      duplicate: preview.duplicate ? duplicateInscriptionMessage(context.child.firstName) : null,
      full: preview.full && preview.open && !preview.duplicate && preview.waitlistPosition ? fullMessage(preview.waitlistPosition) : null,
    },
  };
}

async function previewInscription(context: InscriptionContext, groupId: string | null, now: Date) {
  const opensAt = opensAtFor(context.activity, context.family.isResident);
  const open = isOpenFor(context.activity, context.family.isResident, now);
  const group = context.groups.find((g) => g.id === groupId) ?? null;
  return transaction(async (tx) => {
    // Without age groups, only the activity's maximum applies.
    const full = !(await hasPlace(tx, {
      activityId: context.activity.id,
      periodId: context.period.id,
      ageGroupId: group?.id ?? null,
      maxInscriptions: context.activity.maxInscriptions,
      groupCapacity: group?.capacity ?? null,
    }));
    const waiting = full
      ? await tx.inscription.count({ where: { activityId: context.activity.id, periodId: context.period.id, status: "WAITLISTED" } })
      : 0;
    const duplicate = await tx.inscription.findFirst({
      where: {
        childId: context.child.id,
        activityId: context.activity.id,
        periodId: context.period.id,
        status: statusIn(INSCRIPTION_STATUSES.ACTIVE),
      },
      select: { id: true },
    });
    return { open, opensAt, full, waitlistPosition: full ? waiting + 1 : null, duplicate: Boolean(duplicate) };
  });
}

export interface InscriptionRequestInput {
  familyId: string;
  childId: string;
  activityId: string;
  periodId: string;
  ageGroupId: string | null;
  startDate?: string;
  endDate?: string;
  actor: Actor;
  now?: Date;
}

export interface SentInscription {
  id: string;
  status: "PENDING" | "WAITLISTED" | "VALIDATED";
  waitlistPosition: number;
}

/**
 * « Enregistrer ma demande ». Checked again here, whatever the form showed:
 * the child is the family's and validated, the activity open for this family,
 * the group fits the child, no active duplicate, and the place is counted under
 * a lock — beyond the limit the request joins the waiting list.
 */
export async function requestInscription(input: InscriptionRequestInput): Promise<SentInscription> {
  const now = input.now ?? new Date();
  return transaction(async (tx) => {
    // The family first (lib/locks.ts): a request never slips past an anonymisation running meanwhile.
    await lockFamily(tx, input.familyId);
    const context = await loadInscriptionContext(tx, input);
    if (!context) throw new NotFoundError();
    return sendInscriptionRequest(tx, context, checkInscriptionRequest(context, input, now), input, now);
  });
}

export interface CheckedRequest {
  groupId: string | null;
  groupCapacity: number | null;
  start: string;
  end: string;
}

/** The rules a request must meet before any place is counted; the same for a request prepared for a child awaiting validation. */
export function checkInscriptionRequest(
  context: InscriptionContext,
  /** `isRenewal`: a child renewed through « Réinscrire » (ADR 052), open from the activity's renewal phase. */
  input: Pick<InscriptionRequestInput, "ageGroupId" | "startDate" | "endDate"> & { isRenewal?: boolean },
  now: Date,
): CheckedRequest {
  const { activity, period } = context;
  if (!isOpenFor(activity, context.family.isResident, now, input.isRenewal)) {
    const opensAt = opensAtFor(activity, context.family.isResident, input.isRenewal)!;
    throw new UserFacingError(opensMessage(opensAt));
  }
  if (dayOf(period.endDate) < parisDay(now)) throw new UserFacingError("Cette période est terminée.");
  const group = activity.ageGroups.length === 0 ? null : context.groups.find((g) => g.id === input.ageGroupId);
  if (activity.ageGroups.length > 0 && !group) {
    throw new UserFacingError(
      context.groups.length === 0 ? noGroupMessage(context) : "Groupe : choisissez un groupe qui correspond à l'âge de l'enfant.",
      { ageGroupId: "Groupe : choisissez dans la liste." },
    );
  }
  const start = input.startDate ?? dayOf(period.startDate);
  const end = input.endDate ?? dayOf(period.endDate);
  if (start < dayOf(period.startDate) || end > dayOf(period.endDate) || end < start) {
    throw new UserFacingError("Dates souhaitées : elles doivent être comprises dans la période, la fin après le début.", {
      startDate: "Dates : hors de la période.",
    });
  }
  return { groupId: group?.id ?? null, groupCapacity: group?.capacity ?? null, start, end };
}

/**
 * Writes a checked request into the inscription workflow: the place counted under the activity's lock, pending or on
 * the waiting list, validated at once where the activity says so. The caller holds the family's lock. Every refusal
 * (a UserFacingError) is thrown before anything is written.
 */
export async function sendInscriptionRequest(
  tx: Tx,
  context: InscriptionContext,
  checked: CheckedRequest,
  input: Pick<InscriptionRequestInput, "familyId" | "actor"> & { isRenewal?: boolean },
  now: Date,
): Promise<SentInscription> {
  const { activity, period, child } = context;
  await lockInscriptionPlaces(tx, activity.id, period.id);
  const duplicate = await tx.inscription.findFirst({
    where: { childId: child.id, activityId: activity.id, periodId: period.id, status: statusIn(INSCRIPTION_STATUSES.ACTIVE) },
    select: { id: true },
  });
  if (duplicate) throw new UserFacingError(duplicateInscriptionMessage(child.firstName));
  const place = await hasPlace(tx, {
    activityId: activity.id,
    periodId: period.id,
    ageGroupId: checked.groupId,
    maxInscriptions: activity.maxInscriptions,
    groupCapacity: checked.groupCapacity,
  });
  const status = place ? "PENDING" : "WAITLISTED";
  const waitlistRank = place ? null : await nextWaitlistRank(tx, activity.id, period.id);
  const created = await createWithStatus(tx, { machine: "INSCRIPTION", status, actor: input.actor }, () =>
    tx.inscription.create({
      data: {
        familyId: input.familyId,
        childId: child.id,
        activityId: activity.id,
        periodId: period.id,
        ageGroupId: checked.groupId,
        status,
        startDate: dateOf(checked.start),
        endDate: dateOf(checked.end),
        waitlistRank,
        // « Réinscrire » (ADR 052): shown apart in the staff's queue.
        isRenewal: input.isRenewal ?? false,
      },
      select: { id: true, activityId: true, periodId: true, waitlistRank: true },
    }),
  );
  if (place && activity.inscriptionValidation === "AUTOMATIC" && !activity.isPreRegistration) {
    await applyTransition(tx, {
      machine: "INSCRIPTION",
      id: created.id,
      to: "VALIDATED",
      actor: SYSTEM,
      reason: "Validation automatique",
      now,
    });
    await notifyInscriptionDecision(tx, created.id, "VALIDATED");
    return { id: created.id, status: "VALIDATED", waitlistPosition: 0 };
  }
  const position = await waitlistPosition(tx, created);
  if (!place) await notifyInscriptionDecision(tx, created.id, "WAITLISTED");
  return { id: created.id, status, waitlistPosition: position };
}
