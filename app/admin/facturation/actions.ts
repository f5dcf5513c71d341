"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { count, formatCents, formatMonth } from "@/lib/format";
import { billingMonthSchema, issueMonthSchema } from "@/lib/billing/schemas";
import { generateMonth, issueMonth, lockMonthBilling } from "@/lib/billing/generate-month";

export const generateMonthAction = staffAction(billingMonthSchema, async ({ structureId, month }, staff) => {
  const summary = await generateMonth({ structureId, month, actor: staff.actor });
  revalidatePath("/admin/facturation");
  return {
    message: summary.invoices === 0
      ? `Rien de nouveau à facturer pour ${formatMonth(month)}.`
      : `${count(summary.invoices, "facture créée", "factures créées")} (${summary.numbers[0]} à ${summary.numbers.at(-1)}), total ${formatCents(summary.totalCents)} ; ${count(summary.familiesWithoutLines, "famille inscrite sans rien à facturer", "familles inscrites sans rien à facturer")}.`,
  };
});

export const issueMonthAction = staffAction(issueMonthSchema, async ({ structureId, month, dueDate }, staff) => {
  const { issued } = await issueMonth({ structureId, month, dueDate, actor: staff.actor });
  revalidatePath("/admin/facturation");
  return { message: issued === 0 ? "Aucune facture à envoyer." : `${count(issued, "facture envoyée", "factures envoyées")} aux familles par e-mail.` };
});

export const lockMonthAction = staffAction(billingMonthSchema, async ({ structureId, month }, staff) => {
  await lockMonthBilling({ structureId, month, actor: staff.actor });
  revalidatePath("/admin/facturation");
  return { message: `Mois de ${formatMonth(month)} clôturé : les corrections se font par avoir.` };
});
