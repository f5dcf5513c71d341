import "server-only";
import { db } from "@/lib/db";
import { getSenderStatus } from "@/lib/email/get-sender-status";

export interface Health {
  statut: "ok" | "indisponible";
  application: "ok";
  base: "ok" | "indisponible";
  courriels: { envoi: "actif" | "arrêté"; enNouvelleTentative: number; enEchec: number } | null;
  heure: string;
}

/** The app answers; is the database there (within 3 s), and how goes the sending of e-mails? */
export async function checkHealth(): Promise<Health> {
  const heure = new Date().toISOString();
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("délai dépassé")), 3000))]);
  } catch {
    return { statut: "indisponible", application: "ok", base: "indisponible", courriels: null, heure };
  }
  const sender = await getSenderStatus();
  return {
    statut: "ok",
    application: "ok",
    base: "ok",
    courriels: { envoi: sender.workerOff ? "arrêté" : "actif", enNouvelleTentative: sender.retrying, enEchec: sender.failed },
    heure,
  };
}
