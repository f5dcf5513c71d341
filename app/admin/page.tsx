import type { Metadata } from "next";
import Link from "next/link";
import { Search } from "lucide-react";
import { staffPage } from "@/lib/auth/session";
import { readStaffHome } from "@/lib/staff/count-staff-queues";
import { parisDay } from "@/lib/calendar/paris";
import { count, formatClock, formatLongDate } from "@/lib/format";
import { senderWarning } from "@/lib/email/get-sender-status";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { Input } from "@/components/ui/input";

export const metadata: Metadata = { title: "Tableau de bord de l'accueil" };

export default async function AdminHomePage() {
  const staff = await staffPage("/admin");
  const today = parisDay(new Date());
  // One statement for the whole page (ADR 047).
  const { counts, sender, door } = await readStaffHome(staff.scope, today);
  const warning = senderWarning(sender);
  const queues = [
    { href: "/admin/demandes-de-compte", label: "Demandes de compte en attente", count: counts.accountRequests, urgent: false },
    { href: "/admin/inscriptions", label: "Demandes d'inscription en attente", count: counts.inscriptions, urgent: false },
    { href: "/admin/reservations", label: "Demandes de réservation en attente", count: counts.reservations, urgent: false },
    { href: "/admin/reservations#annulations", label: "Demandes d'annulation en attente", count: counts.cancellations, urgent: false },
    { href: "/admin/demandes-de-modification", label: "Demandes de modification en attente", count: counts.changes, urgent: false },
    { href: "/admin/demandes-de-modification?type=enfants", label: "Nouveaux enfants à valider", count: counts.newChildren, urgent: false },
    { href: "/admin/courriels?statut=FAILED", label: "E-mails en échec", count: counts.failedEmails, urgent: true },
    { href: "/admin/courriels?statut=PENDING", label: "E-mails en cours d'envoi", count: counts.pendingEmails, urgent: false },
  ];
  const toDo = queues.filter((q) => q.count > 0);
  const empty = queues.filter((q) => q.count === 0);
  return (
    <Page width="wide">
      <PageHeader
        title="Tableau de bord de l'accueil"
        description={
          toDo.length === 0
            ? "Rien n'attend : toutes les demandes sont traitées."
            : `${toDo.reduce((n, q) => n + q.count, 0)} éléments attendent un traitement.`
        }
      />
      {warning ? (
        <Alert tone="error">
          {warning}{" "}
          <Link href="/admin/courriels" className={linkClass}>
            Voir les e-mails
          </Link>
        </Alert>
      ) : null}
      {toDo.length > 0 ? (
        <section aria-labelledby="a-traiter" className="mb-6">
          <h2 id="a-traiter" className="mb-2 text-xl font-bold">
            À traiter
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {toDo.map((queue) => (
              <li key={queue.href}>
                <Link
                  href={queue.href}
                  className={cn(
                    "flex min-h-24 flex-col justify-between rounded-lg border-2 bg-white p-4 no-underline shadow-sm hover:shadow-md",
                    queue.urgent ? "border-red-700" : "border-brand",
                  )}
                >
                  <span className={cn("text-4xl font-bold", queue.urgent ? "text-red-800" : "text-brand")}>{queue.count}</span>
                  <span className="font-semibold text-gray-900 underline">{queue.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {door.length > 0 ? (
        <section aria-labelledby="aujourdhui" className="mb-6">
          <h2 id="aujourdhui" className="mb-2 text-xl font-bold">
            Aujourd&apos;hui, {formatLongDate(today)}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {door.map((d) => (
              <li key={d.unit.id}>
                <Link
                  href={`/admin/pointage?activite=${d.activity.id}&unite=${d.unit.id}`}
                  className="flex flex-col rounded-lg border border-gray-400 bg-white p-3 no-underline hover:shadow-md"
                >
                  <span className="font-semibold text-gray-900 underline">
                    Pointage : {d.unit.name} ({formatClock(d.unit.startTime)})
                  </span>
                  <span className="text-sm text-gray-800">
                    {d.activity.name} — {count(d.expected, "enfant attendu", "enfants attendus")}, {count(d.pointed, "pointé", "pointés")}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {empty.length > 0 ? (
        <section aria-labelledby="rien-en-attente" className="mb-6">
          <h2 id="rien-en-attente" className="mb-1 text-base font-semibold text-gray-700">
            Rien en attente
          </h2>
          <ul className="flex flex-wrap gap-x-4 text-sm text-gray-700">
            {empty.map((queue) => (
              <li key={queue.href}>
                <Link href={queue.href} className="inline-flex min-h-11 items-center underline">
                  {queue.label} : 0
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Card title="Familles" titleId="recherche">
        <form method="get" action="/admin/familles" role="search" className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-60 flex-1 flex-col gap-1">
            <label htmlFor="recherche-famille" className="font-semibold">
              Rechercher une famille
            </label>
            <p id="recherche-aide" className="text-sm text-gray-700">
              Nom, e-mail ou prénom d&apos;un enfant
            </p>
            <Input id="recherche-famille" name="q" type="search" aria-describedby="recherche-aide" />
          </div>
          <Button type="submit">
            <Search aria-hidden="true" className="size-5" /> Rechercher
          </Button>
        </form>
      </Card>
    </Page>
  );
}
