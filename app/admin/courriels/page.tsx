import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listEmails } from "@/lib/email/list-emails";
import { config } from "@/lib/config";
import { formatDateTime, formatTime, count } from "@/lib/format";
import { MAX_ATTEMPTS } from "@/lib/email/deliver-emails";
import { getSenderStatus, senderWarning } from "@/lib/email/get-sender-status";
import { RetryEmailButton } from "@/components/admin/retry-email-button";
import { retryEmailAction } from "./actions";
import { EMAIL_STATUSES, isIn, EMAIL_STATUS_LABELS } from "@/lib/workflow/machines";
import { Page, PageTitle } from "@/components/ui/page";
import { cardClass, fieldClass, labelClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "E-mails" };

const TONE = {
  PENDING: "waiting",
  SENT: "done",
  FAILED: "refused",
} as const;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffPage("/admin/courriels", searchParams);
  const params = await searchParams;
  const recipient = typeof params.destinataire === "string" ? params.destinataire.slice(0, 254) : "";
  const status = typeof params.statut === "string" && isIn(EMAIL_STATUSES.ALL, params.statut) ? params.statut : undefined;
  const [emails, sender] = await Promise.all([listEmails({ recipient: recipient || undefined, status }), getSenderStatus()]);
  const warning = senderWarning(sender);
  return (
    <Page width="wide">
      <PageTitle id="titre-page" tabIndex={-1}>
        E-mails
      </PageTitle>
      {warning ? <Alert tone="error">{warning}</Alert> : null}
      <p className="mb-2">
        Chaque e-mail est écrit ici au moment de la décision, puis envoyé avec des nouvelles tentatives en cas d&apos;échec.
      </p>
      {config.usesEmailStandIn ? (
        <p className="mb-4 text-sm text-gray-700">
          Aucun service d&apos;envoi n&apos;est configuré sur ce serveur : les e-mails restent dans cette liste et ne partent pas. Demandez
          à l&apos;administrateur technique d&apos;en configurer un.
        </p>
      ) : (
        <p className="mb-4 text-sm text-gray-700">Les e-mails partent par Resend.</p>
      )}
      <form method="get" className={cn(cardClass, "mb-4 flex flex-wrap items-end gap-3")} role="search">
        <div className={cn(fieldClass, "mb-0 flex-1")}>
          <label htmlFor="destinataire" className={labelClass}>
            Destinataire
          </label>
          <Input id="destinataire" name="destinataire" type="search" defaultValue={recipient} />
        </div>
        <div className={cn(fieldClass, "mb-0")}>
          <label htmlFor="statut" className={labelClass}>
            État
          </label>
          <Select id="statut" name="statut" defaultValue={status ?? ""}>
            <option value="">Tous</option>
            <option value="SENT">{EMAIL_STATUS_LABELS.SENT}</option>
            <option value="PENDING">{EMAIL_STATUS_LABELS.PENDING}</option>
            <option value="FAILED">{EMAIL_STATUS_LABELS.FAILED}</option>
          </Select>
        </div>
        <Button type="submit" variant="primary">
          Filtrer
        </Button>
      </form>
      {emails.length === 0 ? (
        <p>Aucun e-mail.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="E-mails">
          {emails.map((email) => (
            <li key={email.id} className={cardClass}>
              <article aria-label={`${email.subject} — ${email.to}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="font-bold">{email.subject}</h2>
                  <Badge tone={TONE[email.status]}>{EMAIL_STATUS_LABELS[email.status]}</Badge>
                </div>
                <p className="text-sm text-gray-700">
                  À <span className="break-all">{email.to}</span> — écrit le {formatDateTime(email.createdAt)}
                  {email.sentAt ? `, envoyé le ${formatDateTime(email.sentAt)}` : ""} — {count(email.attempts, "tentative")}
                </p>
                {isIn(EMAIL_STATUSES.QUEUED, email.status) && email.attempts > 0 ? (
                  <p className="text-sm font-semibold text-amber-900">
                    Échec de la tentative {email.attempts} sur {MAX_ATTEMPTS} — nouvelle tentative à {formatTime(email.nextAttemptAt)}
                  </p>
                ) : null}
                {email.lastError && !isIn(EMAIL_STATUSES.SENT, email.status) ? (
                  <p className="text-sm text-red-800">Dernière erreur : {email.lastError}</p>
                ) : null}
                <details className="mt-2">
                  <summary className="cursor-pointer font-semibold text-brand">Lire le message</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{email.text}</pre>
                </details>
                {isIn(EMAIL_STATUSES.GAVE_UP, email.status) || (isIn(EMAIL_STATUSES.QUEUED, email.status) && email.attempts > 0) ? (
                  <RetryEmailButton id={email.id} subject={`${email.subject} — ${email.to}`} retry={retryEmailAction} />
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
