import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { countStaffQueues } from "@/lib/staff/queues";
import { getSenderStatus, senderWarning } from "@/lib/email/sender-status";

export const metadata: Metadata = { title: "Gestion" };

export default async function AdminHomePage() {
  await staffPage("/admin");
  const [counts, sender] = await Promise.all([countStaffQueues(), getSenderStatus()]);
  const warning = senderWarning(sender);
  const queues = [
    { href: "/admin/demandes-de-compte", label: "Demandes de compte en attente", count: counts.accountRequests },
    { href: "/admin/inscriptions", label: "Demandes d'inscription en attente", count: counts.inscriptions },
    { href: "/admin/demandes-de-modification", label: "Demandes de modification en attente", count: counts.changes },
    { href: "/admin/demandes-de-modification?type=enfants", label: "Nouveaux enfants à valider", count: counts.newChildren },
    { href: "/admin/courriels?statut=FAILED", label: "Courriels en échec", count: counts.failedEmails },
    { href: "/admin/courriels?statut=PENDING", label: "Courriels en cours d'envoi", count: counts.pendingEmails },
  ];
  return (
    <div className="page-wide">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>À traiter</h1>
      {warning ? (
        <p role="alert" className="alert alert-error">
          {warning} <Link href="/admin/courriels" className="link">Voir les courriels</Link>
        </p>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {queues.map((queue) => (
          <li key={queue.href} className="card">
            <Link href={queue.href} className="link block">
              <span className="block text-3xl font-bold">{queue.count}</span>
              {queue.label}
            </Link>
          </li>
        ))}
      </ul>
      <h2 className="mb-2 mt-6 text-xl font-bold">Familles</h2>
      <form method="get" action="/admin/familles" role="search" className="card flex flex-wrap items-end gap-3">
        <div className="field mb-0 flex-1">
          <label htmlFor="recherche-famille" className="field-label">Rechercher une famille</label>
          <input id="recherche-famille" name="q" type="search" className="input" placeholder="Nom, e-mail ou prénom d'un enfant" />
        </div>
        <button type="submit" className="btn btn-primary">Rechercher</button>
      </form>
    </div>
  );
}
