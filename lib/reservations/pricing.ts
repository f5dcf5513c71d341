/** The price of one unit for a quotient familial; an unknown QF pays the highest tariff. Integer cents. */
export function unitPrice(tariffs: readonly { qfMin: number; qfMax: number | null; priceCents: number }[], qf: number | null): number | null {
  if (tariffs.length === 0) return null;
  if (qf === null) return Math.max(...tariffs.map((t) => t.priceCents));
  const bracket = tariffs.find((t) => qf >= t.qfMin && (t.qfMax === null || qf <= t.qfMax));
  return bracket ? bracket.priceCents : Math.max(...tariffs.map((t) => t.priceCents));
}
