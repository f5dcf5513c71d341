/**
 * When inscriptions open for a family: optionally in two phases, families
 * living in the town first (residentsOpenAt), then everyone (inscriptionsOpenAt).
 */
export interface OpeningRules {
  inscriptionsOpenAt: Date | null;
  residentsOpenAt: Date | null;
}

export function opensAtFor(rules: OpeningRules, isResident: boolean): Date | null {
  if (isResident && rules.residentsOpenAt) {
    return rules.inscriptionsOpenAt && rules.inscriptionsOpenAt < rules.residentsOpenAt ? rules.inscriptionsOpenAt : rules.residentsOpenAt;
  }
  return rules.inscriptionsOpenAt;
}

export function isOpenFor(rules: OpeningRules, isResident: boolean, now: Date): boolean {
  const opensAt = opensAtFor(rules, isResident);
  return opensAt === null || now.getTime() >= opensAt.getTime();
}
