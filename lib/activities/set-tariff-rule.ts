import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { dateOf, firstOf, monthOf, nextMonth } from "@/lib/calendar/paris";
import { transaction, type Tx } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { deMonth, isoToFrench } from "@/lib/format";
import { lockBillingMonth } from "@/lib/locks";
import { NotFoundError } from "@/lib/workflow";

export interface TariffRuleInput {
  activityId: string;
  validFrom: string;
  mode: "PER_UNIT" | "HOURLY";
  siblingSecondPercent: number | null;
  siblingThirdPercent: number | null;
  siblingScope: "DAY" | "PERIOD";
}

/**
 * Days already billed in a closed month cannot change price (ADR 055): a rule may take effect only after the lieu's last
 * closed month. Read under the lock of the rule's month (the one « Clôturer le mois » takes), so a close of that month
 * waits for the rule, or the rule sees the close.
 */
async function assertAfterClosedMonths(tx: Tx, structureId: string, validFrom: string) {
  await lockBillingMonth(tx, structureId, monthOf(validFrom));
  const closed = await tx.billingMonth.findFirst({
    where: { structureId, lockedAt: { not: null }, month: { gte: dateOf(firstOf(monthOf(validFrom))) } },
    orderBy: { month: "desc" },
    select: { month: true },
  });
  if (closed) {
    const month = monthOf(closed.month.toISOString().slice(0, 10));
    fieldError(
      "validFrom",
      `En vigueur à partir du : le mois ${deMonth(month)} est clôturé, ses jours facturés ne changent plus de prix ; choisissez une date à partir du ${isoToFrench(firstOf(nextMonth(month)))}.`,
    );
  }
}

/**
 * « Règles de tarif » of an activity: the mode (à l'unité / à l'heure) and the fratrie reduction in force from a day,
 * until the next rule. A rule of the same day is replaced. The activity must be in the staff's lieux (else: not found).
 */
export async function setTariffRule(input: TariffRuleInput, actor: { userId: string | null; scope: StaffScope }) {
  if (input.siblingThirdPercent !== null && input.siblingSecondPercent === null)
    fieldError("siblingSecondPercent", "Fratrie, 2e enfant : renseignez-le aussi (le 3e enfant ne peut pas avoir seul une réduction).");
  return transaction(async (tx) => {
    const activity = await tx.activity.findFirst({
      where: { id: input.activityId, ...scopeWhere(actor.scope).activity },
      select: { id: true, structureId: true },
    });
    if (!activity) throw new NotFoundError();
    await assertAfterClosedMonths(tx, activity.structureId, input.validFrom);
    const data = {
      mode: input.mode,
      siblingSecondPercent: input.siblingSecondPercent,
      siblingThirdPercent: input.siblingThirdPercent,
      siblingScope: input.siblingScope,
      createdById: actor.userId,
    };
    return tx.tariffRule.upsert({
      where: { activityId_validFrom: { activityId: activity.id, validFrom: dateOf(input.validFrom) } },
      create: { activityId: activity.id, validFrom: dateOf(input.validFrom), ...data },
      update: data,
      select: { id: true },
    });
  });
}

/** Removes a rule not yet reached by a closed month (its days go back to the previous rule). */
export async function deleteTariffRule(id: string, actor: { scope: StaffScope }) {
  await transaction(async (tx) => {
    const rule = await tx.tariffRule.findFirst({
      where: { id, activity: scopeWhere(actor.scope).activity },
      select: { id: true, validFrom: true, activity: { select: { structureId: true } } },
    });
    if (!rule) throw new NotFoundError();
    await assertAfterClosedMonths(tx, rule.activity.structureId, rule.validFrom.toISOString().slice(0, 10));
    await tx.tariffRule.delete({ where: { id: rule.id } });
  });
}
