import { z } from "zod";
import { entityId } from "@/lib/forms/fields";

/** « Paiement en ligne » of a lieu d'accueil (ADR 054): Stripe or PayFiP, and PayFiP's client number (numcli, 6 digits). */
export const paymentProviderSchema = z
  .object({
    structureId: entityId,
    paymentProvider: z.enum(["STRIPE", "PAYFIP"], { error: "Prestataire de paiement : choisissez Stripe ou PayFiP." }),
    payfipClientNumber: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/\s/g, "") : null)),
  })
  .superRefine((v, ctx) => {
    if (v.payfipClientNumber !== null && !/^\d{6}$/.test(v.payfipClientNumber))
      ctx.addIssue({
        code: "custom",
        path: ["payfipClientNumber"],
        message: "Numéro client PayFiP : 6 chiffres, donnés par la DGFiP (par exemple 012345).",
      });
    else if (v.paymentProvider === "PAYFIP" && v.payfipClientNumber === null)
      ctx.addIssue({
        code: "custom",
        path: ["payfipClientNumber"],
        message: "Numéro client PayFiP : obligatoire pour payer par PayFiP (6 chiffres, donnés par la DGFiP).",
      });
  });

export type PaymentProviderInput = z.output<typeof paymentProviderSchema>;
