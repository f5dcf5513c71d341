import { z } from "zod";
import { trimmed } from "@/lib/accounts/schemas";

export const MAX_BULK = 100;

const ids = z.array(z.string().min(1).max(64)).min(1, "Cochez au moins une demande.").max(MAX_BULK, `${MAX_BULK} demandes au plus à la fois.`);

/** « Accepter / Refuser la sélection » on a staff queue. */
export const bulkDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("accept"), ids }),
  z.object({ decision: z.literal("refuse"), ids, reason: trimmed("Motif du refus", 500) }),
]);
