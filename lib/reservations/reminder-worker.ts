import { sendDueReminders } from "./send-reminders";

const globalForWorker = globalThis as unknown as { reminderWorker?: NodeJS.Timeout };

/**
 * Runs the reminders inside the server process: a minute after start, then every `intervalMs` (10 minutes).
 * Each reminder is queued once whatever the number of runs or of servers (its key in the outbox).
 */
export function startReminderWorker(intervalMs = Number(process.env.REMINDER_WORKER_INTERVAL_MS ?? 600_000)): void {
  if (globalForWorker.reminderWorker || process.env.REMINDER_WORKER === "off") return;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    sendDueReminders()
      .then(({ opening, deadline }) => {
        if (opening + deadline > 0)
          console.log(`[rappels] ${opening} rappel(s) d'ouverture et ${deadline} rappel(s) de délai mis en file d'envoi`);
      })
      .catch((error: unknown) => console.error("[rappels] l'envoi des rappels a échoué :", error))
      .finally(() => {
        running = false;
      });
  };
  setTimeout(run, 60_000).unref();
  globalForWorker.reminderWorker = setInterval(run, intervalMs);
  globalForWorker.reminderWorker.unref();
}
