import type { ReservationStatus } from "@/lib/generated/prisma/enums";

/**
 * The colours of the calendar cells, as the seeds draw them: white free, yellow
 * asked (selected, then DR), orange on the waiting list, green validated. Each
 * pair keeps a 4.5:1 contrast; the words (and the code, R, DR…) say it without colour. An excused absence
 * (A Exc.) and a day cancelled by the structure (Ann.) differ by more than colour: a solid grey cell, and a
 * white one with a dashed border (issue 24).
 */
const LOOK = {
  free: "border-gray-500 bg-white text-gray-900 hover:bg-brand-soft",
  full: "border-gray-500 bg-[repeating-linear-gradient(45deg,#f3f4f6_0,#f3f4f6_6px,#e5e7eb_6px,#e5e7eb_12px)] text-gray-900",
  selected: "border-yellow-700 bg-yellow-100 text-yellow-950 ring-2 ring-yellow-600",
  blocked: "border-gray-300 bg-gray-100 text-gray-700",
  asked: "border-yellow-700 bg-yellow-200 text-yellow-950",
  waiting: "border-orange-700 bg-orange-200 text-orange-950",
  reserved: "border-green-900 bg-green-700 text-white",
  cancellationAsked: "border-fuchsia-800 bg-fuchsia-100 text-fuchsia-950",
  present: "border-blue-800 bg-blue-700 text-white",
  excused: "border-gray-600 bg-gray-200 text-gray-900",
  cancelled: "border-2 border-dashed border-gray-700 bg-white text-gray-900",
  billed: "border-red-800 bg-red-100 text-red-950",
  invoiced: "border-gray-600 bg-gray-300 text-gray-950",
} as const;

export const STATUS_LOOK: Readonly<Record<ReservationStatus, string>> = {
  REQUESTED: LOOK.asked,
  WAITLISTED: LOOK.waiting,
  RESERVED: LOOK.reserved,
  // Refused or withdrawn: the cell is free again (the calendar never draws these two).
  REFUSED: LOOK.free,
  WITHDRAWN: LOOK.free,
  CANCELLATION_REQUESTED: LOOK.cancellationAsked,
  PRESENT: LOOK.present,
  ABSENT_EXCUSED: LOOK.excused,
  ABSENT_BILLED: LOOK.billed,
  INVOICED: LOOK.invoiced,
  // Cancelled by the structure (exceptional day): dashed, unlike an excused absence.
  CANCELLED: LOOK.cancelled,
};

export const FREE_LOOK = LOOK.free;
export const FULL_LOOK = LOOK.full;
export const SELECTED_LOOK = LOOK.selected;
export const BLOCKED_LOOK = LOOK.blocked;

/**
 * The grid's parts: a row per day (a block per day on a phone, a line between days from `sm`), its day, a cell
 * (a button when it can be asked), the cell's unit and hours, its state in words with the code as a small tag and
 * the price, its deadline (never cut: it wraps), and the warning under a selected cell that will be refused.
 *
 * A month has up to a few hundred cells: their layout is set once on the table (`GRID.table`, Tailwind's descendant
 * variants) and each part carries only a short marker (`GRID.cell` = "gc"…), as the pointage does (ADR 043) — the
 * family view's HTML loses about a third (ADR 048). The markers serve only these selectors, in this grid only. The
 * cell's border width and colours stay on the cell itself (`rounded border` + its look), so that a look may thicken
 * it (the dashed border of a day cancelled by the structure).
 */
export const GRID = {
  table: [
    "[&_.gc]:flex [&_.gc]:min-h-11 [&_.gc]:w-full [&_.gc]:flex-col [&_.gc]:items-stretch [&_.gc]:justify-center [&_.gc]:gap-0.5",
    "[&_.gc]:px-2 [&_.gc]:py-1 [&_.gc]:text-left [&_button.gc]:cursor-pointer",
    "[&_.gl]:flex [&_.gl]:flex-wrap [&_.gl]:items-baseline [&_.gl]:gap-x-2",
    "[&_.gu]:text-sm [&_.gh]:whitespace-nowrap [&_.gh]:text-xs [&_.gh]:font-normal",
    "[&_.gs]:inline-flex [&_.gs]:items-center [&_.gs]:gap-1.5 [&_.gs]:text-sm [&_.gs]:font-semibold",
    "[&_.gk]:whitespace-nowrap [&_.gk]:rounded [&_.gk]:border [&_.gk]:border-current [&_.gk]:px-1 [&_.gk]:text-xs [&_.gk]:leading-4 [&_.gk]:font-semibold",
    "[&_.gp]:ml-auto [&_.gp]:whitespace-nowrap [&_.gp]:text-sm [&_.gp]:font-normal",
    "[&_.gd]:text-xs [&_.gd]:font-normal [&_.gw]:flex [&_.gw]:w-full [&_.gw]:flex-col [&_.gw]:gap-0.5",
  ].join(" "),
  row: "max-sm:mb-3 max-sm:block max-sm:rounded-md max-sm:border max-sm:border-gray-300 max-sm:p-2 sm:[tr+&>*]:border-t sm:[tr+&>*]:border-gray-300 sm:[tr+&>*]:pt-2",
  day: "whitespace-nowrap p-1 text-left align-top text-sm font-semibold text-gray-900 max-sm:block max-sm:text-base",
  cell: "gc rounded border",
  line: "gl",
  unit: "gu",
  hours: "gh",
  state: "gs",
  code: "gk",
  price: "gp",
  deadline: "gd",
  /** A button cell and the warning under it. */
  wrap: "gw",
  warning: "flex items-start gap-1 rounded border border-red-700 bg-red-50 px-2 py-1 text-sm text-red-950",
} as const;

/** The page's legend, in the seeds' words (SPEC.md §2). */
export const LEGEND: { code: string; label: string; look: string }[] = [
  { code: "", label: "Réservation disponible", look: FREE_LOOK },
  {
    code: "",
    label: "Réservation non disponible (jour fermé, hors inscription, délai dépassé)",
    look: BLOCKED_LOOK,
  },
  {
    code: "",
    label: "Plus de place disponible (la demande va en liste d'attente)",
    look: FULL_LOOK,
  },
  {
    code: "✓",
    label: "Demande de réservation sélectionnée, pas encore envoyée",
    look: SELECTED_LOOK,
  },
  {
    code: "DR",
    label: "Demande de réservation envoyée",
    look: STATUS_LOOK.REQUESTED,
  },
  {
    code: "LA",
    label: "Demande de réservation en liste d'attente",
    look: STATUS_LOOK.WAITLISTED,
  },
  { code: "R", label: "Réservation validée", look: STATUS_LOOK.RESERVED },
  {
    code: "DA",
    label: "Demande d'annulation",
    look: STATUS_LOOK.CANCELLATION_REQUESTED,
  },
  { code: "P", label: "Présence (non modifiable)", look: STATUS_LOOK.PRESENT },
  {
    code: "A Exc.",
    label: "Absence excusée (non modifiable)",
    look: STATUS_LOOK.ABSENT_EXCUSED,
  },
  {
    code: "A Fact.",
    label: "Absence facturée (non modifiable)",
    look: STATUS_LOOK.ABSENT_BILLED,
  },
  {
    code: "F",
    label: "Réservation facturée (non modifiable)",
    look: STATUS_LOOK.INVOICED,
  },
  {
    code: "Ann.",
    label: "Annulée par la structure (jour fermé, non facturée)",
    look: STATUS_LOOK.CANCELLED,
  },
];
