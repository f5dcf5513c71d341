import "server-only";
/**
 * « Calendrier de garde » (garde alternée, ADR 051): staff set or change which foyer has a shared child on each day,
 * and the billing option (a fixed split of every line). Only for a child with a second foyer; every foyer named must
 * be one of the child's two.
 *
 * Under the locks of both foyers (2., in id order) then of the child's inscriptions (6., in id order): a booking or a
 * cancellation holds its inscription's lock while it checks the custody day (request-reservations.ts,
 * change-reservation.ts), so a day is never booked by a foyer that has just lost it. In the same transaction, every
 * day booked and not billed yet (no invoice line) whose custody foyer changes moves to the new foyer (`foyerId`: it is
 * that foyer's to cancel, and to pay) and both foyers are told by e-mail, each in its own words. Logged as a StaffEdit
 * CHILD on both foyers' files (before / after of the plan).
 */
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { transaction, type Tx } from "@/lib/db";
import { dateOf, dayOf } from "@/lib/calendar/paris";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { custodyChangedEmail } from "@/lib/email/templates";
import { fieldError, UserFacingError } from "@/lib/errors";
import { formatLongDate } from "@/lib/format";
import { lockFamilies, lockInscriptions } from "@/lib/locks";
import { actorScope, isIn, NotFoundError, RESERVATION_STATUSES, type Actor } from "@/lib/workflow";
import { custodyOn, type CustodyCalendar } from "./custody";
import type { CustodyPlanInput } from "./custody-plan-schema";
import { familyChildWhere, readCustodyCalendars } from "./foyers";
import { childRecipients } from "./list-family-recipients";
import { recordChildEditInFoyers } from "./record-staff-edit";

/** The plan as the log keeps it (ids of the foyers, never their details). */
function planRecord(calendar: CustodyCalendar, share: number | null) {
  return {
    kind: calendar.rule?.kind ?? null,
    evenWeeksFamilyId: calendar.rule?.evenWeeksFamilyId ?? null,
    weekdayFamilyIds: calendar.rule?.weekdayFamilyIds ?? [],
    defaultFamilyId: calendar.rule?.defaultFamilyId ?? null,
    days: [...calendar.days].sort(([a], [b]) => a.localeCompare(b)).map(([day, familyId]) => ({ day, familyId })),
    firstFoyerSharePercent: share,
  };
}

export interface CustodyChange {
  /** Booked days (not billed yet) that changed foyer. */
  moved: number;
  /** E-mails queued (every parent of both foyers). */
  emails: number;
}

export async function setCustodyPlan(input: { familyId: string; plan: CustodyPlanInput; actor: Actor }): Promise<CustodyChange> {
  const { plan } = input;
  return transaction(
    async (tx) => {
      await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
      // The child, reached through the family of the page (either of its foyers); another family's child is a missing one.
      const child = await tx.child.findFirst({
        where: { id: plan.childId, ...familyChildWhere(input.familyId) },
        select: {
          id: true,
          firstName: true,
          familyId: true,
          foyers: { select: { familyId: true }, orderBy: { createdAt: "asc" }, take: 1 },
        },
      });
      if (!child) throw new NotFoundError();
      const second = child.foyers[0]?.familyId;
      if (!second)
        throw new UserFacingError(
          `${child.firstName} n'a qu'un foyer : le calendrier de garde se renseigne une fois l'enfant rattaché au foyer de l'autre parent.`,
        );
      const foyers = new Set([child.familyId, second]);
      const isFoyer = (id: string | null | undefined) => id !== null && id !== undefined && foyers.has(id);
      const wrongFoyer = "Foyer : choisissez l'un des deux foyers de l'enfant.";
      if (!isFoyer(plan.defaultFamilyId)) fieldError("defaultFamilyId", wrongFoyer);
      if (plan.kind === "ALTERNATE_WEEKS" && !isFoyer(plan.evenWeeksFamilyId)) fieldError("evenWeeksFamilyId", wrongFoyer);
      if (plan.kind === "WEEKDAYS" && (plan.weekdayFamilyIds.length !== 7 || !plan.weekdayFamilyIds.every(isFoyer)))
        fieldError("weekdayFamilyIds", wrongFoyer);
      if (!plan.days.every((d) => isFoyer(d.familyId))) fieldError("days", wrongFoyer);

      await lockFamilies(tx, [...foyers]);
      const inscriptions = await tx.inscription.findMany({ where: { childId: child.id }, select: { id: true } });
      await lockInscriptions(
        tx,
        inscriptions.map((i) => i.id),
      );
      const before = (await readCustodyCalendars([child.id], undefined, tx)).get(child.id)!;
      const previous = await tx.custodyPlan.findUnique({ where: { childId: child.id }, select: { firstFoyerSharePercent: true } });

      const rule = {
        kind: plan.kind,
        evenWeeksFamilyId: plan.kind === "ALTERNATE_WEEKS" ? plan.evenWeeksFamilyId : null,
        weekdayFamilyIds: plan.kind === "WEEKDAYS" ? plan.weekdayFamilyIds : [],
        defaultFamilyId: plan.defaultFamilyId,
      };
      await tx.custodyPlan.upsert({
        where: { childId: child.id },
        create: { childId: child.id, ...rule, firstFoyerSharePercent: plan.firstFoyerSharePercent, updatedById: input.actor.userId },
        update: { ...rule, firstFoyerSharePercent: plan.firstFoyerSharePercent, updatedById: input.actor.userId },
      });
      await tx.custodyDay.deleteMany({ where: { childId: child.id } });
      if (plan.days.length > 0)
        await tx.custodyDay.createMany({ data: plan.days.map((d) => ({ childId: child.id, date: dateOf(d.day), familyId: d.familyId })) });
      const after: CustodyCalendar = {
        firstFamilyId: child.familyId,
        secondFamilyId: second,
        rule,
        days: new Map(plan.days.map((d) => [d.day, d.familyId])),
      };

      const moved = await moveBookedDays(tx, child.id, after);

      const beforeRecord = planRecord(before, previous?.firstFoyerSharePercent ?? null);
      const afterRecord = planRecord(after, plan.firstFoyerSharePercent);
      const changed = JSON.stringify(beforeRecord) !== JSON.stringify(afterRecord);
      await recordChildEditInFoyers(tx, {
        familyIds: foyers,
        childId: child.id,
        before: { calendrierDeGarde: beforeRecord },
        after: { calendrierDeGarde: afterRecord },
        actor: input.actor,
      });

      // Both foyers told, each in its own words (« chez vous », « chez l'autre parent »), in this transaction.
      let emails = 0;
      if (changed || moved.length > 0) {
        const days = (to: (foyer: string) => boolean) =>
          [...new Set(moved.filter((m) => to(m.to)).map((m) => m.day))].sort().map((d) => formatLongDate(d));
        // Every parent of both foyers, each e-mail under its own foyer.
        for (const { email: to, person, familyId } of await childRecipients(tx, child.id)) {
          const words = { toYou: days((foyer) => foyer === familyId), toOther: days((foyer) => foyer !== familyId) };
          await enqueueEmail(tx, { to, familyId, template: "custody-changed", email: custodyChangedEmail(person, child, words) });
          emails += 1;
        }
      }
      return { moved: moved.length, emails };
    },
    { timeout: 60_000 },
  );
}

/**
 * Every day of the child not billed yet (no invoice line) whose custody foyer is no longer the one it is written to
 * moves to the new foyer. Returns the live ones (asked, booked, on the waiting list, pointed: those told to the foyers;
 * a refused, withdrawn or cancelled day moves silently, so that the new foyer may ask it again).
 */
async function moveBookedDays(tx: Tx, childId: string, after: CustodyCalendar) {
  const rows = await tx.reservation.findMany({
    where: { inscription: { childId }, invoiceLines: { none: {} } },
    select: { id: true, date: true, status: true, foyerId: true, inscription: { select: { familyId: true } } },
  });
  const moves = rows.flatMap((r) => {
    const day = dayOf(r.date);
    const to = custodyOn(after, day);
    const from = r.foyerId ?? r.inscription.familyId;
    return from === to ? [] : [{ id: r.id, day, to, status: r.status }];
  });
  for (const to of new Set(moves.map((m) => m.to)))
    await tx.reservation.updateMany({ where: { id: { in: moves.filter((m) => m.to === to).map((m) => m.id) } }, data: { foyerId: to } });
  return moves.filter((m) => isIn(RESERVATION_STATUSES.LIVE, m.status));
}
