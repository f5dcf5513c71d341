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

export function describeBounds(group: { minAgeMonths: number | null; maxAgeMonths: number | null }): string {
  const years = (months: number) => (months % 12 === 0 ? `${months / 12} ans` : `${Math.floor(months / 12)} ans ${months % 12} mois`);
  if (group.minAgeMonths !== null && group.maxAgeMonths !== null)
    return `de ${years(group.minAgeMonths)} à ${years(group.maxAgeMonths + 1)} (exclu)`;
  if (group.minAgeMonths !== null) return `à partir de ${years(group.minAgeMonths)}`;
  if (group.maxAgeMonths !== null) return `jusqu'à ${years(group.maxAgeMonths + 1)} (exclu)`;
  return "tous âges";
}
