/**
 * A clean stop, whatever asks for it: Ctrl+C (SIGINT), a process manager or a
 * container stop (SIGTERM), a closed terminal (SIGHUP), or the parent (npm)
 * dying without passing the signal on — then we are re-parented and notice it
 * within a second. Cleanups run once, in reverse order of registration.
 */
const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;

export function onShutdown(cleanup: () => Promise<void> | void): void {
  cleanups.unshift(cleanup);
}

export async function shutdown(code: number, reason?: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (reason) console.error(`[arrêt] ${reason} : arrêt propre en cours…`);
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        console.error("[arrêt]", error instanceof Error ? error.message : error);
      }
    }
  }
  process.exit(code);
}

export function installShutdownHandlers(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void shutdown(0, `signal ${signal} reçu`));
  }
  const parent = process.ppid;
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) void shutdown(0, "le processus parent s'est arrêté");
  }, 1000);
  watchdog.unref();
}

/** A French message for a failure we expected (no stack trace), or the error itself. */
export class StartError extends Error {}

export function reportFatal(error: unknown): Promise<never> {
  if (error instanceof StartError) console.error(`\n✖ ${error.message}\n`);
  else console.error("\n✖ Erreur inattendue :", error instanceof Error ? (error.stack ?? error.message) : error);
  return shutdown(1);
}
