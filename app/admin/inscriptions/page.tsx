import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listActivityFilters, listInscriptionQueue } from "@/lib/inscriptions/list-inscriptions";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { DecisionControls } from "@/components/admin/decision-controls";
import { BulkDecisionForm, SelectBox } from "@/components/admin/bulk-decision-form";
import { validateInscriptionAction, decideInscriptionsAction, refuseInscriptionAction } from "./actions";

export const metadata: Metadata = { title: "Demandes d'inscription" };

export default async function InscriptionQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffPage("/admin/inscriptions");
  const params = await searchParams;
  const activityId = typeof params.activite === "string" && params.activite ? params.activite : undefined;
  const periodId = typeof params.periode === "string" && params.periode ? params.periode : undefined;
  const [queue, activities] = await Promise.all([listInscriptionQueue({ activityId, periodId }), listActivityFilters()]);
  const periods = activities.find((a) => a.id === activityId)?.periods ?? [];
  return (
    <div className="page-wide">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Demandes d&apos;inscription</h1>
      <form method="get" className="card mb-4 flex flex-wrap items-end gap-3" aria-label="Filtres">
        <div className="field mb-0">
          <label htmlFor="filtre-activite" className="field-label">Activité</label>
          <select id="filtre-activite" name="activite" defaultValue={activityId ?? ""} className="input">
            <option value="">Toutes</option>
            {activities.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        {periods.length > 0 ? (
          <div className="field mb-0">
            <label htmlFor="filtre-periode" className="field-label">Période</label>
            <select id="filtre-periode" name="periode" defaultValue={periodId ?? ""} className="input">
              <option value="">Toutes</option>
              {periods.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary">Filtrer</button>
      </form>
      {queue.length === 0 ? <p>Aucune demande en attente.</p> : (
        <>
          <BulkDecisionForm formId="lot-inscriptions" action={decideInscriptionsAction} />
          <h2 className="mb-3 text-xl font-bold">En attente ({queue.length}), les plus anciennes d&apos;abord</h2>
          <ul className="grid gap-4 md:grid-cols-2">
            {queue.map((inscription) => {
              const subject = `inscription de ${inscription.child.firstName} ${inscription.child.lastName} — ${inscription.activity.name}`;
              return (
                <li key={inscription.id} className="card">
                  <article aria-label={subject}>
                    <h3 className="font-bold">{inscription.child.firstName} {inscription.child.lastName.toUpperCase()} ({ageLabel(inscription.child.birthDate)})</h3>
                    <p className="text-sm"><Link href={`/admin/familles/${inscription.family.id}`} className="link">{inscription.family.name}</Link></p>
                    <p className="text-sm">{inscription.activity.name} · {inscription.period.name}{inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""}</p>
                    <p className="text-sm">Du {formatCalendarDate(inscription.startDate)} au {formatCalendarDate(inscription.endDate)} — envoyée le {formatDateTime(inscription.createdAt)}</p>
                    <p className="text-sm font-semibold">{inscription.marker.label}{inscription.position ? ` (position ${inscription.position})` : ""}</p>
                    <SelectBox formId="lot-inscriptions" id={inscription.id} label={subject} />
                    <DecisionControls id={inscription.id} subject={subject} accept={validateInscriptionAction} refuse={refuseInscriptionAction} />
                  </article>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
