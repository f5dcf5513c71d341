import type { ReservationStatus } from "@/lib/generated/prisma/enums";

/**
 * The colours of the calendar cells, as the seeds draw them: white free, yellow
 * asked (selected, then DR), orange on the waiting list, green validated. Each
 * pair keeps a 4.5:1 contrast; the code (R, DR…) says it without colour.
 */
export const STATUS_LOOK: Readonly<Record<ReservationStatus, string>> = {
  REQUESTED: "cal-dr",
  WAITLISTED: "cal-la",
  RESERVED: "cal-r",
  // Refused or withdrawn: the cell is free again (the calendar never draws these two).
  REFUSED: "cal-free",
  WITHDRAWN: "cal-free",
  CANCELLATION_REQUESTED: "cal-da",
  PRESENT: "cal-p",
  ABSENT_EXCUSED: "cal-aexc",
  ABSENT_BILLED: "cal-afact",
  INVOICED: "cal-f",
  // Cancelled by the structure (exceptional day): drawn as a closed day, with its code.
  CANCELLED: "cal-aexc",
};

/** Defined in app/globals.css (one short class per look: a month of cells per child is sent). */
export const FREE_LOOK = "cal-free";
export const FULL_LOOK = "cal-full";
export const SELECTED_LOOK = "cal-selected";
export const BLOCKED_LOOK = "cal-blocked";

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
  { code: "Ann.", label: "Annulée par la structure (jour fermé, non facturée)", look: STATUS_LOOK.CANCELLED },
];
