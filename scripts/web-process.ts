/**
 * One web process of several (WEB_PROCESSES, ADR 041), forked by scripts/lib/serve.ts's serveNext: the primary has
 * done the checks, the migrations and prepared the environment; this process loads Next.js, then listens on the
 * shared port (Node's cluster), so that no connection is handed to it before it can answer. It stops with its
 * primary (signal, or the primary gone: scripts/lib/lifecycle.ts).
 */
import { ROOT } from "./lib/app-env";
import { attachNext, listen } from "./lib/serve";
import { installShutdownHandlers, onShutdown, reportFatal } from "./lib/lifecycle";
import { switchToJsonLogs } from "./lib/log";

async function main() {
  if (process.env.WEB_PROCESS_LOGS === "json") switchToJsonLogs();
  installShutdownHandlers();
  const port = Number(process.env.PORT);
  let handler: Parameters<Parameters<typeof attachNext>[0]["attach"]>[0] | null = null;
  await attachNext({ attach: (h) => (handler = h), close: async () => {} }, { dir: ROOT, port });
  const portal = await listen(port);
  portal.attach(handler!);
  onShutdown(() => portal.close());
}

main().catch(reportFatal);
