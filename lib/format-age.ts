import { ageInMonths } from "@/lib/activities/age-groups";

/** « 4 ans », « 18 mois »: the age of a child on a calendar date (UTC midnight). */
export function ageLabel(birthDate: Date, on: Date = new Date()): string {
  const months = ageInMonths(birthDate, on);
  if (months < 24) return `${Math.max(months, 0)} mois`;
  return `${Math.floor(months / 12)} ans`;
}
