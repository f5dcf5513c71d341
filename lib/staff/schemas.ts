import { z } from "zod";
import { entityId } from "@/lib/forms/fields";

/** « Équipe »: give a lieu d'accueil to a STAFF account, or take it back (ADR 029). */
export const staffLieuSchema = z.object({
  userId: entityId,
  structureId: z.string().min(1, "Lieu d'accueil : choisissez dans la liste.").pipe(entityId),
});
