/*
 * The rules of the attestation fiscale « frais de garde des enfants de moins de 6 ans » (article 200 quater B du CGI,
 * ADR 056), pure so that they are tested apart from the database.
 */

/**
 * Under 6 on 1 January of `year`: born on 1 January of year − 6 or later. The tax administration writes it « nés à
 * compter du 1er janvier 2019 » for the 2025 income (service-public, impots.gouv): a child born on 1 January 2019 counts,
 * one born on 31 December 2018 does not. A child born during `year` counts too (nothing is paid before its birth).
 */
export function isUnderSixOnJanuaryFirst(birthDay: string, year: number): boolean {
  return birthDay >= `${year - 6}-01-01` && birthDay <= `${year}-12-31`;
}

/**
 * `total` cents shared by `weights` (non-negative), pro rata, in integer cents: each share is rounded down and the last
 * share whose weight is not zero takes what is left, so that the shares always add up to `total`.
 */
export function splitCents(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (sum <= 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * Math.max(0, w)) / sum));
  let last = -1;
  weights.forEach((w, i) => {
    if (w > 0) last = i;
  });
  shares[last] = total - shares.reduce((a, s, i) => (i === last ? a : a + s), 0);
  return shares;
}

/** The years a family may look back on: from 2020 to last year (an attestation is for a year that has ended). */
export const firstTaxYear = 2020;
export const lastTaxYear = (today: string) => Number(today.slice(0, 4)) - 1;
export const isTaxYear = (year: number, today: string) => Number.isInteger(year) && year >= firstTaxYear && year <= lastTaxYear(today);
