import type { InscriptionStatus } from "@/lib/generated/prisma/enums";
import { statusLabel } from "@/lib/workflow/machines";

const SYMBOLS: Record<InscriptionStatus, string> = {
  VALIDATED: "V", PENDING: "?", WAITLISTED: "?", REFUSED: "✕", WITHDRAWN: "–", CANCELLED: "✕",
};

/**
 * The marker of seed 003: V validée, ? en attente, ! pré-inscription petite
 * enfance non validée. The words are the machine's (one label per status).
 */
export function markerOf(status: InscriptionStatus, isPreRegistration: boolean): { symbol: string; label: string } {
  if (status === "PENDING" && isPreRegistration) return { symbol: "!", label: "Pré-inscription non validée" };
  return { symbol: SYMBOLS[status], label: statusLabel("INSCRIPTION", status) };
}

export const markerLabel = (status: InscriptionStatus, isPreRegistration: boolean) => markerOf(status, isPreRegistration).label;
