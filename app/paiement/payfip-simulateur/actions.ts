"use server";
import { z } from "zod";
import { parentAction } from "@/lib/action";
import { decideStandInPayfip } from "@/lib/billing/payfip/stand-in";

const payfipStandInSchema = z.object({
  idOp: z.string().regex(/^[\w-]{1,64}$/, "Opération introuvable."),
  outcome: z.enum(["P", "R", "A"]),
});

/** The PayFiP stand-in's « Payer » / « Refuser » / « Abandonner »: the operation answered once, the notification posted, then urlredirect. */
export const payfipStandInAction = parentAction(payfipStandInSchema, async ({ idOp, outcome }, parent) =>
  decideStandInPayfip({ familyId: parent.familyId, idOp, outcome }),
);
