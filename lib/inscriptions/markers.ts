import type { InscriptionStatus } from "@/lib/generated/prisma/enums";

/** The marker of seed 003: V validée, ? en attente, ! pré-inscription petite enfance non validée. */
export function markerOf(status: InscriptionStatus, isPreRegistration: boolean): { symbol: string; label: string } {
  switch (status) {
    case "VALIDATED":
      return { symbol: "V", label: "Validée" };
    case "PENDING":
      return isPreRegistration ? { symbol: "!", label: "Pré-inscription non validée" } : { symbol: "?", label: "En attente de validation" };
    case "WAITLISTED":
      return { symbol: "?", label: "En liste d'attente" };
    case "REFUSED":
      return { symbol: "✕", label: "Refusée" };
    case "WITHDRAWN":
      return { symbol: "–", label: "Retirée" };
    case "CANCELLED":
      return { symbol: "✕", label: "Annulée" };
  }
}

export const markerLabel = (status: InscriptionStatus, isPreRegistration: boolean) => markerOf(status, isPreRegistration).label;
