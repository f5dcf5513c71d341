/** Age in whole months on a calendar day (both "YYYY-MM-DD" or @db.Date). */
export function ageInMonths(birthDate: Date, on: Date): number {
  let months = (on.getUTCFullYear() - birthDate.getUTCFullYear()) * 12 + (on.getUTCMonth() - birthDate.getUTCMonth());
  if (on.getUTCDate() < birthDate.getUTCDate()) months -= 1;
  return months;
}

export interface AgeBounds {
  id: string;
  name: string;
  minAgeMonths: number | null;
  maxAgeMonths: number | null;
}

/**
 * The groups a child fits, by age at the start of the period (as structures
 * decide the group for the whole period). Bounds are inclusive, in months.
 */
export function fittingGroups<G extends AgeBounds>(groups: G[], birthDate: Date, periodStart: Date): G[] {
  const age = ageInMonths(birthDate, periodStart);
  return groups.filter((g) => (g.minAgeMonths === null || age >= g.minAgeMonths) && (g.maxAgeMonths === null || age <= g.maxAgeMonths));
}

/**
 * « de 6 à 12 ans », « de 3 à 5 ans », « à partir de 6 ans », « jusqu'à 2 ans 11 mois »: the ages a group takes, both
 * bounds included as parents say them (a group « jusqu'à 155 mois » is « jusqu'à 12 ans »: a child is 12 until the
 * 13th birthday). A bound not on a whole year keeps its months.
 */
export function describeBounds(group: { minAgeMonths: number | null; maxAgeMonths: number | null }): string {
  const years = (months: number) => (months % 12 === 0 ? `${months / 12} ans` : `${Math.floor(months / 12)} ans ${months % 12} mois`);
  // The last age included: « 12 ans » when the group stops at the 13th birthday, else the years and months reached.
  const upTo = (max: number) => ((max + 1) % 12 === 0 ? `${(max + 1) / 12 - 1} ans` : years(max));
  const { minAgeMonths: min, maxAgeMonths: max } = group;
  if (min !== null && max !== null) {
    const to = upTo(max);
    // « de 6 à 12 ans »: « ans » said once when both bounds are whole years.
    if (min % 12 === 0 && (max + 1) % 12 === 0) return min / 12 === (max + 1) / 12 - 1 ? `${to}` : `de ${min / 12} à ${to}`;
    return `de ${years(min)} à ${to}`;
  }
  if (min !== null) return `à partir de ${years(min)}`;
  if (max !== null) return `jusqu'à ${upTo(max)}`;
  return "tous âges";
}
