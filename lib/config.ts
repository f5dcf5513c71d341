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
  get resendBaseUrl(): string {
    return process.env.RESEND_BASE_URL ?? `${this.appUrl}/api/resend-stand-in`;
  },
};

/** The key the stand-in accepts: anything works locally, but it must be sent. */
export const STAND_IN_API_KEY = "re_stand_in_local";
