/** « 4 ans », « 18 mois »: the age of a child on a calendar date (UTC midnight). */
export function ageLabel(birthDate: Date, on: Date = new Date()): string {
  let months = (on.getUTCFullYear() - birthDate.getUTCFullYear()) * 12 + (on.getUTCMonth() - birthDate.getUTCMonth());
  if (on.getUTCDate() < birthDate.getUTCDate()) months -= 1;
  if (months < 24) return `${Math.max(months, 0)} mois`;
  const years = Math.floor(months / 12);
  return `${years} ans`;
}
