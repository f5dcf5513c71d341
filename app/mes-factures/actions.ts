"use server";
import { z } from "zod";
import { parentAction } from "@/lib/action";
import { entityId } from "@/lib/forms/fields";
import { payInvoicesSchema } from "@/lib/billing/schemas";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { decideStandInCheckout } from "@/lib/billing/stand-in-checkout";

/** « Payer »: the amount of the ticked invoices, computed from the database, then the Checkout page. */
export const payInvoicesAction = parentAction(payInvoicesSchema, async ({ invoiceIds }, parent) => {
  const { url } = await startOnlinePayment({ familyId: parent.familyId, invoiceIds, actor: parent.actor });
  return { url };
});

const standInSchema = z.object({ paymentId: entityId, outcome: z.enum(["PAID", "ABANDONED"]) });

/** The local stand-in's « Payer » / « Abandonner »: the signed event Stripe would send, to the real webhook. */
export const standInCheckoutAction = parentAction(standInSchema, async ({ paymentId, outcome }, parent) =>
  decideStandInCheckout({ familyId: parent.familyId, paymentId, outcome }),
);
