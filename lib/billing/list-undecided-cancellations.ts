import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertStructureInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { dateOf, dayOf, firstOf, lastOf } from "@/lib/calendar/paris";
import { count, deMonth } from "@/lib/format";
import { RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

/**
 * The cancellation requests (DA) of a structure's month still undecided: none of them is billable (neither a
 * booking nor an absence yet), so « Générer le mois » leaves them off the invoices until staff decide them
 * (excusée or facturée), and the month cannot be closed while one remains — it could never be billed after.
 */
export async function listUndecidedCancellations(input: { structureId: string; month: string; scope: StaffScope }, client: Tx = db) {
  assertStructureInScope(input.scope, input.structureId);
  const rows = await client.reservation.findMany({
    where: undecidedIn(input.structureId, input.month),
    orderBy: [{ date: "asc" }, { inscription: { family: { name: "asc" } } }],
    take: 500,
    select: {
      id: true,
      date: true,
      timeUnit: { select: { name: true } },
      inscription: {
        select: {
          activity: { select: { name: true } },
          family: { select: { id: true, name: true } },
          child: { select: { firstName: true, lastName: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    day: dayOf(r.date),
    unit: r.timeUnit.name,
    activity: r.inscription.activity.name,
    family: r.inscription.family,
    child: `${r.inscription.child.firstName} ${r.inscription.child.lastName}`,
  }));
}

export type UndecidedCancellation = Awaited<ReturnType<typeof listUndecidedCancellations>>[number];

const undecidedIn = (structureId: string, month: string) => ({
  date: { gte: dateOf(firstOf(month)), lte: dateOf(lastOf(month)) },
  status: statusIn(RESERVATION_STATUSES.CANCELLATION_PENDING),
  inscription: { activity: { structureId } },
});

export const countUndecidedCancellations = (client: Tx, structureId: string, month: string) =>
  client.reservation.count({ where: undecidedIn(structureId, month) });

/** Why « Clôturer le mois » is refused while DAs of the month remain undecided. */
export const undecidedCancellationsMessage = (n: number, month: string) =>
  `Clôture impossible : ${count(n, "demande d'annulation", "demandes d'annulation")} ${deMonth(month)} ${n > 1 ? "ne sont pas décidées" : "n'est pas décidée"}. Décidez-${n > 1 ? "les" : "la"} (absence excusée ou facturée) dans « Demandes de réservation », puis générez le mois à nouveau et clôturez-le.`;
