/**
 * When inscriptions open for a family: optionally in phases — children renewed through « Réinscrire » first
 * (renewalsOpenAt, ADR 052), families living in the town (residentsOpenAt), then everyone (inscriptionsOpenAt).
 * Each phase opens for its public at the earliest of the phases it belongs to.
 */
export interface OpeningRules {
  inscriptionsOpenAt: Date | null;
  residentsOpenAt: Date | null;
  /** Absent where the caller does not read it: no renewal phase. */
  renewalsOpenAt?: Date | null;
}

export function opensAtFor(rules: OpeningRules, isResident: boolean, isRenewal = false): Date | null {
  const base =
    isResident && rules.residentsOpenAt
      ? rules.inscriptionsOpenAt && rules.inscriptionsOpenAt < rules.residentsOpenAt
        ? rules.inscriptionsOpenAt
        : rules.residentsOpenAt
      : rules.inscriptionsOpenAt;
  // Null means « open now »: no phase can come before it.
  if (!isRenewal || !rules.renewalsOpenAt || base === null) return base;
  return rules.renewalsOpenAt < base ? rules.renewalsOpenAt : base;
}

export function isOpenFor(rules: OpeningRules, isResident: boolean, now: Date, isRenewal = false): boolean {
  const opensAt = opensAtFor(rules, isResident, isRenewal);
  return opensAt === null || now.getTime() >= opensAt.getTime();
}
