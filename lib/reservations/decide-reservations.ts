import "server-only";
import { db, transaction, type Tx } from "@/lib/db";
import { emptyReport, type BulkReport } from "@/lib/bulk";
import { dayOf } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { formatLongDate } from "@/lib/format";
import { scopeWhere } from "@/lib/auth/staff-scope";
import {
  actorScope,
  applyTransition,
  isIn,
  NotFoundError,
  RESERVATION_STATUSES,
  statusLabel,
  type Actor,
  INSCRIPTION_STATUSES,
} from "@/lib/workflow";
import { notifyReservations } from "./notify-reservations";
import { fillFreedPlaces } from "./fill-freed-places";
import { lockSlots, placeLeft, readSlot, slotOf } from "./slots";

/*
 * What staff decide on reservations (the console /admin/reservations): accept or
 * refuse requests, decide cancellations as excused or billed. A call is split per
 * family: each family's decisions are one transaction — its statuses, its log and
 * its one e-mail — under the locks of the slots concerned. A request that changed
 * meanwhile (withdrawn by the parent, decided by a colleague) is left as it is and
 * reported; the others still apply. Every place freed goes to the waiting list.
 */

/**
 * The ids grouped per family (one transaction and one e-mail each); an unknown id, or one of a lieu outside the
 * staff's (ADR 029), fails the whole call before anything is written.
 */
async function perFamily(
  ids: string[],
  actor: Actor,
  decide: (tx: Tx, rows: Locked[], report: BulkReport) => Promise<void>,
): Promise<BulkReport> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new UserFacingError("Sélectionnez au moins une demande.");
  const owners = await db.reservation.findMany({
    where: { id: { in: unique }, ...scopeWhere(actorScope(actor)).reservation },
    select: { id: true, inscription: { select: { familyId: true } } },
  });
  if (owners.length !== unique.length) throw new NotFoundError();
  const groups = new Map<string, string[]>();
  for (const o of owners) groups.set(o.inscription.familyId, [...(groups.get(o.inscription.familyId) ?? []), o.id]);
  const report: BulkReport = emptyReport();
  for (const group of groups.values()) {
    const mine: BulkReport = emptyReport();
    try {
      await transaction(async (tx) => decide(tx, await lockAll(tx, group), mine));
      report.done.push(...mine.done);
      report.notDone.push(...mine.notDone);
    } catch (error) {
      if (error instanceof UserFacingError && groups.size > 1) {
        report.notDone.push(...group.map((id) => ({ id, message: error.message })));
      } else throw error;
    }
  }
  return report;
}

async function lockAll(tx: Tx, ids: string[]) {
  const slots = await tx.reservation.findMany({ where: { id: { in: ids } }, select: { timeUnitId: true, date: true } });
  await lockSlots(tx, slots.map(slotOf));
  return tx.reservation.findMany({
    where: { id: { in: ids } },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      timeUnitId: true,
      date: true,
      timeUnit: { select: { name: true } },
      inscription: {
        select: { status: true, child: { select: { firstName: true } }, ageGroup: { select: { id: true, unitCapacity: true } } },
      },
    },
  });
}

type Locked = Awaited<ReturnType<typeof lockAll>>[number];

const subjectOf = (row: Locked) => `${row.inscription.child.firstName}, ${row.timeUnit.name}, ${formatLongDate(dayOf(row.date))}`;

/** A request that is no longer what staff saw: left as it is, said in the words of the calendar. */
const changed = (row: Locked) => ({
  id: row.id,
  message: `${subjectOf(row)} : la demande a changé entre-temps (${statusLabel("RESERVATION", row.status).toLowerCase()}), elle n'a pas été décidée.`,
});

const requireReason = (reason: string | undefined): string => {
  const trimmed = reason?.trim() ?? "";
  if (!trimmed) fieldError("reason", "Motif : indiquez-le, il est envoyé à la famille.");
  return trimmed;
};

/** Accept DRs (their place is held) and waiting requests that now have a place; a waiting one without a place stays waiting, said per request. */
export async function acceptReservations(input: { ids: string[]; actor: Actor; now?: Date }): Promise<BulkReport> {
  return perFamily(input.ids, input.actor, async (tx, rows, report) => {
    for (const row of rows) {
      if (!isIn(RESERVATION_STATUSES.REQUESTS, row.status)) {
        report.notDone.push(changed(row));
        continue;
      }
      if (!isIn(INSCRIPTION_STATUSES.BOOKABLE, row.inscription.status))
        throw new UserFacingError("Cette inscription n'est plus validée : la demande ne peut pas être validée.");
      if (
        isIn(RESERVATION_STATUSES.ON_WAITING_LIST, row.status) &&
        !placeLeft(await readSlot(tx, slotOf(row), row.inscription.ageGroup?.id ?? null), row.inscription.ageGroup)
      ) {
        report.notDone.push({
          id: row.id,
          message: `Plus de place disponible le ${formatLongDate(dayOf(row.date))} : la demande reste en liste d'attente.`,
        });
        continue;
      }
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: row.id,
        to: "RESERVED",
        actor: input.actor,
        expectedFrom: row.status,
        now: input.now,
      });
      report.done.push(row.id);
    }
    await notifyReservations(tx, "ACCEPTED", report.done);
  });
}

export async function refuseReservations(input: { ids: string[]; reason: string; actor: Actor; now?: Date }): Promise<BulkReport> {
  const reason = requireReason(input.reason);
  return perFamily(input.ids, input.actor, async (tx, rows, report) => {
    const refused: Locked[] = [];
    for (const row of rows) {
      if (!isIn(RESERVATION_STATUSES.REQUESTS, row.status)) {
        report.notDone.push(changed(row));
        continue;
      }
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: row.id,
        to: "REFUSED",
        actor: input.actor,
        reason,
        expectedFrom: row.status,
        now: input.now,
      });
      refused.push(row);
      report.done.push(row.id);
    }
    await notifyReservations(
      tx,
      "REFUSED",
      refused.map((r) => r.id),
      reason,
    );
    await fillFreedPlaces(tx, refused.filter((r) => isIn(RESERVATION_STATUSES.HOLDS_PLACE, r.status)).map(slotOf), input.now ?? new Date());
  });
}

export type CancellationDecision = "EXCUSED" | "BILLED";

/**
 * DAs decided, each as absence excusée (not billed) or facturée, with a reason; either way the place goes
 * to the waiting list. One e-mail per family lists them (« 2 annulations excusées les : … », seed 004).
 */
export async function decideCancellations(input: {
  decisions: { id: string; decision: CancellationDecision }[];
  reason: string;
  actor: Actor;
  now?: Date;
}): Promise<BulkReport> {
  const reason = requireReason(input.reason);
  const decisionOf = new Map(input.decisions.map((d) => [d.id, d.decision]));
  if (input.decisions.some((d) => decisionOf.get(d.id) !== d.decision))
    throw new UserFacingError("Une demande a reçu deux décisions différentes : rechargez la page.");
  return perFamily([...decisionOf.keys()], input.actor, async (tx, rows, report) => {
    const decided: Locked[] = [];
    for (const row of rows) {
      if (!isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, row.status)) {
        report.notDone.push(changed(row));
        continue;
      }
      const to = decisionOf.get(row.id) === "EXCUSED" ? "ABSENT_EXCUSED" : "ABSENT_BILLED";
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: row.id,
        to,
        actor: input.actor,
        reason,
        expectedFrom: "CANCELLATION_REQUESTED",
        now: input.now,
      });
      decided.push(row);
      report.done.push(row.id);
    }
    await notifyReservations(
      tx,
      "CANCELLATIONS",
      decided.map((r) => r.id),
      reason,
    );
    await fillFreedPlaces(tx, decided.map(slotOf), input.now ?? new Date());
  });
}
