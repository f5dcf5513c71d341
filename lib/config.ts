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
  /**
   * PayFiP (ADR 054): the DGFiP's web service and its payment page. Without PAYFIP_WS_URL, the local stand-in serves
   * both (app/api/payfip-stand-in, /paiement/payfip-simulateur); production refuses it unless ALLOW_PAYFIP_STAND_IN=1.
   */
  get usesPayfipStandIn(): boolean {
    return !process.env.PAYFIP_WS_URL;
  },
  /** The SOAP endpoint of « PaiementSecuriseService »; the stand-in's on loopback when unset. */
  get payfipWsUrl(): string {
    return process.env.PAYFIP_WS_URL || `http://127.0.0.1:${process.env.PORT ?? 3000}/api/payfip-stand-in/services/securite`;
  },
  /** The treasury's payment page, opened with « ?idop=<idOp> ». */
  get payfipPaymentUrl(): string {
    if (process.env.PAYFIP_PAYMENT_URL) return process.env.PAYFIP_PAYMENT_URL;
    return this.usesPayfipStandIn ? `${this.appUrl}/paiement/payfip-simulateur` : "https://www.payfip.gouv.fr/tpa/paiementws.web";
  },
  /** « saisie »: T (test), X (activation), W (production) — as the DGFiP's correspondent says for each stage. */
  get payfipSaisie(): "T" | "X" | "W" {
    const value = process.env.PAYFIP_SAISIE ?? "T";
    return value === "X" || value === "W" ? value : "T";
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
