/**
 * Runs one staff domain function of lib/reservations against the E2E database, as the staff console
 * (next issue) will: `node --conditions=react-server --import tsx e2e/domain.ts <name> '<json>'`.
 * The react-server condition is the one Next.js gives server code (it makes `server-only` importable).
 */
import { acceptReservations, decideCancellations, refuseReservations } from "../lib/reservations/decide-reservations";
import { createStaffUser } from "../prisma/factories";
import { actorFromUser } from "../lib/workflow";
import { db } from "../lib/db";
import type { PrismaClient } from "../lib/generated/prisma/client";

async function main() {
  const [name, json] = process.argv.slice(2);
  const input = JSON.parse(json ?? "{}") as { ids: string[]; reason?: string; decision?: "EXCUSED" | "BILLED" };
  const actor = actorFromUser(await createStaffUser(db as PrismaClient, { displayName: "Agent de test" }));
  const result =
    name === "accept"
      ? await acceptReservations({ ids: input.ids, actor })
      : name === "refuse"
        ? await refuseReservations({ ids: input.ids, reason: input.reason ?? "", actor })
        : name === "decide"
          ? await decideCancellations({
              decisions: input.ids.map((id) => ({ id, decision: input.decision ?? "EXCUSED" })),
              reason: input.reason ?? "",
              actor,
            })
          : null;
  if (result === null) throw new Error(`Fonction inconnue : ${name}`);
  process.stdout.write(JSON.stringify(result));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
