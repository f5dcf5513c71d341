import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  AccountRequestStatus,
  ChangeRequestKind,
  ChangeRequestStatus,
  ChildStatus,
  DocumentScope,
  DocumentStatus,
  InscriptionStatus,
} from "@/lib/generated/prisma/enums";
import {
  statusLabel,
  statusTone,
  type Tone,
  CHILD_STATUSES,
  DOCUMENT_STATUSES,
  INSCRIPTION_STATUSES,
  INVOICE_STATUSES,
  isIn,
} from "@/lib/workflow";
import { changeRequestLabel, changeRequestLabelOf } from "./change-requests";
import { deName } from "@/lib/format";
import {
  followedReservationSql,
  reservationFeed,
  reservationFeedOf,
  reserveTodo,
  type FeedReservation,
} from "@/lib/reservations/get-reservation-feed";
import { toPayText } from "@/lib/billing/get-family-account";
import { missingAmong } from "@/lib/documents/list-family-uploads";
import type { ChildAwaitingValidation } from "@/lib/inscriptions/list-prepared-inscriptions";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { familyInscriptionWhere } from "./foyers";
import { familyChildSql } from "./foyer-wheres";

export interface DashboardRequest {
  id: string;
  kind: string;
  label: string;
  /** The status in its machine's words (README glossary) and how it reads. */
  state: { label: string; tone: Tone };
  reason: string | null;
  sentAt: Date;
  decidedAt: Date | null;
  /** Where the parent sees the thing the request is about. */
  href: string;
}

/**
 * The request feed of « Mon tableau de bord ». Each source lists one kind of
 * request of one family; a later feature (inscriptions, réservations,
 * documents, messages…) adds its own source here and nothing else changes.
 */
type FeedSource = (familyId: string, now: Date) => Promise<DashboardRequest[]>;

type AccountRow = { id: string; status: AccountRequestStatus; reason: string | null; createdAt: Date; decidedAt: Date | null };
const accountItems = (request: AccountRow | null): DashboardRequest[] =>
  !request
    ? []
    : [
        {
          id: request.id,
          kind: "ACCOUNT",
          label: "Création de compte",
          state: { label: statusLabel("ACCOUNT_REQUEST", request.status), tone: statusTone("ACCOUNT_REQUEST", request.status) },
          reason: request.reason,
          sentAt: request.createdAt,
          decidedAt: request.decidedAt,
          href: "/mes-coordonnees",
        },
      ];

const accountRequests: FeedSource = async (familyId) =>
  accountItems(
    await db.accountRequest.findUnique({
      where: { familyId },
      select: { id: true, status: true, reason: true, createdAt: true, decidedAt: true },
    }),
  );

type ChangeRow = {
  id: string;
  kind: ChangeRequestKind;
  status: ChangeRequestStatus;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
};
const changeItem = (r: ChangeRow, label: string): DashboardRequest => ({
  id: r.id,
  kind: r.kind,
  label,
  state: { label: statusLabel("CHANGE_REQUEST", r.status), tone: statusTone("CHANGE_REQUEST", r.status) },
  reason: r.reason,
  sentAt: r.createdAt,
  decidedAt: r.decidedAt,
  href: r.kind === "CHILD_ADDED" || r.kind === "CHILD_HEALTH" || r.kind === "CHILD_LINK" ? "/ma-famille" : "/mes-coordonnees",
});

const changeRequests: FeedSource = async (familyId) => {
  const requests = await db.changeRequest.findMany({
    where: { familyId },
    select: { id: true, kind: true, targetId: true, after: true, status: true, reason: true, createdAt: true, decidedAt: true },
  });
  return Promise.all(requests.map(async (r) => changeItem(r, await changeRequestLabel(db, r))));
};

type InscriptionRow = {
  id: string;
  status: InscriptionStatus;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  updatedAt: Date;
  childFirstName: string;
  activityName: string;
  periodName: string;
};
const inscriptionItem = (r: InscriptionRow): DashboardRequest => ({
  id: r.id,
  kind: "INSCRIPTION",
  label: `Inscription ${deName(r.childFirstName)} — ${r.activityName} (${r.periodName})`,
  state: { label: statusLabel("INSCRIPTION", r.status), tone: statusTone("INSCRIPTION", r.status) },
  reason: r.reason,
  sentAt: r.createdAt,
  decidedAt: r.decidedAt ?? (isIn(INSCRIPTION_STATUSES.WITHDRAWN_BY_FAMILY, r.status) ? r.updatedAt : null),
  href: "/mes-inscriptions",
});

/** The inscriptions of the family's children, a shared child's whichever foyer asked (ADR 051). */
const inscriptions: FeedSource = async (familyId) => {
  const rows = await db.inscription.findMany({
    where: familyInscriptionWhere(familyId),
    select: {
      id: true,
      status: true,
      reason: true,
      createdAt: true,
      decidedAt: true,
      updatedAt: true,
      child: { select: { firstName: true } },
      activity: { select: { name: true } },
      period: { select: { name: true } },
    },
  });
  return rows.map(({ child, activity, period, ...r }) =>
    inscriptionItem({ ...r, childFirstName: child.firstName, activityName: activity.name, periodName: period.name }),
  );
};

type DocumentRow = {
  id: string;
  title: string;
  status: DocumentStatus;
  reason: string | null;
  createdAt: Date;
  reviewedAt: Date | null;
  childFirstName: string | null;
};
const documentItem = (d: DocumentRow): DashboardRequest => ({
  id: d.id,
  kind: "DOCUMENT",
  label: `Document envoyé : ${d.title}${d.childFirstName ? ` (${d.childFirstName})` : ""}`,
  state: { label: statusLabel("DOCUMENT", d.status), tone: statusTone("DOCUMENT", d.status) },
  reason: isIn(DOCUMENT_STATUSES.REFUSED, d.status) ? d.reason : null,
  sentAt: d.createdAt,
  decidedAt: d.reviewedAt,
  href: "/mes-envois",
});

const documents: FeedSource = async (familyId) => {
  const rows = await db.document.findMany({
    where: { familyId, kind: "FAMILY_UPLOAD" },
    select: {
      id: true,
      title: true,
      status: true,
      reason: true,
      createdAt: true,
      reviewedAt: true,
      child: { select: { firstName: true } },
    },
  });
  return rows.map(({ child, ...d }) => documentItem({ ...d, childFirstName: child?.firstName ?? null }));
};

export const FEED_SOURCES: FeedSource[] = [accountRequests, changeRequests, inscriptions, reservationFeed, documents];

/** `now` decides which reservation days are still followed (the last two weeks on). */
export async function listFamilyRequests(familyId: string, now: Date): Promise<DashboardRequest[]> {
  return newestFirst((await Promise.all(FEED_SOURCES.map((source) => source(familyId, now)))).flat());
}

const newestFirst = (all: DashboardRequest[]) => all.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());

export interface FamilyDashboard {
  familyName: string;
  requests: DashboardRequest[];
  /** « À faire » : only what the parent must do (what the structure must do is counted apart). */
  todo: { text: string; href: string }[];
  /** Requests waiting for the structure. */
  waitingCount: number;
  /** The children still waiting for the structure's check, with their prepared inscriptions (ADR 037). */
  awaiting: ChildAwaitingValidation[];
}

/** Epoch milliseconds of a timestamp or a date column (a date: its UTC midnight, as Prisma reads it). */
const ms = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;
const at = (value: number | null) => (value === null ? null : new Date(value));

/** What the dashboard's statement returns: each source's rows, dates as epoch milliseconds. */
interface DashboardJson {
  family: { name: string; quotientFamilial: number | null; cafNumber: string | null } | null;
  children: {
    id: string;
    firstName: string;
    status: ChildStatus;
    /** The family is the child's first foyer (a shared child's required documents are asked of that foyer, ADR 051). */
    isOwn: boolean;
    authorized: number;
    prepared: { id: string; activityName: string; periodName: string }[];
  }[];
  account: (Omit<AccountRow, "createdAt" | "decidedAt"> & { createdAt: number; decidedAt: number | null }) | null;
  changes: (Omit<ChangeRow, "createdAt" | "decidedAt"> & {
    createdAt: number;
    decidedAt: number | null;
    after: unknown;
    adult: { firstName: string; lastName: string } | null;
    child: { firstName: string } | null;
  })[];
  inscriptions: (Omit<InscriptionRow, "createdAt" | "decidedAt" | "updatedAt"> & {
    createdAt: number;
    decidedAt: number | null;
    updatedAt: number;
    childId: string;
    endDate: number;
    booked: boolean;
  })[];
  reservations: (Omit<FeedReservation, "date" | "createdAt" | "decidedAt"> & {
    date: number;
    createdAt: number;
    decidedAt: number | null;
  })[];
  documents: (Omit<DocumentRow, "createdAt" | "reviewedAt"> & {
    createdAt: number;
    reviewedAt: number | null;
    kind: string;
    typeId: string | null;
    childId: string | null;
    validUntil: number | null;
  })[];
  requiredTypes: { id: string; name: string; scope: DocumentScope; required: boolean }[];
  payable: { totalCents: number; paidCents: number; creditedCents: number; dueDate: number | null }[];
}

/**
 * Everything « Mon tableau de bord » shows, in one statement (ADR 048): the family, its children (with their
 * authorised persons counted and, for those awaiting the structure, their prepared inscriptions), its account and
 * change requests, inscriptions, followed reservations, uploads, payable invoices, and the required document types.
 * Every row is read through `familyId` exactly as the Prisma reads do (`listFamilyRequests`, `missingDocuments`,
 * `invoicesToPay`, `inscriptionsWithoutReservation`, `childrenAwaitingValidation`, which stay the readable definition:
 * tests/dashboard-statement.test.ts checks that both give the same). Saves a dozen Prisma calls and their compile.
 */
function dashboardSql(familyId: string, now: Date): Prisma.Sql {
  return Prisma.sql`SELECT json_build_object(
    'family', (SELECT json_build_object('name', f."name", 'quotientFamilial', f."quotientFamilial", 'cafNumber', f."cafNumber")
      FROM "Family" f WHERE f."id" = ${familyId}),
    'children', COALESCE((SELECT json_agg(json_build_object(
        'id', c."id", 'firstName', c."firstName", 'status', c."status", 'isOwn', c."familyId" = ${familyId},
        'authorized', (SELECT count(*)::int FROM "AuthorizedPerson" a WHERE a."childId" = c."id"),
        'prepared', COALESCE((SELECT json_agg(json_build_object('id', p."id", 'activityName', pa."name", 'periodName', pp."name")
            ORDER BY p."createdAt", p."id")
          FROM "PreparedInscription" p JOIN "Activity" pa ON pa."id" = p."activityId" JOIN "Period" pp ON pp."id" = p."periodId"
          WHERE p."childId" = c."id"), '[]'::json)
      ) ORDER BY c."birthDate", c."createdAt", c."id") FROM "Child" c WHERE ${familyChildSql(familyId, Prisma.sql`c`)}), '[]'::json),
    'account', (SELECT json_build_object('id', r."id", 'status', r."status", 'reason', r."reason",
        'createdAt', ${ms(Prisma.sql`r."createdAt"`)}, 'decidedAt', ${ms(Prisma.sql`r."decidedAt"`)})
      FROM "AccountRequest" r WHERE r."familyId" = ${familyId}),
    'changes', COALESCE((SELECT json_agg(json_build_object('id', r."id", 'kind', r."kind", 'status', r."status", 'reason', r."reason",
        'after', r."after", 'createdAt', ${ms(Prisma.sql`r."createdAt"`)}, 'decidedAt', ${ms(Prisma.sql`r."decidedAt"`)},
        'adult', (SELECT json_build_object('firstName', ad."firstName", 'lastName', ad."lastName") FROM "Adult" ad
          WHERE r."kind" = 'PHONES' AND ad."id" = r."targetId"),
        'child', (SELECT json_build_object('firstName', ch."firstName") FROM "Child" ch
          WHERE r."kind" = 'CHILD_HEALTH' AND ch."id" = r."targetId")) ORDER BY r."createdAt", r."id")
      FROM "ChangeRequest" r WHERE r."familyId" = ${familyId}), '[]'::json),
    'inscriptions', COALESCE((SELECT json_agg(json_build_object('id', i."id", 'status', i."status", 'reason', i."reason",
        'createdAt', ${ms(Prisma.sql`i."createdAt"`)}, 'decidedAt', ${ms(Prisma.sql`i."decidedAt"`)},
        'updatedAt', ${ms(Prisma.sql`i."updatedAt"`)}, 'endDate', ${ms(Prisma.sql`i."endDate"`)}, 'childId', i."childId",
        'childFirstName', c."firstName", 'activityName', a."name", 'periodName', p."name",
        'booked', EXISTS (SELECT 1 FROM "Reservation" b WHERE b."inscriptionId" = i."id")) ORDER BY i."createdAt", i."id")
      FROM "Inscription" i JOIN "Child" c ON c."id" = i."childId" JOIN "Activity" a ON a."id" = i."activityId"
        JOIN "Period" p ON p."id" = i."periodId"
      WHERE ${familyChildSql(familyId, Prisma.sql`c`)}), '[]'::json),
    'reservations', COALESCE((SELECT json_agg(json_build_object('id', r."id", 'status', r."status", 'reason', r."reason",
        'date', ${ms(Prisma.sql`r."date"`)}, 'createdAt', ${ms(Prisma.sql`r."createdAt"`)},
        'decidedAt', ${ms(Prisma.sql`r."decidedAt"`)}, 'inscriptionId', r."inscriptionId",
        'childFirstName', c."firstName", 'activityName', a."name") ORDER BY r."date", r."id")
      FROM "Reservation" r JOIN "Inscription" i ON i."id" = r."inscriptionId" JOIN "Child" c ON c."id" = i."childId"
        JOIN "Activity" a ON a."id" = i."activityId"
      WHERE i."familyId" = ${familyId} AND ${followedReservationSql(now)}), '[]'::json),
    'documents', COALESCE((SELECT json_agg(json_build_object('id', d."id", 'title', d."title", 'status', d."status",
        'reason', d."reason", 'kind', d."kind", 'typeId', d."typeId", 'childId', d."childId",
        'createdAt', ${ms(Prisma.sql`d."createdAt"`)}, 'reviewedAt', ${ms(Prisma.sql`d."reviewedAt"`)},
        'validUntil', ${ms(Prisma.sql`d."validUntil"`)}, 'childFirstName', c."firstName") ORDER BY d."createdAt", d."id")
      FROM "Document" d LEFT JOIN "Child" c ON c."id" = d."childId"
      WHERE d."familyId" = ${familyId} AND d."kind" = 'FAMILY_UPLOAD'), '[]'::json),
    'requiredTypes', COALESCE((SELECT json_agg(json_build_object('id', t."id", 'name', t."name", 'scope', t."scope",
        'required', t."required") ORDER BY t."sortOrder", t."name")
      FROM "DocumentType" t WHERE t."required"), '[]'::json),
    'payable', COALESCE((SELECT json_agg(json_build_object('totalCents', v."totalCents", 'paidCents', v."paidCents",
        'creditedCents', v."creditedCents", 'dueDate', ${ms(Prisma.sql`v."dueDate"`)}) ORDER BY v."dueDate" ASC NULLS LAST, v."id")
      FROM "Invoice" v
      WHERE v."familyId" = ${familyId} AND v."kind" = 'INVOICE' AND v."status"::text = ANY(${[...INVOICE_STATUSES.PAYABLE]})), '[]'::json)
  ) AS "dashboard"`;
}

/** `now` (the page passes `new Date()`) decides what is still to do: inscriptions running, documents expired. */
export async function getFamilyDashboard(familyId: string, now: Date): Promise<FamilyDashboard | null> {
  const [row] = await db.$queryRaw<{ dashboard: DashboardJson }[]>(dashboardSql(familyId, now));
  const read = row?.dashboard;
  if (!read?.family) return null;
  const { family } = read;
  const today = parisDay(now);
  const requests = newestFirst([
    ...accountItems(
      read.account && { ...read.account, createdAt: new Date(read.account.createdAt), decidedAt: at(read.account.decidedAt) },
    ),
    ...read.changes.map((r) =>
      changeItem({ ...r, createdAt: new Date(r.createdAt), decidedAt: at(r.decidedAt) }, changeRequestLabelOf(r, r)),
    ),
    ...read.inscriptions.map((r) =>
      inscriptionItem({ ...r, createdAt: new Date(r.createdAt), decidedAt: at(r.decidedAt), updatedAt: new Date(r.updatedAt) }),
    ),
    ...reservationFeedOf(
      read.reservations.map((r) => ({ ...r, date: new Date(r.date), createdAt: new Date(r.createdAt), decidedAt: at(r.decidedAt) })),
    ),
    ...read.documents.map((d) => documentItem({ ...d, createdAt: new Date(d.createdAt), reviewedAt: at(d.reviewedAt) })),
  ]);
  const todayMs = dateOf(today).getTime();
  const withoutReservation = read.inscriptions
    .filter((i) => isIn(INSCRIPTION_STATUSES.BOOKABLE, i.status) && i.endDate >= todayMs && !i.booked)
    .map(reserveTodo);
  const missing = missingAmong(
    {
      types: read.requiredTypes,
      children: read.children.filter((c) => c.isOwn && isIn(CHILD_STATUSES.INSCRIBABLE, c.status)),
      docs: read.documents.map((d) => ({ ...d, validUntil: at(d.validUntil) })),
    },
    today,
  );
  const toPay = toPayText(read.payable.map((v) => ({ ...v, dueDate: at(v.dueDate) })));
  const awaiting = read.children
    .filter((c) => isIn(CHILD_STATUSES.AWAITING_DECISION, c.status))
    .map((c) => ({
      id: c.id,
      firstName: c.firstName,
      prepared: c.prepared.map((p) => ({ id: p.id, title: `${p.activityName} (${p.periodName})` })),
    }));

  const todo: FamilyDashboard["todo"] = [];
  const waitingCount = requests.filter((r) => r.state.tone === "waiting").length;
  const children = read.children.filter((c) => isIn(CHILD_STATUSES.ON_FILE, c.status));
  if (children.length === 0) todo.push({ text: "Ajoutez vos enfants à votre dossier", href: "/ma-famille/ajouter-un-enfant" });
  for (const child of children) {
    if (child.authorized === 0) {
      todo.push({ text: `Indiquez qui peut venir chercher ${child.firstName}`, href: `/ma-famille/enfants/${child.id}/modifier` });
    }
  }
  todo.push(...withoutReservation);
  for (const item of missing) todo.push({ text: item.text, href: "/mes-envois" });
  if (toPay) todo.push({ text: toPay, href: "/mes-factures" });
  if (family.quotientFamilial === null || !family.cafNumber) {
    todo.push({ text: "Renseignez votre quotient familial et votre numéro d'allocataire CAF", href: "/mes-coordonnees#quotient" });
  }
  return { familyName: family.name, requests, todo, waitingCount, awaiting };
}
