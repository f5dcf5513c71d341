import "server-only";
import { db } from "@/lib/db";
import { statusLabel, statusTone, type Tone, DOCUMENT_STATUSES, INSCRIPTION_STATUSES, isIn } from "@/lib/workflow";
import { changeRequestLabel } from "./change-requests";
import { deName } from "@/lib/format";
import { inscriptionsWithoutReservation, reservationFeed } from "@/lib/reservations/get-reservation-feed";
import { invoicesToPay } from "@/lib/billing/get-family-account";
import { missingDocuments } from "@/lib/documents/list-family-uploads";
import { parisDay } from "@/lib/calendar/paris";

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

const accountRequests: FeedSource = async (familyId) => {
  const request = await db.accountRequest.findUnique({
    where: { familyId },
    select: { id: true, status: true, reason: true, createdAt: true, decidedAt: true },
  });
  if (!request) return [];
  return [
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
};

const changeRequests: FeedSource = async (familyId) => {
  const requests = await db.changeRequest.findMany({
    where: { familyId },
    select: { id: true, kind: true, targetId: true, after: true, status: true, reason: true, createdAt: true, decidedAt: true },
  });
  return Promise.all(
    requests.map(async (r) => ({
      id: r.id,
      kind: r.kind,
      label: await changeRequestLabel(db, r),
      state: { label: statusLabel("CHANGE_REQUEST", r.status), tone: statusTone("CHANGE_REQUEST", r.status) },
      reason: r.reason,
      sentAt: r.createdAt,
      decidedAt: r.decidedAt,
      href: r.kind === "CHILD_ADDED" || r.kind === "CHILD_HEALTH" ? "/ma-famille" : "/mes-coordonnees",
    })),
  );
};

const inscriptions: FeedSource = async (familyId) => {
  const rows = await db.inscription.findMany({
    where: { familyId },
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
  return rows.map((r) => ({
    id: r.id,
    kind: "INSCRIPTION",
    label: `Inscription ${deName(r.child.firstName)} — ${r.activity.name} (${r.period.name})`,
    state: { label: statusLabel("INSCRIPTION", r.status), tone: statusTone("INSCRIPTION", r.status) },
    reason: r.reason,
    sentAt: r.createdAt,
    decidedAt: r.decidedAt ?? (isIn(INSCRIPTION_STATUSES.WITHDRAWN_BY_FAMILY, r.status) ? r.updatedAt : null),
    href: "/mes-inscriptions",
  }));
};

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
  return rows.map((d) => ({
    id: d.id,
    kind: "DOCUMENT",
    label: `Document envoyé : ${d.title}${d.child ? ` (${d.child.firstName})` : ""}`,
    state: { label: statusLabel("DOCUMENT", d.status), tone: statusTone("DOCUMENT", d.status) },
    reason: isIn(DOCUMENT_STATUSES.REFUSED, d.status) ? d.reason : null,
    sentAt: d.createdAt,
    decidedAt: d.reviewedAt,
    href: "/mes-envois",
  }));
};

export const FEED_SOURCES: FeedSource[] = [accountRequests, changeRequests, inscriptions, reservationFeed, documents];

/** `now` decides which reservation days are still followed (the last two weeks on). */
export async function listFamilyRequests(familyId: string, now: Date): Promise<DashboardRequest[]> {
  const all = (await Promise.all(FEED_SOURCES.map((source) => source(familyId, now)))).flat();
  return all.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
}

export interface FamilyDashboard {
  familyName: string;
  requests: DashboardRequest[];
  /** « À faire » : only what the parent must do (what the structure must do is counted apart). */
  todo: { text: string; href: string }[];
  /** Requests waiting for the structure. */
  waitingCount: number;
}

/** `now` (the page passes `new Date()`) decides what is still to do: inscriptions running, documents expired. */
export async function getFamilyDashboard(familyId: string, now: Date): Promise<FamilyDashboard | null> {
  // Every read at once (they are independent): the page waits for the slowest, not for their sum (ADR 040).
  const [family, requests, withoutReservation, missing, toPay] = await Promise.all([
    db.family.findUnique({
      where: { id: familyId },
      select: {
        name: true,
        quotientFamilial: true,
        cafNumber: true,
        children: {
          where: { status: { not: "REFUSED" } },
          select: { id: true, firstName: true, _count: { select: { authorizedPersons: true } } },
        },
      },
    }),
    listFamilyRequests(familyId, now),
    inscriptionsWithoutReservation(familyId, now),
    missingDocuments(familyId, parisDay(now)),
    invoicesToPay(familyId),
  ]);
  if (!family) return null;
  const todo: FamilyDashboard["todo"] = [];
  const waitingCount = requests.filter((r) => r.state.tone === "waiting").length;
  if (family.children.length === 0) todo.push({ text: "Ajoutez vos enfants à votre dossier", href: "/ma-famille/ajouter-un-enfant" });
  for (const child of family.children) {
    if (child._count.authorizedPersons === 0) {
      todo.push({ text: `Indiquez qui peut venir chercher ${child.firstName}`, href: `/ma-famille/enfants/${child.id}/modifier` });
    }
  }
  todo.push(...withoutReservation);
  for (const item of missing) todo.push({ text: item.text, href: "/mes-envois" });
  if (toPay) todo.push({ text: toPay, href: "/mes-factures" });
  if (family.quotientFamilial === null || !family.cafNumber) {
    todo.push({ text: "Renseignez votre quotient familial et votre numéro d'allocataire CAF", href: "/mes-coordonnees#quotient" });
  }
  return { familyName: family.name, requests, todo, waitingCount };
}
