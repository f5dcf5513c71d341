/**
 * Billing a month: N families (default 10 000, BENCH_FAMILIES) each with a child, a validated inscription and a
 * month of bookings (5 Wednesdays × 2 units), then « générer le mois » (a transaction per batch of families: numbers,
 * lines, reservations marked F, their log) — and, in the same run, the same totals computed by one SQL aggregate
 * (the median of three) and the floor of the same writes in plain SQL (ADR 042). Prints the times, the ratios and
 * whether the totals agree. BENCH_TRACE=1: SQL time per statement and a CPU profile of the generation.
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
const PROFILE = process.env.BENCH_PROFILE ?? "billing.cpuprofile";

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

/**
 * The floor of the writes: the same invoices, lines, cells moved to F and log rows as « générer le mois », but each
 * table written by one set-based SQL statement for all the families at once (prices from the current quotient, as the
 * aggregate), in one transaction rolled back at the end. What PostgreSQL alone needs to write what billing writes.
 */
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

async function writeFloor(structureId: string): Promise<number> {
  const rollback = new Error("rollback");
  const t0 = performance.now();
  await prisma
    .$transaction(
      async (tx) => {
        await tx.$executeRaw`
          CREATE TEMP TABLE floor_cells ON COMMIT DROP AS
          SELECT r."id", r."status"::text AS status, r."date", i."familyId" AS family, t."priceCents" AS price,
            c."firstName" || ' ' || upper(c."lastName") || ' — ' || u."name" || ' (' || a."name" || ')' AS label
          FROM "Reservation" r
          JOIN "Inscription" i ON i."id" = r."inscriptionId"
          JOIN "Activity" a ON a."id" = i."activityId"
          JOIN "Child" c ON c."id" = i."childId"
          JOIN "TimeUnit" u ON u."id" = r."timeUnitId"
          JOIN "Family" f ON f."id" = i."familyId"
          JOIN "Tariff" t ON t."timeUnitId" = r."timeUnitId" AND f."quotientFamilial" >= t."qfMin" AND (t."qfMax" IS NULL OR f."quotientFamilial" <= t."qfMax")
          WHERE a."structureId" = ${structureId} AND r."date" >= ${new Date(`${MONTH}-01T00:00:00Z`)} AND r."date" <= ${new Date(`${MONTH}-31T00:00:00Z`)}
            AND r."status" IN ('RESERVED', 'PRESENT', 'ABSENT_BILLED')
            AND NOT EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."reservationId" = r."id")`;
        await tx.$executeRaw`
          CREATE TEMP TABLE floor_invoices ON COMMIT DROP AS
          SELECT gen_random_uuid()::text AS id, family, row_number() OVER (ORDER BY family) AS seq, sum(price) AS total FROM floor_cells GROUP BY family`;
        await tx.$executeRaw`
          INSERT INTO "Invoice" ("id", "number", "structureId", "year", "sequence", "familyId", "payerName", "payerAddress", "month", "status", "totalCents", "createdAt", "updatedAt")
          SELECT v.id, 'P-' || v.seq, ${structureId}, 1999, v.seq, v.family, f."name", f."street" || E'\n' || f."postalCode" || ' ' || f."city", ${`${MONTH}-01`}::date, 'DRAFT', v.total, now(), now()
          FROM floor_invoices v JOIN "Family" f ON f."id" = v.family`;
        await tx.$executeRaw`
          INSERT INTO "InvoiceLine" ("id", "invoiceId", "reservationId", "label", "date", "quantity", "unitPriceCents", "totalCents", "billedAbsence")
          SELECT gen_random_uuid()::text, v.id, c.id, c.label, c.date, 1, c.price, c.price, c.status = 'ABSENT_BILLED'
          FROM floor_cells c JOIN floor_invoices v USING (family)`;
        await tx.$executeRaw`
          UPDATE "Reservation" r SET "status" = 'INVOICED', "decidedAt" = now(), "decidedById" = NULL, "waitlistRank" = NULL, "updatedAt" = now()
          FROM floor_cells c WHERE r."id" = c.id AND r."status"::text = c.status`;
        await tx.$executeRaw`
          INSERT INTO "TransitionLog" ("id", "machine", "entityId", "fromStatus", "toStatus", "actorId", "actorRole", "reason", "createdAt")
          SELECT gen_random_uuid()::text, 'RESERVATION'::"WorkflowMachine", c.id, c.status, 'INVOICED', NULL, 'Système', NULL, now() FROM floor_cells c
          UNION ALL SELECT gen_random_uuid()::text, 'INVOICE'::"WorkflowMachine", v.id, NULL, 'DRAFT', NULL, 'Système', NULL, now() FROM floor_invoices v`;
        throw rollback;
      },
      { timeout: 600_000 },
    )
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  const ms = performance.now() - t0;
  // What the rollback left behind (dead rows) is cleared before the real generation runs.
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Reservation", "Invoice", "InvoiceLine", "TransitionLog"`);
  return ms;
}

async function main() {
  const trace = process.env.BENCH_TRACE ? await import("./sql-trace") : null;
  const t0 = performance.now();
  const w = await seed();
  console.log(
    `Données : ${FAMILIES} familles, ${await prisma.reservation.count({ where: { timeUnit: { activity: { structureId: w.structure.id } } } })} réservations, en ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (process.env.BENCH_SEED_ONLY) {
    console.log(`Structure : ${w.structure.id}`);
    return db.$disconnect();
  }
  // The aggregate once to warm the cache (the data were just written: a cold first read made the median of three
  // a slow, flattering reference), then three times: their median is the reference.
  const [, coldMs] = await timed(() => aggregate(w.structure.id));
  const runs: number[] = [];
  let reference = { families: 0, totalCents: 0 };
  for (let i = 0; i < 3; i++) {
    const [result, ms] = await timed(() => aggregate(w.structure.id));
    reference = result;
    runs.push(ms);
  }
  const aggregateMs = [...runs].sort((a, b) => a - b)[1]!;
  const floorMs = await writeFloor(w.structure.id);
  let last = 0;
  if (trace) {
    trace.setTracing(true);
    await trace.startProfile();
  }
  const [summary, generateMs] = await timed(() =>
    generateMonth({
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
    }),
  );
  if (trace) {
    trace.setTracing(false);
    await trace.stopProfile(PROFILE);
    trace.report();
    trace.summarise(PROFILE);
  }
  console.log(
    `Agrégat SQL (référence) : ${reference.families} familles, ${(reference.totalCents / 100).toFixed(2)} €, ${aggregateMs.toFixed(0)} ms (médiane de ${runs.map((r) => r.toFixed(0)).join(" / ")}, après une lecture à froid de ${coldMs.toFixed(0)} ms)`,
  );
  console.log(
    `Plancher des écritures (mêmes factures, lignes, cases et journal, une instruction SQL par table, annulé) : ${floorMs.toFixed(0)} ms, ${(floorMs / aggregateMs).toFixed(1)}× l'agrégat`,
  );
  console.log(
    `Générer le mois : ${summary.invoices} factures, ${(summary.totalCents / 100).toFixed(2)} €, ${generateMs.toFixed(0)} ms (${(generateMs / summary.invoices).toFixed(1)} ms par famille)`,
  );
  console.log(
    `Rapport génération / agrégat : ${(generateMs / aggregateMs).toFixed(1)}× (objectif ≤ 3×) ; génération / plancher des écritures : ${(generateMs / floorMs).toFixed(1)}× ; totaux ${summary.totalCents === reference.totalCents && summary.invoices === reference.families ? "identiques" : "DIFFÉRENTS"}`,
  );
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
