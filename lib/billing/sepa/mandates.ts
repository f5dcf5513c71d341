import "server-only";
import { ALL_LIEUX, assertInScope, assertStructureInScope, isLimited, type StaffScope } from "@/lib/auth/staff-scope";
import { db, isUniqueViolation, transaction, type Tx } from "@/lib/db";
import { dateOf, firstOf, nextMonth, parisDay } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { sepaMandateEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatMonth } from "@/lib/format";
import { lockFamily, lockMandateReferences } from "@/lib/locks";
import { actorScope, isIn, NotFoundError, SEPA_MANDATE_STATUSES, type Actor } from "@/lib/workflow";
import { maskIban, sepaText } from "./validate";

/*
 * The mandat SEPA (ADR 053): one active mandate per family and lieu (its activeKey, unique). A second signature
 * while one is active is refused with a clear message — the parent revokes the old one first (a change of bank
 * is a new mandate with a new RUM, never an edit). Every mandate is written under the family's lock; its RUM is
 * « PF-<lieu>-<n> », n counted under the series' lock, never given twice (mandates are never deleted).
 */

export const activeKeyOf = (familyId: string, structureId: string) => `${familyId}|${structureId}`;

/** The lieu's short code in a RUM: the initials of its name (« Centre social Les Tilleuls » → « CSLT »). */
export function lieuCode(name: string): string {
  const words = sepaText(name, 70)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  return (words.map((w) => w[0]).join("") || "LIEU").slice(0, 8);
}

/** The SEPA mandate text the parent agrees to, with the creditor's name (EPC's wording of the CORE mandate). */
export function mandateText(creditor: string): string {
  return `En signant ce formulaire de mandat, vous autorisez (A) ${creditor} à envoyer des instructions à votre banque pour débiter votre compte, et (B) votre banque à débiter votre compte conformément aux instructions de ${creditor}. Vous bénéficiez du droit d'être remboursé par votre banque selon les conditions décrites dans la convention que vous avez passée avec elle. Une demande de remboursement doit être présentée dans les 8 semaines suivant la date de débit de votre compte pour un prélèvement autorisé.`;
}

const SEPA_READY = { sepaCreditorId: { not: null }, sepaCreditorName: { not: null }, sepaCreditorIban: { not: null } } as const;

/** The lieux a family may sign a mandate for: set up for prélèvement, where it has an inscription or an invoice. */
export function familyLieuxWhere(familyId: string) {
  return {
    ...SEPA_READY,
    OR: [{ activities: { some: { inscriptions: { some: { familyId } } } } }, { invoices: { some: { familyId } } }],
  };
}

interface MandateInput {
  familyId: string;
  structureId: string;
  holderName: string;
  iban: string;
  bic: string;
  signedPlace: string;
  actor: Actor;
  /** A paper mandate's signature day ("YYYY-MM-DD"); online, now. */
  signedOn?: string;
  now?: Date;
}

/** « Signer le mandat » (a parent, online) or « Enregistrer un mandat papier » (staff). */
export async function signMandate(input: MandateInput): Promise<{ id: string; rum: string; firstMonth: string }> {
  const now = input.now ?? new Date();
  const online = input.actor.kind === "PARENT";
  try {
    return await transaction(async (tx) => {
      if (!online) {
        // Staff of another lieu: the family, and the lieu, answer as missing ones (ADR 029).
        assertStructureInScope(actorScope(input.actor), input.structureId);
        await assertInScope(actorScope(input.actor), (s) =>
          tx.family.findFirst({ where: { id: input.familyId, ...s.family }, select: { id: true } }),
        );
      }
      await lockFamily(tx, input.familyId);
      const lieu = await tx.structure.findFirst({
        where: { id: input.structureId, ...familyLieuxWhere(input.familyId) },
        select: { id: true, name: true, sepaCreditorName: true },
      });
      if (!lieu) throw new NotFoundError();
      const active = await tx.sepaMandate.findUnique({ where: { activeKey: activeKeyOf(input.familyId, lieu.id) }, select: { rum: true } });
      if (active) throw alreadyActive(active.rum);
      const prefix = `PF-${lieuCode(lieu.name)}-`;
      await lockMandateReferences(tx, prefix);
      const n = (await tx.sepaMandate.count({ where: { rum: { startsWith: prefix } } })) + 1;
      const rum = `${prefix}${String(n).padStart(6, "0")}`;
      // Debited from the month after it is recorded: its invoices are the first ones the family is pre-notified of.
      const firstMonth = nextMonth(parisDay(now).slice(0, 7));
      const mandate = await tx.sepaMandate.create({
        data: {
          familyId: input.familyId,
          structureId: lieu.id,
          rum,
          holderName: input.holderName,
          iban: input.iban,
          bic: input.bic,
          signedAt: input.signedOn ? dateOf(input.signedOn) : now,
          signedPlace: input.signedPlace,
          signedOnline: online,
          signedById: input.actor.userId,
          firstMonth: dateOf(firstOf(firstMonth)),
          activeKey: activeKeyOf(input.familyId, lieu.id),
        },
        select: { id: true },
      });
      for (const { email: to, person } of await familyRecipients(tx, input.familyId)) {
        await enqueueEmail(tx, {
          to,
          familyId: input.familyId,
          template: "sepa-mandate",
          email: sepaMandateEmail(person, {
            rum,
            maskedIban: maskIban(input.iban),
            fromMonth: formatMonth(firstMonth),
            creditor: lieu.sepaCreditorName ?? lieu.name,
          }),
        });
      }
      return { id: mandate.id, rum, firstMonth };
    });
  } catch (error) {
    // Two signatures at once: the family's lock makes the second one see the first; the unique key is the backstop.
    if (isUniqueViolation(error)) throw alreadyActive(null);
    throw error;
  }
}

const alreadyActive = (rum: string | null) =>
  new UserFacingError(
    `Un mandat de prélèvement est déjà actif pour ce lieu${rum ? ` (RUM ${rum})` : ""} : révoquez-le d'abord pour en signer un nouveau (changement de compte).`,
  );

/**
 * « Révoquer le mandat »: no new debit under it. A debit already in an exported file stays (the file is at the bank):
 * the family is told so by the page. `familyId`: the parent's family; null for staff (scoped to their lieux).
 */
export async function revokeMandate(input: {
  mandateId: string;
  familyId: string | null;
  actor: Actor;
  now?: Date;
}): Promise<{ rum: string }> {
  return transaction(async (tx) => {
    const scope = actorScope(input.actor);
    const mandate = await tx.sepaMandate.findFirst({
      where: { id: input.mandateId, ...(input.familyId ? { familyId: input.familyId } : {}) },
      select: { id: true, familyId: true, structureId: true },
    });
    if (!mandate) throw new NotFoundError();
    if (!input.familyId) assertStructureInScope(scope, mandate.structureId);
    await lockFamily(tx, mandate.familyId);
    const current = await tx.sepaMandate.findUniqueOrThrow({ where: { id: mandate.id }, select: { status: true, rum: true } });
    if (!isIn(SEPA_MANDATE_STATUSES.ACTIVE, current.status)) throw new UserFacingError(`Le mandat ${current.rum} est déjà révoqué.`);
    await tx.sepaMandate.update({
      where: { id: mandate.id },
      data: { status: "REVOKED", activeKey: null, revokedAt: input.now ?? new Date(), revokedById: input.actor.userId },
    });
    return { rum: current.rum };
  });
}

export interface MandateView {
  id: string;
  structureId: string;
  lieu: string;
  rum: string;
  holderName: string;
  maskedIban: string;
  bic: string;
  status: "ACTIVE" | "REVOKED";
  signedAt: Date;
  signedOnline: boolean;
  firstMonth: string;
  revokedAt: Date | null;
}

const mandateSelect = {
  id: true,
  structureId: true,
  structure: { select: { name: true } },
  rum: true,
  holderName: true,
  iban: true,
  bic: true,
  status: true,
  signedAt: true,
  signedOnline: true,
  firstMonth: true,
  revokedAt: true,
} as const;

function view(m: {
  id: string;
  structureId: string;
  structure: { name: string };
  rum: string;
  holderName: string;
  iban: string;
  bic: string;
  status: "ACTIVE" | "REVOKED";
  signedAt: Date;
  signedOnline: boolean;
  firstMonth: Date;
  revokedAt: Date | null;
}): MandateView {
  return {
    id: m.id,
    structureId: m.structureId,
    lieu: m.structure.name,
    rum: m.rum,
    holderName: m.holderName,
    maskedIban: maskIban(m.iban),
    bic: m.bic,
    status: m.status,
    signedAt: m.signedAt,
    signedOnline: m.signedOnline,
    firstMonth: m.firstMonth.toISOString().slice(0, 7),
    revokedAt: m.revokedAt,
  };
}

/**
 * What Mes factures (or the family's billing page) shows: the family's mandates (active first), the lieux it may
 * still sign one for, and its invoices in a pending debit. `scope`: staff's lieux (a mandate of another lieu is hidden;
 * the family itself was checked in scope by the page).
 */
export async function getFamilyMandates(familyId: string, scope: StaffScope = ALL_LIEUX) {
  const scopeIds = isLimited(scope) ? scope.structureIds : null;
  const lieuFilter = scopeIds ? { structureId: { in: [...scopeIds] } } : {};
  const [mandates, lieux, pending] = await Promise.all([
    db.sepaMandate.findMany({
      where: { familyId, ...lieuFilter },
      orderBy: [{ status: "asc" }, { signedAt: "desc" }],
      select: mandateSelect,
    }),
    db.structure.findMany({
      where: { ...familyLieuxWhere(familyId), ...(scopeIds ? { id: { in: [...scopeIds] } } : {}) },
      orderBy: { name: "asc" },
      select: { id: true, name: true, sepaCreditorName: true },
    }),
    pendingDebitsOfFamily(db, familyId, scopeIds),
  ]);
  const views = mandates.map(view);
  const activeLieux = new Set(views.filter((m) => isIn(SEPA_MANDATE_STATUSES.ACTIVE, m.status)).map((m) => m.structureId));
  return {
    mandates: views,
    signable: lieux.filter((l) => !activeLieux.has(l.id)).map((l) => ({ id: l.id, name: l.name, creditor: l.sepaCreditorName ?? l.name })),
    pending,
  };
}

/** The family's invoices in a debit not yet collected nor rejected, with their due date. */
export async function pendingDebitsOfFamily(tx: Tx, familyId: string, scopeIds: readonly string[] | null = null) {
  const rows = await tx.directDebit.findMany({
    where: { familyId, status: "PENDING", ...(scopeIds ? { batch: { structureId: { in: [...scopeIds] } } } : {}) },
    select: { invoiceId: true, amountCents: true, batch: { select: { dueDate: true } } },
  });
  return rows.map((r) => ({ invoiceId: r.invoiceId, amountCents: r.amountCents, dueDate: r.batch.dueDate }));
}
