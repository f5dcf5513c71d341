/** The price of one unit for a quotient familial; an unknown QF pays the highest tariff. Integer cents. */
export function unitPrice(
  tariffs: readonly { qfMin: number; qfMax: number | null; priceCents: number }[],
  qf: number | null,
): number | null {
  if (tariffs.length === 0) return null;
  const bracket = bracketOf(tariffs, qf);
  return bracket ? bracket.priceCents : Math.max(...tariffs.map((t) => t.priceCents));
}

/** The tariff bracket a quotient falls in; null for an unknown quotient or one no bracket covers. */
export function bracketOf<T extends { qfMin: number; qfMax: number | null }>(tariffs: readonly T[], qf: number | null): T | null {
  if (qf === null) return null;
  return tariffs.find((t) => qf >= t.qfMin && (t.qfMax === null || qf <= t.qfMax)) ?? null;
}
