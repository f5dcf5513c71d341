/** How long a payment has been waiting, French style: « depuis 12 min », « depuis 3 h », « depuis 2 jours ». */
export function waitingSince(createdAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 60_000));
  if (minutes < 60) return `depuis ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `depuis ${hours} h`;
  return `depuis ${Math.floor(hours / 24)} jours`;
}

/**
 * An online payment « en cours de confirmation » for this long is stuck (the parent left Stripe's page, or its
 * events never came): staff may mark it abandoned. Before, Stripe may still be confirming it.
 */
export const ABANDON_AFTER_MINUTES = 60;

export const isStuck = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() >= ABANDON_AFTER_MINUTES * 60_000;

/** The reason logged when staff mark a payment abandoned: the webhook looks for it to flag a success that comes after. */
export const ABANDONED_BY_STAFF = "Abandonné (marqué par l'accueil)";
