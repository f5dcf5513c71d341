/**
 * `node --import tsx scripts/serve.ts`: serves an existing production build
 * (the environment gives DATABASE_URL, PORT, NEXT_DIST_DIR…). Used by the test
 * run; `npm start` does the same in its own process after preparing everything.
 */
import { attachNext, listen } from "./lib/serve";
import { installShutdownHandlers, onShutdown, reportFatal } from "./lib/lifecycle";
import { ROOT } from "./lib/app-env";

async function main() {
  installShutdownHandlers();
  const port = Number(process.env.PORT ?? 3000);
  const portal = await listen(port);
  onShutdown(() => portal.close());
  await attachNext(portal, { dir: ROOT, port });
  console.log(`[serve] prêt sur http://localhost:${port}`);
}

main().catch(reportFatal);
