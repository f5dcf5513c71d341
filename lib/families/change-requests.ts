import "server-only";
import { scopeWhere } from "@/lib/auth/staff-scope";
import { setQuotient } from "@/lib/billing/set-quotient";
import { z } from "zod";
import { transaction, type Tx } from "@/lib/db";
import { lockFamilies, lockFamily } from "@/lib/locks";
import type { ChangeRequestKind } from "@/lib/generated/prisma/enums";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { changeRequestValidatedEmail, changeRequestRefusedEmail } from "@/lib/email/templates";
import { actorScope, applyTransition, createWithStatus, NotFoundError, type Actor } from "@/lib/workflow";
import type { ChildHealthRecord } from "./child-mapping";
import { childRecipients, familyRecipients } from "./list-family-recipients";
import { familyChildWhere } from "./foyers";
import { linkChildFoyerIn } from "./link-child-foyer";
import { UserFacingError } from "@/lib/errors";
import { deName } from "@/lib/format";
import { dropPreparedInscriptions, sendPreparedInscriptions } from "@/lib/inscriptions/send-prepared-inscriptions";

/**
 * « Demandes de modification »: what a family asks to change in its file and
 * the structure must check first. Each kind says what it targets, how it is
 * labelled and how it is applied once validated.
 */
const addressShape = z.object({ street: z.string(), addressComplement: z.string().nullable(), postalCode: z.string(), city: z.string() });
const phonesShape = z.object({ homePhone: z.string().nullable(), mobilePhone: z.string(), workPhone: z.string().nullable() });
const quotientShape = z.object({ quotientFamilial: z.number().int(), cafNumber: z.string() });
const healthShape = z.object({
  hasAllergies: z.boolean(),
  allergyNotes: z.string().nullable(),
  hasPai: z.boolean(),
  mealType: z.enum(["STANDARD", "SANS_PORC", "SANS_VIANDE", "VEGETARIEN", "PANIER_REPAS"]),
  dietNotes: z.string().nullable(),
  doctorName: z.string().nullable(),
  doctorPhone: z.string().nullable(),
  cafAllocataireNumber: z.string().nullable(),
});
const childAddedShape = z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string() });
/** Garde alternée: the child the parent names (already on file in the other parent's foyer) and that other parent. */
export const childLinkShape = z.object({
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  otherParentName: z.string(),
});
export type ChildLinkAsk = z.infer<typeof childLinkShape>;

export type AddressChange = z.infer<typeof addressShape>;
export type PhonesChange = z.infer<typeof phonesShape>;
export type QuotientChange = z.infer<typeof quotientShape>;

/** The French label of a request, as the family and staff see it. */
export async function changeRequestLabel(
  tx: Tx,
  request: { kind: ChangeRequestKind; targetId: string | null; after: unknown },
): Promise<string> {
  const adult =
    request.kind === "PHONES" && request.targetId
      ? await tx.adult.findUnique({ where: { id: request.targetId }, select: { firstName: true, lastName: true } })
      : null;
  const child =
    request.kind === "CHILD_HEALTH" && request.targetId
      ? await tx.child.findUnique({ where: { id: request.targetId }, select: { firstName: true } })
      : null;
  return changeRequestLabelOf(request, { adult, child });
}

/**
 * The same label from names already read (the dashboard reads them in its one statement, ADR 048): the adult a
 * PHONES request targets, the child a CHILD_HEALTH request targets (null when the target is gone).
 */
export function changeRequestLabelOf(
  request: { kind: ChangeRequestKind; after: unknown },
  target: { adult: { firstName: string; lastName: string } | null; child: { firstName: string } | null },
): string {
  switch (request.kind) {
    case "ADDRESS":
      return "Modification de l'adresse";
    case "PHONES": {
      const { adult } = target;
      return `Modification des téléphones${adult ? ` ${deName(`${adult.firstName} ${adult.lastName}`)}` : ""}`;
    }
    case "QUOTIENT_FAMILIAL":
      return "Modification du quotient familial et du numéro CAF";
    case "CHILD_HEALTH":
      return `Modification des informations de santé${target.child ? ` ${deName(target.child.firstName)}` : ""}`;
    case "CHILD_ADDED": {
      const after = childAddedShape.safeParse(request.after);
      return `Ajout de l'enfant ${after.success ? after.data.firstName : ""}`.trim();
    }
    case "CHILD_LINK": {
      const after = childLinkShape.safeParse(request.after);
      return `Garde alternée : ${after.success ? `${after.data.firstName} ` : ""}dans les deux foyers`.replace("  ", " ");
    }
    case "OTHER":
      return "Demande de modification";
  }
}

/** Applies a validated request to the family file; the target must still belong to the family. */
async function applyChange(
  tx: Tx,
  request: { id: string; kind: ChangeRequestKind; familyId: string; targetId: string | null; after: unknown },
  actor: Actor,
  /** CHILD_LINK: the child staff found for the request (the parent only gave its name and birth date). */
  childId?: string,
) {
  const { familyId, targetId } = request;
  switch (request.kind) {
    case "ADDRESS":
      await tx.family.update({ where: { id: familyId }, data: addressShape.parse(request.after) });
      return;
    case "QUOTIENT_FAMILIAL":
      // Priced from the day it is accepted (the days before keep the quotient then in force).
      await setQuotient(tx, familyId, quotientShape.parse(request.after));
      return;
    case "PHONES": {
      const { count } = await tx.adult.updateMany({ where: { id: targetId ?? "", familyId }, data: phonesShape.parse(request.after) });
      if (count !== 1) throw new NotFoundError();
      return;
    }
    case "CHILD_HEALTH": {
      // A shared child has one record: the request of either foyer applies to it (ADR 051).
      const { count } = await tx.child.updateMany({
        where: { id: targetId ?? "", ...familyChildWhere(familyId) },
        data: healthShape.parse(request.after),
      });
      if (count !== 1) throw new NotFoundError();
      return;
    }
    case "CHILD_ADDED":
      await decideChild(tx, { familyId, childId: targetId, to: "VALIDATED", actor });
      // The inscription requests prepared meanwhile go out now, in this transaction (ADR 037).
      await sendPreparedInscriptions(tx, { familyId, childId: targetId!, now: new Date() });
      return;
    case "CHILD_LINK":
      if (!childId) throw new UserFacingError("Choisissez l'enfant à lier parmi ceux que la demande désigne.");
      // The requesting foyer becomes the child's second foyer, under both families' locks (link-child-foyer.ts).
      await linkChildFoyerIn(tx, { childId, familyId, actor });
      await tx.changeRequest.update({ where: { id: request.id }, data: { targetId: childId } });
      return;
    case "OTHER":
      return;
  }
}

/** The child a CHILD_ADDED request is about follows its decision, through its own machine. */
async function decideChild(
  tx: Tx,
  input: { familyId: string; childId: string | null; to: "VALIDATED" | "REFUSED"; actor: Actor; reason?: string },
) {
  const child = await tx.child.findFirst({ where: { id: input.childId ?? "", familyId: input.familyId }, select: { id: true } });
  if (!child) throw new NotFoundError();
  await applyTransition(tx, {
    machine: "CHILD",
    id: child.id,
    to: input.to,
    actor: input.actor,
    reason: input.reason,
    expectedFrom: "PENDING",
  });
}

export interface NewChangeRequest {
  familyId: string;
  kind: Exclude<ChangeRequestKind, "OTHER">;
  /** null for CHILD_LINK: the child is found by staff, and written here when the request is validated. */
  targetId: string | null;
  before: AddressChange | PhonesChange | QuotientChange | ChildHealthRecord | Record<string, never>;
  after: AddressChange | PhonesChange | QuotientChange | ChildHealthRecord | z.infer<typeof childAddedShape> | ChildLinkAsk;
  actor: Actor;
}

export const ALREADY_PENDING_MESSAGE = "Une demande du même type est déjà en attente de traitement : attendez la réponse de la structure.";

/** Records a pending request; one pending request per kind and target at a time. */
export async function createChangeRequest(tx: Tx, input: NewChangeRequest): Promise<{ id: string }> {
  // Serialises requests of one family (its callers took the lock first, as every family writer): no two pending requests of a kind for one target.
  await lockFamily(tx, input.familyId);
  const pending = await tx.changeRequest.findFirst({
    where: { familyId: input.familyId, kind: input.kind, targetId: input.targetId, status: "PENDING" },
    select: { id: true },
  });
  if (pending) throw new UserFacingError(ALREADY_PENDING_MESSAGE);
  return createWithStatus(tx, { machine: "CHANGE_REQUEST", status: "PENDING", actor: input.actor }, () =>
    tx.changeRequest.create({
      data: {
        familyId: input.familyId,
        kind: input.kind,
        targetId: input.targetId,
        before: input.before,
        after: input.after,
        requestedById: input.actor.userId,
      },
      select: { id: true },
    }),
  );
}

async function decide(input: { id: string; actor: Actor; validate: boolean; reason?: string; childId?: string }): Promise<void> {
  await transaction(async (tx) => {
    // A request of a family with no inscription in a limited staff's lieux is answered as missing (ADR 029).
    const request = await tx.changeRequest.findFirst({ where: { id: input.id, family: scopeWhere(actorScope(input.actor)).family } });
    if (!request) throw new NotFoundError();
    // A link touches two families: both rows are locked at once, in id order (lib/locks.ts), before either alone.
    const linked = request.kind === "CHILD_LINK" && input.validate && input.childId;
    const child = linked ? await tx.child.findUnique({ where: { id: input.childId }, select: { familyId: true } }) : null;
    if (child) await lockFamilies(tx, [request.familyId, child.familyId]);
    await lockFamily(tx, request.familyId);
    await applyTransition(tx, {
      machine: "CHANGE_REQUEST",
      id: request.id,
      to: input.validate ? "VALIDATED" : "REFUSED",
      actor: input.actor,
      reason: input.reason,
      expectedFrom: "PENDING",
    });
    if (input.validate) await applyChange(tx, request, input.actor, input.childId);
    else if (request.kind === "CHILD_ADDED") {
      await decideChild(tx, {
        familyId: request.familyId,
        childId: request.targetId,
        to: "REFUSED",
        actor: input.actor,
        reason: input.reason,
      });
      await dropPreparedInscriptions(tx, { familyId: request.familyId, childId: request.targetId!, reason: input.reason! });
    }
    const label = await changeRequestLabel(tx, request);
    // About a child's record (its health, its second foyer): both foyers of the child are told (ADR 051), each e-mail
    // under its own foyer; the rest is the requesting foyer's own.
    const aboutChild = input.validate && (request.kind === "CHILD_HEALTH" || request.kind === "CHILD_LINK");
    const childId = request.kind === "CHILD_LINK" ? (input.childId ?? null) : request.targetId;
    const recipients =
      aboutChild && childId
        ? await childRecipients(tx, childId)
        : (await familyRecipients(tx, request.familyId)).map((r) => ({ ...r, familyId: request.familyId }));
    for (const recipient of recipients) {
      await enqueueEmail(tx, {
        to: recipient.email,
        familyId: recipient.familyId,
        template: input.validate ? "change-request-validated" : "change-request-refused",
        email: input.validate
          ? changeRequestValidatedEmail(recipient.person, label)
          : changeRequestRefusedEmail(recipient.person, label, input.reason!.trim()),
      });
    }
  });
}

export const validateChangeRequest = (input: { id: string; actor: Actor; childId?: string }) => decide({ ...input, validate: true });
export const refuseChangeRequest = (input: { id: string; reason: string; actor: Actor }) =>
  decide({ ...input, validate: false, reason: input.reason });
