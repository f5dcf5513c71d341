import type { InscriptionStatus } from "@/lib/generated/prisma/enums";
import { statusLabel, statusTone, type Tone, INSCRIPTION_STATUSES, isIn } from "@/lib/workflow/machines";

const SYMBOLS: Record<InscriptionStatus, string> = {
  VALIDATED: "V",
  PENDING: "?",
  WAITLISTED: "?",
  REFUSED: "✕",
  WITHDRAWN: "–",
  CANCELLED: "✕",
};

/**
 * The marker of seed 003: V validée, ? en attente, ! pré-inscription petite
 * enfance non validée. The words are the machine's (one label per status).
 */
export function markerOf(status: InscriptionStatus, isPreRegistration: boolean): { symbol: string; label: string; tone: Tone } {
  const tone = statusTone("INSCRIPTION", status);
  if (isIn(INSCRIPTION_STATUSES.UNREVIEWED, status) && isPreRegistration)
    return { symbol: "!", label: "Pré-inscription non validée", tone };
  return { symbol: SYMBOLS[status], label: statusLabel("INSCRIPTION", status), tone };
}

/** The legend of the seeds' markers, shown under the list. */
export const MARKER_LEGEND = [
  { symbol: "V", label: "inscription validée : vous pouvez réserver les jours" },
  { symbol: "?", label: "en attente de validation par la structure (ou en liste d'attente)" },
  { symbol: "!", label: "pré-inscription petite enfance non encore validée" },
] as const;

export const markerLabel = (status: InscriptionStatus, isPreRegistration: boolean) => markerOf(status, isPreRegistration).label;
