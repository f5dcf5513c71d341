import "server-only";
import { db, type Tx } from "@/lib/db";
import { formatCalendarDate, formatCents } from "@/lib/format";
import { addDays, dateOf } from "@/lib/calendar/paris";
import { INVOICE_STATUSES, statusIn } from "@/lib/workflow";
import { dueCents } from "./amounts";

export interface UnpaidBlock {
  structure: string;
  structureId: string;
  number: string;
  dueDate: Date;
  dueCents: number;
}

/**
 * The invoice that stops the family booking with a structure: one still to pay more than the structure's
 * `unpaidBlockDays` after its due date (the oldest); null when the option is off or nothing is late.
 */
export async function unpaidBlocks(
  client: Pick<Tx, "structure" | "invoice">,
  familyId: string,
  structureIds: string[],
  today: string,
): Promise<UnpaidBlock[]> {
  if (structureIds.length === 0) return [];
  const structures = await client.structure.findMany({
    where: { id: { in: structureIds }, unpaidBlockDays: { not: null } },
    select: { id: true, name: true, unpaidBlockDays: true },
  });
  const blocks: UnpaidBlock[] = [];
  for (const s of structures) {
    const overdue = await client.invoice.findMany({
      where: {
        familyId,
        structureId: s.id,
        kind: "INVOICE",
        status: statusIn(INVOICE_STATUSES.PAYABLE),
        dueDate: { lt: dateOf(addDays(today, -(s.unpaidBlockDays ?? 0))) },
      },
      orderBy: { dueDate: "asc" },
      select: { number: true, dueDate: true, totalCents: true, paidCents: true, creditedCents: true },
    });
    // Only what is really left to pay blocks (never an invoice with nothing due).
    const late = overdue.find((i) => dueCents(i) > 0);
    if (late?.dueDate)
      blocks.push({ structure: s.name, structureId: s.id, number: late.number, dueDate: late.dueDate, dueCents: dueCents(late) });
  }
  return blocks;
}

/** What the parent reads when a late invoice stops new bookings. */
export const unpaidBlockMessage = (b: UnpaidBlock) =>
  `Nouvelles réservations impossibles à ${b.structure} : la facture n° ${b.number} (reste ${formatCents(b.dueCents)}) est impayée depuis le ${formatCalendarDate(b.dueDate)}. Réglez-la dans Mes factures (ou à l'accueil) pour réserver à nouveau.`;

/** The blocks of every structure the family has a validated inscription with (Mes réservations says them up front). */
export async function familyUnpaidBlocks(familyId: string, today: string): Promise<UnpaidBlock[]> {
  const structures = await db.activity.findMany({
    where: { inscriptions: { some: { familyId, status: "VALIDATED" } } },
    distinct: ["structureId"],
    select: { structureId: true },
  });
  return unpaidBlocks(
    db,
    familyId,
    structures.map((s) => s.structureId),
    today,
  );
}
