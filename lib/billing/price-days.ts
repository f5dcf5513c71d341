import "server-only";
import type { Tx } from "@/lib/db";
import { unitPrice } from "@/lib/reservations/pricing";
import { quotientsOf } from "./set-quotient";

type Tariffs = readonly { qfMin: number; qfMax: number | null; priceCents: number }[];

/**
 * The one price of a unit on a day for a family: the unit's tariff for the quotient familial in force that day
 * (its history, set-quotient.ts), in integer cents; 0 for a unit without tariff. « Générer le mois » prices each
 * invoice line with it, and « Réservations sur période » its preview, so that the total shown before sending is the
 * amount the invoice will say, even when the quotient changes inside the période (issue 24). One query for all the
 * families.
 */
export async function dayPricer(tx: Pick<Tx, "family">, familyIds: string[]) {
  const quotientOn = await quotientsOf(tx, familyIds);
  return (familyId: string, tariffs: Tariffs, day: string): number => unitPrice(tariffs, quotientOn(familyId, day)) ?? 0;
}
