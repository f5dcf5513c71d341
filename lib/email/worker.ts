import { config } from "@/lib/config";
import { deliverDueEmails } from "./deliver-emails";

const globalForWorker = globalThis as unknown as { emailWorker?: NodeJS.Timeout };

/** Polls the outbox every few seconds inside the server process. */
export function startEmailWorker(intervalMs = Number(process.env.EMAIL_WORKER_INTERVAL_MS ?? 2000)): void {
  if (globalForWorker.emailWorker || process.env.EMAIL_WORKER === "off") return;
  console.log(
    config.usesEmailStandIn
      ? `[e-mail] RESEND_API_KEY absent : les e-mails vont au service local de remplacement (${config.resendBaseUrl}), visibles dans /admin/courriels`
      : "[e-mail] Envoi réel par Resend",
  );
  let running = false;
  globalForWorker.emailWorker = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEmails()
      .catch((error: unknown) => console.error("[e-mail] le worker a échoué :", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
}
