import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClipboardList, Home, RefreshCw, UserPlus } from "lucide-react";
import { parentPage } from "@/lib/auth/session";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { listRenewals } from "@/lib/inscriptions/list-renewals";
import { listYearlyRefresh } from "@/lib/inscriptions/list-yearly-refresh";
import { AwaitingValidationNotice } from "@/components/family/awaiting-validation-notice";
import { withdrawPreparedInscriptionAction } from "@/app/mes-inscriptions/actions";
import { formatDate } from "@/lib/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { TodoLinks } from "@/components/family/todo-links";

export const metadata: Metadata = { title: "Mon tableau de bord" };

const QUOTIENT_HREF = "/mes-coordonnees#quotient";

export default async function DashboardPage() {
  const user = await parentPage("/tableau-de-bord");
  const now = new Date();
  // One statement for the whole page (ADR 048), the family's own rows only; the renewal offer in one more (ADR 052).
  const [dashboard, renewal] = await Promise.all([getFamilyDashboard(user.familyId, now), listRenewals(user.familyId, now)]);
  if (!dashboard) notFound();
  const { awaiting } = dashboard;
  // The yearly refresh of the family file joins « À faire » while a renewal is offered (before the new year starts).
  const refresh = renewal ? await listYearlyRefresh(user.familyId, renewal, now) : [];
  // Said once: a quotient already asked (none known yet) is not asked again for the new year.
  const askedAlready = (r: { text: string; href: string }) =>
    dashboard.todo.some((t) => t.text === r.text || (r.href === QUOTIENT_HREF && t.href === QUOTIENT_HREF));
  const todo = [...dashboard.todo, ...refresh.filter((r) => !askedAlready(r))];
  return (
    <Page>
      <PageHeader
        title="Mon tableau de bord"
        description={
          <>
            Bonjour {user.displayName} — {dashboard.familyName}
          </>
        }
      />
      <nav aria-label="Raccourcis" className="mb-5">
        <ul className="grid gap-2 sm:grid-cols-3">
          <li>
            <LinkButton href="/mes-inscriptions/nouvelle" className="w-full">
              <ClipboardList aria-hidden="true" className="size-5" /> Nouvelle inscription
            </LinkButton>
          </li>
          <li>
            <LinkButton href="/ma-famille/ajouter-un-enfant" variant="secondary" className="w-full">
              <UserPlus aria-hidden="true" className="size-5" /> Ajouter un enfant
            </LinkButton>
          </li>
          <li>
            <LinkButton href="/mes-coordonnees" variant="secondary" className="w-full">
              <Home aria-hidden="true" className="size-5" /> Mes coordonnées
            </LinkButton>
          </li>
        </ul>
      </nav>
      {awaiting.length > 0 ? (
        <section aria-label="Enfants en attente de validation" className="mb-4 flex flex-col gap-3">
          {awaiting.map((child) => (
            <AwaitingValidationNotice key={child.id} child={child} withdraw={withdrawPreparedInscriptionAction} />
          ))}
        </section>
      ) : null}
      {renewal && renewal.openCount > 0 ? (
        <section aria-labelledby="reinscription-titre" className="mb-4 rounded-md border border-brand bg-brand-soft p-3 text-brand-dark">
          <h2 id="reinscription-titre" className="font-bold">
            Nouvelle année : {renewal.years.join(" et ")}
          </h2>
          <p className="mb-2 text-sm">
            {renewal.openCount === 1
              ? "1 inscription de cette année peut être renouvelée"
              : `${renewal.openCount} inscriptions de cette année peuvent être renouvelées`}{" "}
            en une fois, pour chaque enfant.
          </p>
          <LinkButton href="/mes-inscriptions/reinscrire">
            <RefreshCw aria-hidden="true" className="size-5" /> {renewal.label}
          </LinkButton>
        </section>
      ) : null}
      {todo.length > 0 ? (
        <Card title="À faire" titleId="a-faire" className="mb-4 border-l-4 border-l-amber-600">
          <TodoLinks items={todo} />
        </Card>
      ) : null}
      <Card
        title="Mes demandes"
        titleId="demandes-titre"
        id="demandes"
        actions={
          dashboard.waitingCount > 0 ? (
            <span className="text-sm text-gray-800">
              {dashboard.waitingCount === 1
                ? "1 demande en attente de validation"
                : `${dashboard.waitingCount} demandes en attente de validation`}
            </span>
          ) : null
        }
      >
        {dashboard.requests.length === 0 ? (
          <EmptyState title="Aucune demande pour le moment">
            Vos demandes d&apos;inscription, de réservation et de modification apparaîtront ici, avec leur réponse.
          </EmptyState>
        ) : (
          <ul className="flex flex-col" aria-labelledby="demandes-titre">
            {dashboard.requests.map((request) => (
              <li key={request.id} className="border-b border-gray-200 py-2 last:border-0">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={request.href} className={cn(linkClass, "inline-flex min-h-11 items-center font-semibold sm:min-h-0")}>
                    {request.label}
                  </Link>
                  <StatusBadge label={request.state.label} tone={request.state.tone} />
                </div>
                <p className="text-sm text-gray-700">
                  {/* A document is « envoyé », a request « envoyée »: the dates say it the same way for both. */}
                  Envoi du {formatDate(request.sentAt)}
                  {request.decidedAt ? ` — réponse du ${formatDate(request.decidedAt)}` : ""}
                </p>
                {request.reason ? <p className="text-sm">Motif : {request.reason}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Page>
  );
}
