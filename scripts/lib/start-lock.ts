import fs from "node:fs";
import path from "node:path";
import { processIsAlive } from "./database";
import { StartError } from "./lifecycle";

/**
 * One `npm start` per clone: a second one would rebuild `.next` under the live
 * server and share its data directory. The lock holds the pid and the port;
 * a lock whose process is gone is taken over.
 */
export function takeStartLock(root: string, port: number): () => void {
  // One lock per build folder: the test run's server (.next-test) never collides with the demo's.
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const file = path.join(root, ".data", dist === ".next" ? "start.lock" : `start-${dist.replace(/[^\w-]/g, "")}.lock`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, port }), { flag: "wx", mode: 0o600 });
      return () => {
        try {
          const held = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number };
          if (held.pid === process.pid) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let held: { pid?: number; port?: number } = {};
      try {
        held = JSON.parse(fs.readFileSync(file, "utf8")) as typeof held;
      } catch {
        // unreadable: treated as stale
      }
      if (held.pid && held.pid !== process.pid && processIsAlive(held.pid)) {
        throw new StartError(
          `Le portail tourne déjà depuis ce dossier (processus ${held.pid}, port ${held.port ?? "?"}). ` +
            `Arrêtez-le d'abord (Ctrl+C dans son terminal, ou kill ${held.pid}).`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new StartError("Impossible de prendre le verrou de démarrage (.data/start.lock).");
}
