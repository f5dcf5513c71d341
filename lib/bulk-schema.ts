import { z } from "zod";
import { entityId, trimmed } from "@/lib/forms/fields";

export const MAX_BULK = 100;

const ids = z.array(entityId).min(1, "Cochez au moins une demande.").max(MAX_BULK, `${MAX_BULK} demandes au plus à la fois.`);

/** « Valider / Refuser la sélection » on a staff queue. */
export const bulkDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("validate"), ids }),
  z.object({ decision: z.literal("refuse"), ids, reason: trimmed("Motif du refus", 500) }),
]);
