import "server-only";
import { db, transaction, type Tx } from "@/lib/db";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { formatLongDate } from "@/lib/format";
import { MEAL_TYPES } from "@/lib/families/child-options";
import {
  applyTransition,
  createReservationAs,
  isIn,
  NotFoundError,
  openReservationGate,
  RESERVATION_STATUSES,
  statusIn,
  type Actor,
} from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { lockSlots, placeLeft, readSlot } from "./slots";
import { refusedByRules, type UnitRule } from "./unit-rules";

/*
 * Pointage: per day, unit (and group), the children the team expects at the door
 * with what it must know (allergies, PAI, régime, authorised persons,
 * authorisations — health data, read by staff only), marked présent or absent.
 * Marking locks the cell (P, A Exc., A Fact.); staff may correct it, with a
 * reason that is logged, until it is invoiced.
 */

/** What staff tick for a child: présent, absent (billed unless the cancellation was in time), absent excusé (with a reason). */
export type Mark = "PRESENT" | "ABSENT" | "EXCUSED";

const SHOWN: ReservationStatus[] = [...RESERVATION_STATUSES.EXPECTED, ...RESERVATION_STATUSES.POINTED, "INVOICED"];

/**
 * The cells whose absence is excused by the rules: a DA asked before the cancellation deadline (still
 * pending), or an absence already excused through such a cancellation (its log says it came from a DA).
 */
async function cancelledInTime(
  client: Pick<Tx, "transitionLog">,
  rows: { id: string; status: ReservationStatus; decidedAt: Date | null; createdAt: Date }[],
  deadline: Date,
) {
  const excused = rows.filter((r) => isIn(RESERVATION_STATUSES.EXCUSED, r.status)).map((r) => r.id);
  const logs =
    excused.length === 0
      ? []
      : await client.transitionLog.findMany({
          where: { machine: "RESERVATION", entityId: { in: excused }, toStatus: "ABSENT_EXCUSED" },
          orderBy: { createdAt: "desc" },
          select: { entityId: true, fromStatus: true },
        });
  const lastFrom = new Map<string, string | null>();
  for (const l of logs) if (!lastFrom.has(l.entityId)) lastFrom.set(l.entityId, l.fromStatus);
  return new Set(
    rows
      .filter((r) =>
        isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, r.status)
          ? (r.decidedAt ?? r.createdAt) <= deadline
          : isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, lastFrom.get(r.id)),
      )
      .map((r) => r.id),
  );
}

export async function getAttendanceSheet(input: { activityId: string; day: string; timeUnitId: string; ageGroupId?: string }) {
  const unit = await db.timeUnit.findFirst({
    where: { id: input.timeUnitId, activityId: input.activityId },
    select: { id: true, name: true, startTime: true, endTime: true, activity: { select: { name: true, cancellationDeadline: true } } },
  });
  if (!unit) return null;
  const deadline = deadlineFor(parseDeadline(unit.activity.cancellationDeadline)!, input.day);
  const rows = await db.reservation.findMany({
    where: {
      timeUnitId: unit.id,
      date: dateOf(input.day),
      status: statusIn(SHOWN),
      ...(input.ageGroupId ? { inscription: { ageGroupId: input.ageGroupId } } : {}),
    },
    select: {
      id: true,
      status: true,
      decidedAt: true,
      createdAt: true,
      inscription: {
        select: {
          ageGroup: { select: { name: true } },
          family: {
            select: {
              id: true,
              name: true,
              adults: {
                where: { isLegalGuardian: true },
                orderBy: { createdAt: "asc" },
                select: { firstName: true, lastName: true, mobilePhone: true, homePhone: true },
              },
            },
          },
          child: {
            select: {
              id: true,
              firstName: true,
              lastName: true,
              birthDate: true,
              hasAllergies: true,
              allergyNotes: true,
              hasPai: true,
              mealType: true,
              dietNotes: true,
              photoConsent: true,
              canLeaveAlone: true,
              emergencyCareConsent: true,
              doctorName: true,
              doctorPhone: true,
              authorizedPersons: { orderBy: { createdAt: "asc" }, select: { fullName: true, phone: true, relationship: true } },
            },
          },
        },
      },
    },
  });
  const inTime = await cancelledInTime(db, rows, deadline);
  const children = rows
    .map((r) => ({
      id: r.id,
      status: r.status,
      /** What the form proposes: the current pointage, else présent (absent for a DA). */
      proposed: (isIn(RESERVATION_STATUSES.EXCUSED, r.status)
        ? "EXCUSED"
        : isIn(RESERVATION_STATUSES.PROPOSED_ABSENT, r.status)
          ? "ABSENT"
          : "PRESENT") as Mark,
      cancelledInTime: inTime.has(r.id),
      locked: isIn(RESERVATION_STATUSES.INVOICED, r.status),
      group: r.inscription.ageGroup?.name ?? null,
      family: { id: r.inscription.family.id, name: r.inscription.family.name, guardians: r.inscription.family.adults },
      child: {
        ...r.inscription.child,
        meal: r.inscription.child.mealType === "STANDARD" ? null : MEAL_TYPES[r.inscription.child.mealType],
      },
    }))
    .sort((a, b) => a.child.lastName.localeCompare(b.child.lastName, "fr") || a.child.firstName.localeCompare(b.child.firstName, "fr"));
  return {
    unit: { id: unit.id, name: unit.name, startTime: unit.startTime, endTime: unit.endTime },
    activityName: unit.activity.name,
    day: input.day,
    children,
  };
}

/** Per unit of the activity, the children to point that day (booked, pointed or invoiced). */
export async function countExpected(activityId: string, day: string): Promise<Map<string, number>> {
  const rows = await db.reservation.groupBy({
    by: ["timeUnitId"],
    where: { timeUnit: { activityId }, date: dateOf(day), status: statusIn(SHOWN) },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.timeUnitId, r._count._all]));
}

/** Children inscribed (validated) for that day who have no booking for the unit: who may be added on the spot. */
export async function listWalkInCandidates(input: { activityId: string; day: string; timeUnitId: string }) {
  const date = dateOf(input.day);
  const rows = await db.inscription.findMany({
    where: {
      activityId: input.activityId,
      status: "VALIDATED",
      startDate: { lte: date },
      endDate: { gte: date },
      reservations: { none: { timeUnitId: input.timeUnitId, date, status: statusIn(SHOWN) } },
    },
    orderBy: [{ child: { lastName: "asc" } }, { child: { firstName: "asc" } }],
    select: { id: true, child: { select: { firstName: true, lastName: true } }, family: { select: { name: true } } },
  });
  return rows.map((r) => ({ inscriptionId: r.id, name: `${r.child.firstName} ${r.child.lastName.toUpperCase()} (${r.family.name})` }));
}

function notBeforeTheDay(day: string, now: Date) {
  if (day > parisDay(now)) fieldError("date", `Le pointage du ${formatLongDate(day)} se fait le jour même ou après.`);
}

/**
 * Records the pointage of one unit-day, in one transaction under the slot's lock: each child marked moves
 * through the workflow (P, A Exc., A Fact.); changing one already recorded is a correction and needs the reason.
 */
export async function recordAttendance(input: {
  activityId: string;
  day: string;
  timeUnitId: string;
  marks: { reservationId: string; mark: Mark }[];
  reason?: string;
  actor: Actor;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  notBeforeTheDay(input.day, now);
  const reason = input.reason?.trim() || undefined;
  return transaction(async (tx) => {
    const unit = await tx.timeUnit.findFirst({
      where: { id: input.timeUnitId, activityId: input.activityId },
      select: { id: true, activity: { select: { cancellationDeadline: true } } },
    });
    if (!unit) throw new NotFoundError();
    await lockSlots(tx, [{ timeUnitId: unit.id, day: input.day }]);
    const ids = [...new Set(input.marks.map((m) => m.reservationId))];
    const rows = await tx.reservation.findMany({
      where: { id: { in: ids }, timeUnitId: unit.id, date: dateOf(input.day) },
      select: {
        id: true,
        status: true,
        decidedAt: true,
        createdAt: true,
        inscription: { select: { child: { select: { firstName: true } }, ageGroup: { select: { id: true, unitCapacity: true } } } },
      },
    });
    // Another day's, unit's or activity's reservation is a missing one here.
    if (rows.length !== ids.length) throw new NotFoundError();
    const deadline = deadlineFor(parseDeadline(unit.activity.cancellationDeadline)!, input.day);
    const markOf = new Map(input.marks.map((m) => [m.reservationId, m.mark]));
    if (input.marks.some((m) => markOf.get(m.reservationId) !== m.mark))
      throw new UserFacingError("Un enfant est pointé deux fois différemment : rechargez la page.");
    const inTime = await cancelledInTime(tx, rows, deadline);
    let changed = 0;
    for (const row of rows) {
      const name = row.inscription.child.firstName;
      if (isIn(RESERVATION_STATUSES.INVOICED, row.status))
        throw new UserFacingError(`${name} : ce jour est déjà facturé, le pointage ne peut plus être modifié.`);
      if (!isIn([...RESERVATION_STATUSES.EXPECTED, ...RESERVATION_STATUSES.POINTED], row.status)) {
        throw new UserFacingError(`${name} : la réservation n'est plus à pointer (elle a changé entre-temps). Rechargez la page.`);
      }
      const mark = markOf.get(row.id)!;
      const to: ReservationStatus =
        mark === "PRESENT" ? "PRESENT" : mark === "EXCUSED" || inTime.has(row.id) ? "ABSENT_EXCUSED" : "ABSENT_BILLED";
      if (to === row.status) continue;
      const correction = isIn(RESERVATION_STATUSES.POINTED, row.status);
      if ((correction || mark === "EXCUSED") && !reason) {
        fieldError(
          "reason",
          correction
            ? `Motif : indiquez pourquoi vous corrigez le pointage de ${name}.`
            : `Motif : indiquez pourquoi l'absence de ${name} est excusée.`,
        );
      }
      // Present again after an absence (which freed the place) takes a place back: only if one is left.
      if (
        to === "PRESENT" &&
        !isIn(RESERVATION_STATUSES.HOLDS_PLACE, row.status) &&
        !placeLeft(
          await readSlot(tx, { timeUnitId: unit.id, day: input.day }, row.inscription.ageGroup?.id ?? null),
          row.inscription.ageGroup,
        )
      ) {
        throw new UserFacingError(
          `${name} : plus de place ce jour pour cette unité. Augmentez les places du jour dans Occupation, puis pointez-le.`,
        );
      }
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: row.id,
        to,
        actor: input.actor,
        expectedFrom: row.status,
        now,
        reason: reason ?? (to === "ABSENT_EXCUSED" ? "Annulation dans le délai" : undefined),
      });
      changed += 1;
    }
    return { changed };
  });
}

/** A child present without a booking (walk-in): the reservation is created present, if a place is left. */
export async function addWalkIn(input: {
  activityId: string;
  day: string;
  timeUnitId: string;
  inscriptionId: string;
  actor: Actor;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  notBeforeTheDay(input.day, now);
  return transaction(async (tx) => {
    const inscription = await tx.inscription.findFirst({
      where: { id: input.inscriptionId, activityId: input.activityId },
      select: { id: true, ageGroup: { select: { id: true, unitCapacity: true } }, child: { select: { firstName: true } } },
    });
    if (!inscription) throw new NotFoundError();
    if (
      !(await tx.openingDay.findFirst({
        where: { period: { activityId: input.activityId }, date: dateOf(input.day) },
        select: { id: true },
      }))
    ) {
      throw new UserFacingError(`Le ${formatLongDate(input.day)} n'est pas un jour d'ouverture de l'activité.`);
    }
    const gate = await openReservationGate(tx, [inscription.id]);
    const slot = { timeUnitId: input.timeUnitId, day: input.day };
    await lockSlots(tx, [slot]);
    const state = await readSlot(tx, slot, inscription.ageGroup?.id ?? null);
    if (state.cancelled !== null) throw new UserFacingError(`Accueil annulé par la structure ce jour-là : ${state.cancelled}`);
    const existing = await tx.reservation.findUnique({
      where: { inscriptionId_date_timeUnitId: { inscriptionId: inscription.id, date: dateOf(input.day), timeUnitId: input.timeUnitId } },
      select: { id: true, status: true },
    });
    if (existing && !isIn([...RESERVATION_STATUSES.ASKABLE_AGAIN, ...RESERVATION_STATUSES.REQUESTS], existing.status)) {
      throw new UserFacingError(`${inscription.child.firstName} a déjà une réservation ce jour-là : pointez-le dans la liste.`);
    }
    // A DR holds its place already; anyone else needs one left.
    if (!isIn(RESERVATION_STATUSES.HOLDS_PLACE, existing?.status) && !placeLeft(state, inscription.ageGroup)) {
      throw new UserFacingError(
        `Plus de place ce jour pour cette unité (${state.taken} / ${state.capacity}) : augmentez les places du jour dans Occupation pour accueillir ${inscription.child.firstName}.`,
      );
    }
    // The rules between units hold for staff too (« Journée » and « Matin » the same day…).
    const [rules, units, held] = await Promise.all([
      tx.timeUnitRule.findMany({
        where: { unit: { activityId: input.activityId } },
        select: { kind: true, unitId: true, otherUnitId: true },
      }),
      tx.timeUnit.findMany({ where: { activityId: input.activityId }, select: { id: true, name: true } }),
      tx.reservation.findMany({
        where: { inscriptionId: inscription.id, date: dateOf(input.day), status: statusIn(RESERVATION_STATUSES.LIVE) },
        select: { timeUnitId: true },
      }),
    ]);
    const broken = refusedByRules(
      rules as UnitRule[],
      new Set(held.map((h) => h.timeUnitId)),
      [input.timeUnitId],
      new Map(units.map((u) => [u.id, u.name])),
    ).get(input.timeUnitId);
    if (broken) throw new UserFacingError(`${inscription.child.firstName} : ${broken}`);
    const reason = "Accueilli sans réservation";
    if (existing) {
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: existing.id,
        to: "RESERVED",
        actor: input.actor,
        expectedFrom: existing.status,
        reason,
        now,
      });
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: existing.id,
        to: "PRESENT",
        actor: input.actor,
        expectedFrom: "RESERVED",
        reason,
        now,
      });
      return { id: existing.id };
    }
    return createReservationAs(tx, gate, {
      inscriptionId: inscription.id,
      timeUnitId: input.timeUnitId,
      date: dateOf(input.day),
      now,
      steps: [
        { to: "RESERVED", actor: input.actor, reason },
        { to: "PRESENT", actor: input.actor, reason },
      ],
    });
  });
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The attendance of an activity between two days, as a CAF return needs it: child, date, unit, hours and the
 * pointage (P, A Exc., A Fact., F), one row per child, day and unit, in the order of the days.
 */
export async function attendanceExport(input: { activityId: string; from: string; to: string }) {
  const activity = await db.activity.findUnique({ where: { id: input.activityId }, select: { name: true } });
  if (!activity) return null;
  const rows = await db.reservation.findMany({
    where: {
      timeUnit: { activityId: input.activityId },
      date: { gte: dateOf(input.from), lte: dateOf(input.to) },
      status: statusIn([...RESERVATION_STATUSES.POINTED, "INVOICED"]),
    },
    orderBy: [
      { date: "asc" },
      { timeUnit: { sortOrder: "asc" } },
      { inscription: { child: { lastName: "asc" } } },
      { inscription: { child: { firstName: "asc" } } },
    ],
    select: {
      id: true,
      date: true,
      status: true,
      timeUnit: { select: { name: true, startTime: true, endTime: true } },
      inscription: {
        select: { family: { select: { cafNumber: true } }, child: { select: { lastName: true, firstName: true, birthDate: true } } },
      },
    },
  });
  // An invoiced cell was a presence or a billed absence: its log says which.
  const invoiced = rows.filter((r) => isIn(RESERVATION_STATUSES.INVOICED, r.status)).map((r) => r.id);
  const before = new Map(
    (invoiced.length === 0
      ? []
      : await db.transitionLog.findMany({
          where: { machine: "RESERVATION", entityId: { in: invoiced }, toStatus: "INVOICED" },
          select: { entityId: true, fromStatus: true },
        })
    ).map((l) => [l.entityId, l.fromStatus]),
  );
  return {
    activity,
    rows: rows.map((r) => ({
      lastName: r.inscription.child.lastName.toUpperCase(),
      firstName: r.inscription.child.firstName,
      birthDate: r.inscription.child.birthDate,
      cafNumber: r.inscription.family.cafNumber ?? "",
      date: r.date,
      unit: r.timeUnit.name,
      start: r.timeUnit.startTime,
      end: r.timeUnit.endTime,
      /** Hours of presence (0 for an absence), as a CAF return counts them. */
      hours:
        isIn(RESERVATION_STATUSES.ATTENDED, r.status) ||
        (isIn(RESERVATION_STATUSES.INVOICED, r.status) && isIn(RESERVATION_STATUSES.ATTENDED, before.get(r.id)))
          ? (minutes(r.timeUnit.endTime) - minutes(r.timeUnit.startTime)) / 60
          : 0,
      status: r.status,
    })),
  };
}

/** The staff's home page: each unit with children expected today, and how many are pointed already. */
export async function todayAtTheDoor(day: string) {
  const rows = await db.reservation.groupBy({
    by: ["timeUnitId", "status"],
    where: { date: dateOf(day), status: statusIn(SHOWN) },
    _count: { _all: true },
  });
  if (rows.length === 0) return [];
  const units = await db.timeUnit.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.timeUnitId))] } },
    orderBy: [{ activity: { name: "asc" } }, { sortOrder: "asc" }, { startTime: "asc" }],
    select: { id: true, name: true, startTime: true, activity: { select: { id: true, name: true } } },
  });
  return units.map((u) => {
    const mine = rows.filter((r) => r.timeUnitId === u.id);
    const total = mine.reduce((n, r) => n + r._count._all, 0);
    const pointed = mine.filter((r) => !isIn(RESERVATION_STATUSES.EXPECTED, r.status)).reduce((n, r) => n + r._count._all, 0);
    return { activity: u.activity, unit: { id: u.id, name: u.name, startTime: u.startTime }, expected: total, pointed };
  });
}

/** What the pointage page offers: each activity with its units and its groups. */
export async function listAttendanceChoices() {
  return db.activity
    .findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        timeUnits: { orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }], select: { id: true, name: true } },
        ageGroups: { orderBy: { name: "asc" }, select: { id: true, name: true } },
      },
    })
    .then((rows) => rows.map((a) => ({ id: a.id, name: a.name, units: a.timeUnits, groups: a.ageGroups })));
}
