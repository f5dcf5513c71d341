import "server-only";
import { assertInScope } from "@/lib/auth/staff-scope";
import { randomBytes } from "node:crypto";
import { transaction } from "@/lib/db";
import { parisDay, dateOf } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { hashPassword } from "@/lib/auth/password";
import { lockFamily } from "@/lib/locks";
import { fileStore } from "@/lib/files/storage";
import {
  actorScope,
  applyTransition,
  INVOICE_STATUSES,
  type Actor,
  INSCRIPTION_STATUSES,
  isIn,
  statusIn,
  USER_STATUSES,
} from "@/lib/workflow";

/**
 * « Anonymiser la famille » (RGPD, a family that has left): names, contacts and health data are removed, the sign-in
 * accounts closed, documents and messages deleted; invoices and payments are kept as the law requires (their payer
 * stays as printed on them). Refused while an inscription runs or an invoice is to pay. Logged (who, when, why —
 * never the data removed).
 */
export async function anonymiseFamily(input: { familyId: string; reason: string; actor: Actor; now?: Date }) {
  const today = parisDay(input.now ?? new Date());
  const keys = await transaction(async (tx) => {
    // Limited staff (ADR 029): only a family all of whose inscriptions are in their lieux (at least one).
    await assertInScope(actorScope(input.actor), (s) =>
      tx.family.findFirst({
        where: { id: input.familyId, AND: [s.family, { inscriptions: { every: s.inscription } }] },
        select: { id: true },
      }),
    );
    await lockFamily(tx, input.familyId, { anonymised: "allow" });
    const family = await tx.family.findUniqueOrThrow({ where: { id: input.familyId }, select: { anonymisedAt: true } });
    if (family.anonymisedAt) throw new UserFacingError("Cette famille est déjà anonymisée.");
    const running = await tx.inscription.count({
      where: { familyId: input.familyId, status: statusIn(INSCRIPTION_STATUSES.ACTIVE), endDate: { gte: dateOf(today) } },
    });
    if (running)
      throw new UserFacingError(
        `Cette famille a encore ${running > 1 ? `${running} inscriptions en cours ou demandées` : "une inscription en cours ou demandée"} : annulez-la ou attendez sa fin avant d'anonymiser.`,
      );
    const unpaid = await tx.invoice.count({
      where: { familyId: input.familyId, kind: "INVOICE", status: statusIn(INVOICE_STATUSES.OPEN) },
    });
    if (unpaid)
      throw new UserFacingError(
        "Cette famille a encore une facture à payer ou à envoyer : elle ne peut pas être anonymisée avant son règlement.",
      );
    const tag = input.familyId.slice(-6);
    const users = await tx.user.findMany({ where: { familyId: input.familyId }, select: { id: true, status: true } });
    for (const user of users) {
      if (isIn(USER_STATUSES.CAN_SIGN_IN, user.status))
        await applyTransition(tx, {
          machine: "USER_ACCOUNT",
          id: user.id,
          to: "DEACTIVATED",
          actor: input.actor,
          expectedFrom: "ACTIVE",
          reason: "Famille anonymisée (RGPD)",
        });
      await closeAllSessions(tx, user.id);
      await tx.user.update({
        where: { id: user.id },
        data: {
          email: `anonyme-${user.id}@anonyme.invalid`,
          displayName: "Anonyme",
          passwordHash: await hashPassword(randomBytes(24).toString("base64url")),
        },
      });
    }
    await tx.adult.updateMany({
      where: { familyId: input.familyId },
      data: {
        lastName: "Anonyme",
        firstName: "Anonyme",
        birthDate: null,
        homePhone: null,
        mobilePhone: null,
        workPhone: null,
        email: null,
        relationship: null,
        profession: null,
        employer: null,
      },
    });
    const children = await tx.child.findMany({ where: { familyId: input.familyId }, select: { id: true, birthDate: true } });
    await tx.authorizedPerson.deleteMany({ where: { childId: { in: children.map((c) => c.id) } } });
    for (const child of children) {
      await tx.child.update({
        where: { id: child.id },
        data: {
          lastName: "Anonyme",
          firstName: "Enfant",
          birthDate: dateOf(`${child.birthDate.toISOString().slice(0, 4)}-01-01`),
          school: null,
          schoolClass: null,
          hasAllergies: false,
          allergyNotes: null,
          hasPai: false,
          mealType: "STANDARD",
          dietNotes: null,
          doctorName: null,
          doctorPhone: null,
          cafAllocataireNumber: null,
        },
      });
    }
    await tx.family.update({
      where: { id: input.familyId },
      data: {
        name: `Famille anonymisée ${tag}`,
        street: "—",
        addressComplement: null,
        postalCode: "00000",
        city: "—",
        homePhone: null,
        cafNumber: null,
        quotientFamilial: null,
        dependentChildren: null,
        lastIncomeCents: null,
        calendarToken: null,
        anonymisedAt: new Date(),
      },
    });
    await tx.quotientHistory.deleteMany({ where: { familyId: input.familyId } });
    await tx.accountRequest.updateMany({
      where: { familyId: input.familyId },
      data: {
        lastName: "Anonyme",
        firstName: "Anonyme",
        birthDate: dateOf("1900-01-01"),
        homePhone: null,
        mobilePhone: "—",
        email: `anonyme-${input.familyId}@anonyme.invalid`,
        street: "—",
        addressComplement: null,
        postalCode: "00000",
        city: "—",
        passwordHash: "—",
      },
    });
    // The past edits and e-mails held the data itself (addresses, names).
    await tx.staffEdit.deleteMany({ where: { familyId: input.familyId } });
    await tx.emailOutbox.deleteMany({ where: { familyId: input.familyId } });
    await tx.changeRequest.deleteMany({ where: { familyId: input.familyId } });
    const documents = await tx.document.findMany({ where: { familyId: input.familyId }, select: { id: true, storageKey: true } });
    // Reasons written by staff in the log can name the family (« le carnet de Léa est illisible »): kept as decisions, without the text.
    // One after the other: a transaction holds one connection.
    const threads = await tx.messageThread.findMany({ where: { familyId: input.familyId }, select: { id: true } });
    const reservations = await tx.reservation.findMany({ where: { inscription: { familyId: input.familyId } }, select: { id: true } });
    const inscriptions = await tx.inscription.findMany({ where: { familyId: input.familyId }, select: { id: true } });
    const ids = [...documents, ...threads, ...reservations, ...inscriptions, ...children, ...users].map((row) => row.id);
    await tx.transitionLog.updateMany({
      where: { entityId: { in: ids }, reason: { not: null } },
      data: { reason: "(effacé : famille anonymisée)" },
    });
    await tx.messageThread.deleteMany({ where: { familyId: input.familyId } });
    await tx.document.deleteMany({ where: { familyId: input.familyId } });
    await tx.staffEdit.create({
      data: {
        familyId: input.familyId,
        kind: "ANONYMISED",
        targetId: null,
        before: {},
        after: { motif: input.reason },
        actorId: input.actor.userId,
      },
    });
    return documents.map((d) => d.storageKey);
  });
  // The files go once the rows are gone (a failed delete leaves an orphan file, never a dangling row).
  for (const key of keys)
    await fileStore()
      .delete(key)
      .catch((error: unknown) => console.error("[rgpd] fichier non supprimé", key, error));
}
