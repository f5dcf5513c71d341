import "server-only";
import { transaction, type Tx } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, dayOf, parisDay } from "@/lib/calendar/paris";
import { unpaidBlockMessage, unpaidBlocks } from "@/lib/billing/list-unpaid-blocks";
import { UserFacingError } from "@/lib/errors";
import { count, deName, formatDateTime, formatLongDate } from "@/lib/format";
import {
  applyTransition,
  createReservationAs,
  isIn,
  NotFoundError,
  openReservationGate,
  RESERVATION_STATUSES,
  statusLabel,
  SYSTEM,
  type Actor,
} from "@/lib/workflow";
import type { InscriptionStatus, ReservationStatus, ValidationMode } from "@/lib/generated/prisma/enums";
import { bookingBlocked } from "./availability";
import { prepareReceipt, queueReceipt, reservationLine, reservationSection } from "./notify-reservations";
import { inscriptionDuesBefore } from "@/lib/billing/get-inscription-due";
import { lockSlots, placeLeft, readSlot, slotKey, type Slot } from "./slots";
import { inSlotTurn } from "./slot-queue";
import { refusedByRules, type UnitRule } from "./unit-rules";
import { readCustodyCalendars } from "@/lib/families/foyers";
import { familyChildSql } from "@/lib/families/foyer-wheres";
import { Prisma } from "@/lib/generated/prisma/client";
import { foyerIdFor, mayBookDay, otherFoyerDayMessage, reservationFoyer } from "./foyer-scope";

/** The most cells one send may carry: a whole school year of a few units per day fits. */
export const MAX_CELLS_PER_SEND = 1000;

export interface CellRequest {
  inscriptionId: string;
  timeUnitId: string;
  /** "YYYY-MM-DD". */
  day: string;
}

/** What became of one cell of a send, said to the parent cell by cell. */
export type CellOutcome = CellRequest &
  (
    | { outcome: "RESERVED" | "REQUESTED" }
    | { outcome: "WAITLISTED"; position: number }
    /** Already asked or booked: a repeated send changes nothing. */
    | { outcome: "ALREADY"; status: ReservationStatus }
    | { outcome: "REFUSED"; message: string }
  );

const cellKey = (c: CellRequest) => `${c.inscriptionId}|${c.timeUnitId}|${c.day}`;

/** What a send needs of each inscription it names. */
interface SendInscription {
  id: string;
  status: InscriptionStatus;
  startDate: Date;
  endDate: Date;
  periodId: string;
  activityId: string;
  /** The inscription's family: the foyer of its days booked without `foyerId`. */
  familyId: string;
  child: { id: string; firstName: string; lastName: string };
  period: { name: string };
  ageGroup: { id: string; unitCapacity: number | null } | null;
  activity: {
    name: string;
    reservationValidation: ValidationMode;
    bookingDeadline: string;
    structureId: string;
    structure: { name: string };
    timeUnits: { id: string; name: string; sortOrder: number }[];
  };
}

/**
 * The inscriptions the cells name, with what a request needs; only the family's. One statement (ADR 041): the
 * same read through the query builder is seven (one per relation), each compiled by Prisma, on every send of
 * the opening-day rush.
 */
async function loadInscriptions(tx: Tx, familyId: string, ids: string[]): Promise<Map<string, SendInscription>> {
  const rows = await tx.$queryRaw<SendInscription[]>`
    SELECT i."id", i."status"::text AS "status", i."startDate", i."endDate", i."periodId", i."activityId", i."familyId",
      json_build_object('id', c."id", 'firstName', c."firstName", 'lastName', c."lastName") AS "child",
      json_build_object('name', p."name") AS "period",
      CASE WHEN g."id" IS NULL THEN NULL ELSE json_build_object('id', g."id", 'unitCapacity', g."unitCapacity") END AS "ageGroup",
      json_build_object(
        'name', a."name", 'reservationValidation', a."reservationValidation", 'bookingDeadline', a."bookingDeadline",
        'structureId', a."structureId", 'structure', json_build_object('name', s."name"),
        'timeUnits', COALESCE((SELECT json_agg(json_build_object('id', u."id", 'name', u."name", 'sortOrder', u."sortOrder") ORDER BY u."sortOrder", u."id")
                               FROM "TimeUnit" u WHERE u."activityId" = a."id"), '[]'::json)
      ) AS "activity"
    FROM "Inscription" i
    JOIN "Child" c ON c."id" = i."childId"
    JOIN "Period" p ON p."id" = i."periodId"
    JOIN "Activity" a ON a."id" = i."activityId"
    JOIN "Structure" s ON s."id" = a."structureId"
    LEFT JOIN "AgeGroup" g ON g."id" = i."ageGroupId"
    WHERE i."id" = ANY(${ids})
      AND ${familyChildSql(familyId, Prisma.sql`c`)}`;
  // Another family's inscription is answered as a missing one: nothing says it exists. Whether each is
  // validated is the gate's to say, under its lock. A shared child's inscription (garde alternée, ADR 051) is
  // reached by both its foyers, as familyInscriptionWhere() says.
  if (rows.length !== ids.length) throw new NotFoundError();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * What a send decides on about its days, read after the family's lock, in one statement (ADR 045; three through the
 * query builder): which are opening days of the inscriptions' périodes, what each child already has those days (any
 * status: for the rules between units and to skip what is asked already), and the rules between the units.
 */
async function loadDays(tx: Tx, input: { periodIds: string[]; days: string[]; inscriptionIds: string[]; unitIds: string[] }) {
  const [read] = await tx.$queryRaw<
    {
      opening: { periodId: string; day: string }[];
      existing: { id: string; inscriptionId: string; timeUnitId: string; day: string; status: ReservationStatus; foyerId: string | null }[];
      rules: UnitRule[];
    }[]
  >`
    SELECT
      COALESCE((SELECT json_agg(json_build_object('periodId', o."periodId", 'day', to_char(o."date", 'YYYY-MM-DD')))
        FROM "OpeningDay" o WHERE o."periodId" = ANY(${input.periodIds}) AND o."date" = ANY(${input.days}::date[])), '[]'::json) AS "opening",
      COALESCE((SELECT json_agg(json_build_object('id', r."id", 'inscriptionId', r."inscriptionId", 'timeUnitId', r."timeUnitId",
                                                  'day', to_char(r."date", 'YYYY-MM-DD'), 'status', r."status", 'foyerId', r."foyerId"))
        FROM "Reservation" r WHERE r."inscriptionId" = ANY(${input.inscriptionIds}) AND r."date" = ANY(${input.days}::date[])), '[]'::json) AS "existing",
      COALESCE((SELECT json_agg(json_build_object('kind', t."kind", 'unitId', t."unitId", 'otherUnitId', t."otherUnitId"))
        FROM "TimeUnitRule" t WHERE t."unitId" = ANY(${input.unitIds})), '[]'::json) AS "rules"`;
  return read!;
}

/**
 * « Valider mes demandes »: every cell is checked (the family's validated
 * inscription, a unit of its activity, an opening day within its dates — any
 * tampering refuses the whole send and writes nothing), then, cell by cell:
 * too late → refused with the deadline; a rule between units broken →
 * refused with the rule; already asked → unchanged; otherwise a place is
 * counted under the slot's lock: R at once (automatic validation) or DR, and
 * beyond the places the waiting list in arrival order. One receipt e-mail.
 */
export async function requestReservations(input: {
  familyId: string;
  cells: CellRequest[];
  actor: Actor;
  now?: Date;
}): Promise<CellOutcome[]> {
  const now = input.now ?? new Date();
  // Counted as sent, before repeated cells are merged: a send of 10 000 cells is refused whatever they hold.
  if (input.cells.length > MAX_CELLS_PER_SEND) {
    throw new UserFacingError(
      `Trop de demandes en une fois (${input.cells.length.toLocaleString("fr-FR")}) : ${MAX_CELLS_PER_SEND.toLocaleString("fr-FR")} au plus. Envoyez-les en plusieurs fois.`,
    );
  }
  const cells = [...new Map(input.cells.map((c) => [cellKey(c), c])).values()];
  if (cells.length === 0) throw new UserFacingError("Sélectionnez au moins une case du calendrier.");
  // Its turn for its slots in this process first, holding no connection meanwhile (ADR 045); the slots' locks,
  // in the transaction, stay what keeps the places across processes and servers.
  return inSlotTurn(cells.map(slotOfCell), () => sendCells(input, cells, now));
}

/** The send itself, in one transaction: the family's lock, the checks, then the slots' locks and the receipt. */
async function sendCells(input: { familyId: string; actor: Actor }, cells: CellRequest[], now: Date): Promise<CellOutcome[]> {
  return transaction(
    async (tx) => {
      await lockFamily(tx, input.familyId);
      const inscriptionIds = [...new Set(cells.map((c) => c.inscriptionId))].sort();
      // The family's own inscriptions first (another family's is a missing one), then the gate locks them
      // (always in the same order) and checks they are validated, then — last — the places.
      const inscriptions = await loadInscriptions(tx, input.familyId, inscriptionIds);
      const gate = await openReservationGate(tx, inscriptionIds);
      // A shared child's custody calendar (ADR 051), read under the inscriptions' locks the gate holds to the commit:
      // a custody change takes the same locks (set-custody-plan.ts), so the days read here stay this foyer's or not
      // until the send's end — the gate below is checked in this transaction, never before it.
      const sentDays = cells.map((c) => c.day).sort();
      const custody = await readCustodyCalendars(
        [...new Set([...inscriptions.values()].map((i) => i.child.id))],
        { from: sentDays[0]!, to: sentDays[sentDays.length - 1]! },
        tx,
      );
      const calendarOf = (inscriptionId: string) => custody.get(inscriptions.get(inscriptionId)!.child.id);
      // A structure that stops bookings while an invoice is unpaid long after its due date: the parent is told which and how to pay.
      // A send only to blocked structures is refused as a whole; in a mixed send, the blocked structures' cells are refused one by one.
      const blocks = new Map(
        (
          await unpaidBlocks(tx, input.familyId, [...new Set([...inscriptions.values()].map((i) => i.activity.structureId))], parisDay(now))
        ).map((b) => [b.structureId, b]),
      );
      const blockOf = (cell: CellRequest) => blocks.get(inscriptions.get(cell.inscriptionId)!.activity.structureId);
      const firstBlock = blockOf(cells[0]!);
      if (firstBlock && cells.every((c) => blockOf(c))) throw new UserFacingError(unpaidBlockMessage(firstBlock));
      const receipt = await prepareReceipt(tx, input.familyId);
      const units = new Map([...inscriptions.values()].flatMap((i) => i.activity.timeUnits.map((u) => [u.id, u] as const)));
      const unitNames = new Map([...units].map(([id, u]) => [id, u.name]));
      const { opening, existing, rules } = await loadDays(tx, {
        periodIds: [...new Set([...inscriptions.values()].map((i) => i.periodId))],
        days: [...new Set(cells.map((c) => c.day))],
        inscriptionIds,
        unitIds: [...unitNames.keys()],
      });
      const isOpening = new Set(opening.map((o) => `${o.periodId}|${o.day}`));

      const outcomes = new Map<string, CellOutcome>();
      const open: CellRequest[] = [];
      for (const cell of cells) {
        const inscription = inscriptions.get(cell.inscriptionId)!;
        if (!inscription.activity.timeUnits.some((u) => u.id === cell.timeUnitId)) throw new NotFoundError();
        const bookUntil = deadlineFor(parseDeadline(inscription.activity.bookingDeadline)!, cell.day);
        const blocked = bookingBlocked({
          day: cell.day,
          isOpeningDay: isOpening.has(`${inscription.periodId}|${cell.day}`),
          inscription: { startDay: dayOf(inscription.startDate), endDay: dayOf(inscription.endDate) },
          bookUntil,
          now,
        });
        if (blocked === "OUTSIDE")
          throw new UserFacingError(
            `Le ${formatLongDate(cell.day)} est en dehors des dates de l'inscription ${deName(inscription.child.firstName)}.`,
          );
        if (blocked === "CLOSED")
          throw new UserFacingError(`Le ${formatLongDate(cell.day)} n'est pas un jour d'ouverture de ${inscription.activity.name}.`);
        const unpaid = blockOf(cell);
        // The other foyer's day: refused first, so nothing of it (a booking, its status) is said to this foyer.
        if (!mayBookDay(calendarOf(cell.inscriptionId), input.familyId, cell.day))
          outcomes.set(cellKey(cell), { ...cell, outcome: "REFUSED", message: otherFoyerDayMessage(inscription.child.firstName) });
        else if (unpaid) outcomes.set(cellKey(cell), { ...cell, outcome: "REFUSED", message: unpaidBlockMessage(unpaid) });
        else if (blocked === "PAST") outcomes.set(cellKey(cell), { ...cell, outcome: "REFUSED", message: "Ce jour est passé." });
        else if (blocked === "DEADLINE") {
          outcomes.set(cellKey(cell), {
            ...cell,
            outcome: "REFUSED",
            message: `Délai de réservation dépassé (jusqu'au ${formatDateTime(bookUntil)}).`,
          });
        } else open.push(cell);
      }

      // What each child already has on those days (for the rules between units, and to skip what is asked already).
      const existingByCell = new Map(existing.map((r) => [cellKey(r), r]));
      const toAsk: CellRequest[] = [];
      const byChildDay = new Map<string, CellRequest[]>();
      for (const cell of open) {
        const found = existingByCell.get(cellKey(cell));
        const inscription = inscriptions.get(cell.inscriptionId)!;
        if (found && reservationFoyer(found, inscription.familyId) !== input.familyId) {
          // A day of this foyer's custody still holding the other foyer's booking (billed before a custody change):
          // the slot is the child's, taken; nothing of the other foyer's booking is said.
          outcomes.set(cellKey(cell), { ...cell, outcome: "REFUSED", message: otherFoyerDayMessage(inscription.child.firstName) });
          continue;
        }
        if (found && !isIn(RESERVATION_STATUSES.ASKABLE_AGAIN, found.status)) {
          outcomes.set(cellKey(cell), { ...cell, outcome: "ALREADY", status: found.status });
          continue;
        }
        const key = `${cell.inscriptionId}|${cell.day}`;
        byChildDay.set(key, [...(byChildDay.get(key) ?? []), cell]);
      }
      for (const [key, asked] of byChildDay) {
        const [inscriptionId, day] = key.split("|") as [string, string];
        const held = new Set(
          existing
            .filter((r) => r.inscriptionId === inscriptionId && r.day === day && isIn(RESERVATION_STATUSES.LIVE, r.status))
            .map((r) => r.timeUnitId),
        );
        const refused = refusedByRules(
          rules,
          held,
          asked.map((c) => c.timeUnitId),
          unitNames,
        );
        for (const cell of asked) {
          const message = refused.get(cell.timeUnitId);
          if (message) outcomes.set(cellKey(cell), { ...cell, outcome: "REFUSED", message });
          else toAsk.push(cell);
        }
      }

      // The receipt of days validated at once (automatic validation) is their confirmation, with the inscription's
      // solde dû (seed 000): what is due now and the price of each day, read here, before the locks (ADR 045) —
      // under them, the amount is a sum.
      const automatic = [...new Set(toAsk.map((c) => c.inscriptionId))].filter(
        (id) => inscriptions.get(id)!.activity.reservationValidation === "AUTOMATIC",
      );
      const due = await inscriptionDuesBefore(
        tx,
        automatic,
        toAsk.filter((c) => automatic.includes(c.inscriptionId)).map((c) => ({ ...c, familyId: input.familyId })),
        input.familyId,
      );

      // Under the slots' locks, as briefly as possible: for each cell one read of the slot and one write
      // (with its log), then the receipt — everything else was read before.
      const bySlot = [...toAsk].sort((a, b) => slotKey(slotOfCell(a)).localeCompare(slotKey(slotOfCell(b))));
      await lockSlots(tx, bySlot.map(slotOfCell));
      // The receipt's lines, per inscription, in the order of the days and of the units.
      const lines = new Map<string, { day: string; order: number; line: string }[]>();
      for (const cell of bySlot) {
        const inscription = inscriptions.get(cell.inscriptionId)!;
        const state = await readSlot(tx, slotOfCell(cell), inscription.ageGroup?.id ?? null);
        // Read under the lock: an exceptional day decided meanwhile closes the slot to this send too.
        if (state.cancelled !== null) {
          outcomes.set(cellKey(cell), {
            ...cell,
            outcome: "REFUSED",
            message: `Accueil annulé par la structure ce jour-là : ${state.cancelled}`,
          });
          continue;
        }
        const place = placeLeft(state, inscription.ageGroup);
        const to: "WAITLISTED" | "RESERVED" | "REQUESTED" = !place
          ? "WAITLISTED"
          : inscription.activity.reservationValidation === "AUTOMATIC"
            ? "RESERVED"
            : "REQUESTED";
        const previous = existingByCell.get(cellKey(cell));
        const rank = state.lastRank + 1;
        if (previous) {
          // Asked again after a refusal or a withdrawal (rare): step by step through the machine.
          await applyTransition(tx, {
            machine: "RESERVATION",
            id: previous.id,
            to: "REQUESTED",
            actor: input.actor,
            expectedFrom: previous.status,
            now,
          });
          if (to !== "REQUESTED")
            await applyTransition(tx, {
              machine: "RESERVATION",
              id: previous.id,
              to,
              actor: SYSTEM,
              reason: to === "WAITLISTED" ? "Plus de place disponible" : "Validation automatique",
              now,
            });
          const foyerId = foyerIdFor(calendarOf(cell.inscriptionId), input.familyId);
          if (to === "WAITLISTED" || foyerId !== previous.foyerId)
            await tx.reservation.update({
              where: { id: previous.id },
              data: { ...(to === "WAITLISTED" ? { waitlistRank: rank } : {}), foyerId },
            });
        } else {
          await createReservationAs(tx, gate, {
            inscriptionId: cell.inscriptionId,
            timeUnitId: cell.timeUnitId,
            date: dateOf(cell.day),
            waitlistRank: rank,
            foyerId: foyerIdFor(calendarOf(cell.inscriptionId), input.familyId),
            now,
            steps: [
              { to: "REQUESTED", actor: input.actor },
              ...(to === "REQUESTED"
                ? []
                : [{ to, actor: SYSTEM, reason: to === "WAITLISTED" ? "Plus de place disponible" : "Validation automatique" }]),
            ],
          });
        }
        // Everyone waiting before is still waiting (all under this lock): the position follows them.
        const outcome: CellOutcome =
          to === "WAITLISTED" ? { ...cell, outcome: "WAITLISTED", position: state.waiting + 1 } : { ...cell, outcome: to };
        outcomes.set(cellKey(cell), outcome);
        const word =
          outcome.outcome === "WAITLISTED"
            ? `${statusLabel("RESERVATION", "WAITLISTED")} (position ${outcome.position})`
            : statusLabel("RESERVATION", to);
        const unit = units.get(cell.timeUnitId)!;
        lines.set(cell.inscriptionId, [
          ...(lines.get(cell.inscriptionId) ?? []),
          { day: cell.day, order: unit.sortOrder, line: reservationLine(cell.day, unit.name, word) },
        ]);
      }
      // Days validated at once: the solde dû is what was due plus each of them (inscriptionDues after the commit).
      const dues = new Map<string, number>();
      for (const o of outcomes.values())
        if (o.outcome === "RESERVED")
          dues.set(
            o.inscriptionId,
            (dues.get(o.inscriptionId) ?? due.dues.get(o.inscriptionId)!) + due.priceOf({ ...o, familyId: input.familyId }),
          );
      const sections = [...lines].map(([inscriptionId, rows]) =>
        reservationSection(
          inscriptions.get(inscriptionId)!,
          rows.sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order).map((r) => r.line),
          dues.get(inscriptionId),
        ),
      );
      await queueReceipt(tx, receipt, sections);
      return cells.map((c) => outcomes.get(cellKey(c))!);
    },
    { timeout: 60_000 },
  );
}

const slotOfCell = (cell: CellRequest): Slot => ({ timeUnitId: cell.timeUnitId, day: cell.day });

/** « 3 réservations validées, 1 demande envoyée, 2 en liste d'attente, 1 refusée » — the sum-up of a send. */
export function summarizeOutcomes(outcomes: CellOutcome[]): string {
  const n = (kind: CellOutcome["outcome"]) => outcomes.filter((o) => o.outcome === kind).length;
  const parts = [
    n("RESERVED") && count(n("RESERVED"), "réservation validée", "réservations validées"),
    n("REQUESTED") && count(n("REQUESTED"), "demande envoyée", "demandes envoyées"),
    n("WAITLISTED") && `${n("WAITLISTED")} en liste d'attente`,
    n("ALREADY") && count(n("ALREADY"), "déjà demandée", "déjà demandées"),
    n("REFUSED") && count(n("REFUSED"), "refusée", "refusées"),
  ].filter(Boolean);
  return parts.join(", ");
}
