import type { ReservationStatus } from "@/lib/generated/prisma/enums";

/**
 * The colours of the calendar cells, as the seeds draw them: white free, yellow
 * asked (selected, then DR), orange on the waiting list, green validated. Each
 * pair keeps a 4.5:1 contrast; the code (R, DR…) says it without colour.
 */
export const STATUS_LOOK: Readonly<Record<ReservationStatus, string>> = {
  REQUESTED: "border-yellow-700 bg-yellow-200 text-yellow-950",
  WAITLISTED: "border-orange-700 bg-orange-200 text-orange-950",
  RESERVED: "border-green-900 bg-green-700 text-white",
  REFUSED: "border-gray-400 bg-white text-gray-900",
  WITHDRAWN: "border-gray-400 bg-white text-gray-900",
  CANCELLATION_REQUESTED: "border-fuchsia-800 bg-fuchsia-100 text-fuchsia-950",
  PRESENT: "border-blue-800 bg-blue-700 text-white",
  ABSENT_EXCUSED: "border-gray-600 bg-gray-200 text-gray-900",
  ABSENT_BILLED: "border-red-800 bg-red-100 text-red-950",
  INVOICED: "border-gray-600 bg-gray-300 text-gray-950",
};

export const FREE_LOOK = "border-gray-500 bg-white text-gray-900 hover:bg-brand-soft";
export const FULL_LOOK = "border-gray-500 bg-[repeating-linear-gradient(45deg,#f3f4f6_0,#f3f4f6_6px,#e5e7eb_6px,#e5e7eb_12px)] text-gray-900";
export const SELECTED_LOOK = "border-yellow-700 bg-yellow-100 text-yellow-950 ring-2 ring-yellow-600";
export const BLOCKED_LOOK = "border-transparent bg-gray-100 text-gray-700";

/** The page's legend, in the seeds' words (SPEC.md §2). */
export const LEGEND: { code: string; label: string; look: string }[] = [
  { code: "", label: "Réservation disponible", look: FREE_LOOK },
  { code: "", label: "Réservation non disponible (jour fermé, hors inscription, délai dépassé)", look: BLOCKED_LOOK },
  { code: "", label: "Plus de place disponible (la demande va en liste d'attente)", look: FULL_LOOK },
  { code: "✓", label: "Demande de réservation sélectionnée, pas encore envoyée", look: SELECTED_LOOK },
  { code: "DR", label: "Demande de réservation envoyée", look: STATUS_LOOK.REQUESTED },
  { code: "LA", label: "Demande de réservation en liste d'attente", look: STATUS_LOOK.WAITLISTED },
  { code: "R", label: "Réservation validée", look: STATUS_LOOK.RESERVED },
  { code: "DA", label: "Demande d'annulation", look: STATUS_LOOK.CANCELLATION_REQUESTED },
  { code: "P", label: "Présence (non modifiable)", look: STATUS_LOOK.PRESENT },
  { code: "A Exc.", label: "Absence excusée (non modifiable)", look: STATUS_LOOK.ABSENT_EXCUSED },
  { code: "A Fact.", label: "Absence facturée (non modifiable)", look: STATUS_LOOK.ABSENT_BILLED },
  { code: "F", label: "Réservation facturée (non modifiable)", look: STATUS_LOOK.INVOICED },
];
