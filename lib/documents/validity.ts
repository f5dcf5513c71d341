/** The last day a document accepted on `acceptedDay` is valid, by its type's validity; null = until replaced. */
export function validUntil(validity: "NONE" | "CALENDAR_YEAR" | "SCHOOL_YEAR" | "ONE_YEAR", acceptedDay: string): string | null {
  const year = Number(acceptedDay.slice(0, 4));
  switch (validity) {
    case "NONE":
      return null;
    case "CALENDAR_YEAR":
      return `${year}-12-31`;
    case "SCHOOL_YEAR":
      return acceptedDay.slice(5) <= "08-31" ? `${year}-08-31` : `${year + 1}-08-31`;
    case "ONE_YEAR": {
      const next = new Date(`${year + 1}${acceptedDay.slice(4)}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() - 1);
      return next.toISOString().slice(0, 10);
    }
  }
}

export const VALIDITY_LABELS = {
  NONE: "Jusqu'à son remplacement",
  CALENDAR_YEAR: "L'année civile (jusqu'au 31 décembre)",
  SCHOOL_YEAR: "L'année scolaire (jusqu'au 31 août)",
  ONE_YEAR: "Un an",
} as const;
