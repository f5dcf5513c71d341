"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { paymentProviderSchema } from "@/lib/billing/providers/schemas";
import { setPaymentProvider } from "@/lib/billing/providers/payment-settings";

/** « Paiement en ligne » of a lieu: Stripe or PayFiP (and its numcli). */
export const setPaymentProviderAction = staffAction(paymentProviderSchema, async (data, staff) => {
  await setPaymentProvider(data, staff.scope);
  revalidatePath("/admin/structures", "layout");
  return {
    message:
      data.paymentProvider === "PAYFIP"
        ? `Enregistré : les familles de ce lieu paient par PayFiP (numéro client ${data.payfipClientNumber}).`
        : "Enregistré : les familles de ce lieu paient par carte avec Stripe.",
  };
});
