import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { formatDate } from "@/lib/format";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Mon tableau de bord" };

export default async function DashboardPage() {
  const user = await parentPage("/tableau-de-bord");
  const dashboard = await getFamilyDashboard(user.familyId);
  if (!dashboard) notFound();
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Mon tableau de bord</h1>
      <p className="mb-4">
        Bonjour {user.displayName} — {dashboard.familyName}
      </p>
      {dashboard.todo.length > 0 ? (
        <section aria-labelledby="a-faire" className="card mb-4 border-amber-700">
          <h2 id="a-faire" className="mb-2 text-lg font-bold">À faire</h2>
          <ul className="list-disc pl-5">
            {dashboard.todo.map((item) => (
              <li key={item.text}><Link href={item.href} className="link">{item.text}</Link></li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="demandes-titre" id="demandes" className="card">
        <h2 id="demandes-titre" className="mb-3 text-lg font-bold">Mes demandes</h2>
        {dashboard.requests.length === 0 ? (
          <p>Aucune demande pour le moment.</p>
        ) : (
          <ul className="flex flex-col gap-3" aria-labelledby="demandes-titre">
            {dashboard.requests.map((request) => (
              <li key={request.id} className="border-b border-gray-200 pb-2 last:border-0">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold">{request.label}</span>
                  <StatusBadge label={request.state.label} tone={request.state.tone} />
                </div>
                <p className="text-sm text-gray-700">
                  Envoyée le {formatDate(request.sentAt)}
                  {request.decidedAt ? ` — traitée le ${formatDate(request.decidedAt)}` : ""}
                </p>
                {request.reason ? <p className="text-sm">Motif : {request.reason}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
