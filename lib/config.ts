import { randomBytes } from "node:crypto";

/** Settings read from the environment, with the local defaults (all optional). */
export const config = {
  appUrl: (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, ""),
  structureName: process.env.STRUCTURE_NAME ?? "Centre social Les Tilleuls",
  mailFrom: process.env.MAIL_FROM ?? "Portail Famille <portail@les-tilleuls.example>",
  resendApiKey: process.env.RESEND_API_KEY ?? "",
  /** Without a Resend key, e-mails go to the local stand-in (see the mailbox under /admin). */
  get usesEmailStandIn(): boolean {
    return this.resendApiKey === "";
  },
  /** The stand-in is reached on loopback, never through the public address. */
  get resendBaseUrl(): string {
    return process.env.RESEND_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/api/resend-stand-in`;
  },
};

/**
 * The key the local stand-in accepts: generated per installation (.data/, set
 * by the run scripts), else random for this process — the worker that sends
 * and the route that receives live in the same process.
 */
export const STAND_IN_API_KEY = process.env.RESEND_STAND_IN_KEY || `re_local_${randomBytes(24).toString("base64url")}`;
