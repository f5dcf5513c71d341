/**
 * Billing a month: N families (default 10 000, BENCH_FAMILIES) each with a child, a validated inscription and a
 * month of bookings (4 Wednesdays × 2 units), then « générer le mois » (one transaction per family: number, lines,
 * reservations marked F) — and, in the same run, the same totals computed by one SQL aggregate. Prints both
 * times, their ratio, and whether the totals agree.
 *
 *   npm run db -- node --conditions=react-server --import tsx bench/billing.ts
 *
 * Not a test: the figures depend on the machine. It writes into the app's database (`npm run db:reset` cleans).
 */
import { db } from "../lib/db";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { generateMonth } from "../lib/billing/generate-month";
import { SYSTEM } from "../lib/workflow";
import { createBilledFamiliesInBulk, createBookableWorld } from "../prisma/factories";

const prisma = db as PrismaClient;
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 10_000);
const MONTH = "2030-01";

async function seed() {
  const w = await createBookableWorld(prisma, {
    start: "2030-01-01",
    end: "2030-01-31",
    weekdays: [3],
    units: [
      { name: "Matin", capacity: FAMILIES + 10, prices: [400, 600, 800, 1000] },
      { name: "Soir", capacity: FAMILIES + 10, prices: [150, 250, 350, 450] },
    ],
  });
  const qfs = [300, 650, 1000, 1500];
  for (let from = 0; from < FAMILIES; from += 1000) {
    await createBilledFamiliesInBulk(prisma, w, {
      count: Math.min(1000, FAMILIES - from),
      prefix: `Banc${from}-`,
      quotient: (n) => qfs[(from + n) % 4]!,
    });
  }
  return w;
}

async function aggregate(structureId: string): Promise<{ families: number; totalCents: number }> {
  const [row] = await prisma.$queryRaw<{ families: bigint; total: bigint }[]>`
    SELECT count(DISTINCT i."familyId") AS families, COALESCE(sum(t."priceCents"), 0) AS total
    FROM "Reservation" r
    JOIN "Inscription" i ON i."id" = r."inscriptionId"
    JOIN "Activity" a ON a."id" = i."activityId"
    JOIN "Family" f ON f."id" = i."familyId"
    JOIN "Tariff" t ON t."timeUnitId" = r."timeUnitId" AND f."quotientFamilial" >= t."qfMin" AND (t."qfMax" IS NULL OR f."quotientFamilial" <= t."qfMax")
    WHERE a."structureId" = ${structureId} AND r."date" >= ${new Date(`${MONTH}-01T00:00:00Z`)} AND r."date" <= ${new Date(`${MONTH}-31T00:00:00Z`)}
      AND r."status" IN ('RESERVED', 'PRESENT', 'ABSENT_BILLED')
      AND NOT EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."reservationId" = r."id")`;
  return { families: Number(row!.families), totalCents: Number(row!.total) };
}

async function main() {
  const t0 = performance.now();
  const w = await seed();
  console.log(`Données : ${FAMILIES} familles, ${FAMILIES * 8} réservations, en ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const a0 = performance.now();
  const reference = await aggregate(w.structure.id);
  const aggregateMs = performance.now() - a0;
  let last = 0;
  const g0 = performance.now();
  const summary = await generateMonth({
    structureId: w.structure.id,
    month: MONTH,
    actor: SYSTEM,
    now: new Date("2030-02-01T09:00:00Z"),
    onProgress: (done, total) => {
      if (done - last >= Math.max(1, Math.floor(total / 10)) || done === total) {
        last = done;
        console.log(`  … ${done} / ${total} familles`);
      }
    },
  });
  const generateMs = performance.now() - g0;
  console.log(
    `Agrégat SQL (référence) : ${reference.families} familles, ${(reference.totalCents / 100).toFixed(2)} €, ${aggregateMs.toFixed(0)} ms`,
  );
  console.log(
    `Générer le mois : ${summary.invoices} factures, ${(summary.totalCents / 100).toFixed(2)} €, ${generateMs.toFixed(0)} ms (${(generateMs / summary.invoices).toFixed(1)} ms par famille)`,
  );
  console.log(
    `Rapport génération / agrégat : ${(generateMs / aggregateMs).toFixed(1)}× (objectif ≤ 2×) ; totaux ${summary.totalCents === reference.totalCents && summary.invoices === reference.families ? "identiques" : "DIFFÉRENTS"}`,
  );
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
