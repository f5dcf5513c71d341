/**
 * `npm run db:reset`: starts over from an empty base — the embedded database
 * « portail » is dropped and created again; the next `npm start` migrates it
 * and loads the demo data. With DATABASE_URL, it refuses: drop your own
 * database yourself (we never drop a database we did not create).
 */
import { dropDatabase, startDatabase } from "./lib/database";
import { reportFatal, StartError } from "./lib/lifecycle";
import { takeStartLock } from "./lib/start-lock";
import { ROOT } from "./lib/app-env";

async function main() {
  if (process.env.DATABASE_URL) {
    throw new StartError("DATABASE_URL est défini : videz vous-même cette base (npm run db:reset ne touche qu'à la base intégrée).");
  }
  // Refused while `npm start` runs from this folder (it holds the lock).
  const release = takeStartLock(ROOT, 0);
  const db = await startDatabase(null);
  try {
    const server = new URL(db.url);
    server.pathname = "/postgres";
    await dropDatabase(server.toString(), "portail");
    console.log("[db] Base « portail » supprimée : le prochain « npm start » la recrée avec les données de démonstration.");
  } finally {
    await db.stop();
    release();
  }
}

main().catch(reportFatal);
