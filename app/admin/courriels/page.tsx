import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listEmails } from "@/lib/email/list-emails";
import { config } from "@/lib/config";
import { formatDateTime, formatTime, count } from "@/lib/format";
import { MAX_ATTEMPTS } from "@/lib/email/deliver-emails";
import { getSenderStatus, senderWarning } from "@/lib/email/get-sender-status";
import { RetryEmailButton } from "@/components/admin/retry-email-button";
import { retryEmailAction } from "./actions";

export const metadata: Metadata = { title: "E-mails" };

const STATUS = {
  PENDING: { label: "En cours d'envoi", className: "bg-amber-100 text-amber-900 border border-amber-700" },
  SENT: { label: "Envoyé", className: "bg-green-100 text-green-900 border border-green-700" },
  FAILED: { label: "Échec", className: "bg-red-100 text-red-900 border border-red-700" },
} as const;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffPage("/admin/courriels", searchParams);
  const params = await searchParams;
  const recipient = typeof params.destinataire === "string" ? params.destinataire.slice(0, 254) : "";
  const status = params.statut === "PENDING" || params.statut === "SENT" || params.statut === "FAILED" ? params.statut : undefined;
  const [emails, sender] = await Promise.all([listEmails({ recipient: recipient || undefined, status }), getSenderStatus()]);
  const warning = senderWarning(sender);
  return (
    <div className="page-wide">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        E-mails
      </h1>
      {warning ? (
        <p role="alert" className="alert alert-error">
          {warning}
        </p>
      ) : null}
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
      <form method="get" className="card mb-4 flex flex-wrap items-end gap-3" role="search">
        <div className="field mb-0 flex-1">
          <label htmlFor="destinataire" className="field-label">
            Destinataire
          </label>
          <input id="destinataire" name="destinataire" type="search" defaultValue={recipient} className="input" />
        </div>
        <div className="field mb-0">
          <label htmlFor="statut" className="field-label">
            État
          </label>
          <select id="statut" name="statut" defaultValue={status ?? ""} className="input">
            <option value="">Tous</option>
            <option value="SENT">Envoyé</option>
            <option value="PENDING">En cours d&apos;envoi</option>
            <option value="FAILED">Échec</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          Filtrer
        </button>
      </form>
      {emails.length === 0 ? (
        <p>Aucun e-mail.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="E-mails">
          {emails.map((email) => (
            <li key={email.id} className="card">
              <article aria-label={`${email.subject} — ${email.to}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="font-bold">{email.subject}</h2>
                  <span className={`badge ${STATUS[email.status].className}`}>{STATUS[email.status].label}</span>
                </div>
                <p className="text-sm text-gray-700">
                  À <span className="break-all">{email.to}</span> — écrit le {formatDateTime(email.createdAt)}
                  {email.sentAt ? `, envoyé le ${formatDateTime(email.sentAt)}` : ""} — {count(email.attempts, "tentative")}
                </p>
                {email.status === "PENDING" && email.attempts > 0 ? (
                  <p className="text-sm font-semibold text-amber-900">
                    Échec de la tentative {email.attempts} sur {MAX_ATTEMPTS} — nouvelle tentative à {formatTime(email.nextAttemptAt)}
                  </p>
                ) : null}
                {email.lastError && email.status !== "SENT" ? (
                  <p className="text-sm text-red-800">Dernière erreur : {email.lastError}</p>
                ) : null}
                <details className="mt-2">
                  <summary className="cursor-pointer font-semibold text-brand">Lire le message</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{email.text}</pre>
                </details>
                {email.status === "FAILED" || (email.status === "PENDING" && email.attempts > 0) ? (
                  <RetryEmailButton id={email.id} subject={`${email.subject} — ${email.to}`} retry={retryEmailAction} />
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
