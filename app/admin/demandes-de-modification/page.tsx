import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { countPendingChangeRequests, listPendingChangeRequests } from "@/lib/families/list-change-requests";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { Details } from "@/components/ui/editable-section";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DecisionControls } from "@/components/admin/decision-controls";
import { BulkDecisionForm, SelectBox } from "@/components/admin/bulk-decision-form";
import { validateChangeRequestAction, decideChangeRequestsAction, refuseChangeRequestAction } from "./actions";
import { Page } from "@/components/ui/page";
import { hrefWith, Pager } from "@/components/ui/pager";
import { pageParam, QUEUE_PAGE_SIZE } from "@/lib/staff/paging";
import { linkClass, cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Demandes de modification" };

export default async function ChangeRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await staffPage("/admin/demandes-de-modification", searchParams);
  const params = await searchParams;
  const kind = params.type === "enfants" ? "CHILDREN" : "CHANGES";
  // One page of the queue (ADR 043).
  const [queue, counts] = await Promise.all([
    listPendingChangeRequests(kind, staff.scope, { page: pageParam(params), pageSize: QUEUE_PAGE_SIZE }),
    countPendingChangeRequests(staff.scope),
  ]);
  const requests = queue.items;
  return (
    <Page width="wide">
      <PageHeader
        title={kind === "CHILDREN" ? "Nouveaux enfants" : "Demandes de modification"}
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
      />
      <nav aria-label="Files d'attente" className="mb-4 flex flex-wrap gap-x-4">
        <Link
          href="/admin/demandes-de-modification"
          className={cn(linkClass, "inline-flex min-h-11 items-center")}
          aria-current={kind === "CHANGES" ? "page" : undefined}
        >
          Modifications de coordonnées et de santé ({counts.changes})
        </Link>
        <Link
          href="/admin/demandes-de-modification?type=enfants"
          className={cn(linkClass, "inline-flex min-h-11 items-center")}
          aria-current={kind === "CHILDREN" ? "page" : undefined}
        >
          Nouveaux enfants ({counts.children})
        </Link>
      </nav>
      {queue.total === 0 ? (
        <EmptyState title="Aucune demande en attente" />
      ) : (
        <>
          <BulkDecisionForm formId="lot-modifications" action={decideChangeRequestsAction} />
          <h2 id="file-attente" tabIndex={-1} className="mb-3 text-xl font-bold">
            En attente ({queue.total}), les plus anciennes d&apos;abord
          </h2>
          <ul className="grid gap-4 md:grid-cols-2">
            {requests.map((request) => {
              const subject = `${request.label} — ${request.family.name}`;
              return (
                <li key={request.id} className={cardClass}>
                  <article aria-label={subject}>
                    <h3 className="font-bold">{request.label}</h3>
                    <p className="text-sm">
                      <Link href={`/admin/familles/${request.family.id}`} className={linkClass}>
                        {request.family.name}
                      </Link>{" "}
                      — envoyée le {formatDateTime(request.createdAt)}
                    </p>
                    {request.child ? (
                      <div className="mt-2">
                        <p className="mb-2 flex flex-wrap gap-2">
                          {request.child.hasAllergies ? <Badge tone="refused">Allergies</Badge> : null}
                          {request.child.hasPai ? <Badge tone="refused">PAI</Badge> : null}
                          {request.child.authorizedPersons.length === 0 ? <Badge tone="waiting">Aucune personne autorisée</Badge> : null}
                        </p>
                        <Details
                          rows={[
                            [
                              "Enfant",
                              `${request.child.sex === "F" ? "Fille" : "Garçon"}, ${request.child.sex === "F" ? "née" : "né"} le ${formatCalendarDate(request.child.birthDate)} (${ageLabel(request.child.birthDate)})`,
                            ],
                            ["École", [request.child.school, request.child.schoolClass].filter(Boolean).join(", ")],
                            ["Allergies", request.child.hasAllergies ? `Oui — ${request.child.allergyNotes ?? ""}` : "Non"],
                            ["PAI", request.child.hasPai ? "Oui" : "Non"],
                            ["Repas", MEAL_TYPES[request.child.mealType]],
                            [
                              "Personnes autorisées",
                              request.child.authorizedPersons.length === 0
                                ? "Aucune"
                                : request.child.authorizedPersons.map((p) => `${p.fullName} (${p.relationship}, ${p.phone})`).join(" ; "),
                            ],
                            [
                              "Autorisations",
                              `photo : ${request.child.photoConsent ? "oui" : "non"} · sortie seul : ${request.child.canLeaveAlone ? "oui" : "non"} · soins d'urgence : ${request.child.emergencyCareConsent ? "oui" : "non"}`,
                            ],
                          ]}
                        />
                      </div>
                    ) : (
                      <table className="mt-2 w-full text-left text-sm">
                        <caption className="sr-only">Modifications demandées</caption>
                        <thead>
                          <tr>
                            <th scope="col">Champ</th>
                            <th scope="col">Avant</th>
                            <th scope="col">Demandé</th>
                          </tr>
                        </thead>
                        <tbody>
                          {request.changes.map((change) => (
                            <tr key={change.field} className="border-t border-gray-200 align-top">
                              <th scope="row" className="pr-2 font-semibold">
                                {change.field}
                              </th>
                              <td className="pr-2">{change.before}</td>
                              <td className="font-semibold">{change.after}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                    <SelectBox formId="lot-modifications" id={request.id} label={subject} />
                    <DecisionControls
                      id={request.id}
                      subject={subject}
                      accept={validateChangeRequestAction}
                      refuse={refuseChangeRequestAction}
                    />
                  </article>
                </li>
              );
            })}
          </ul>
          {queue.pageCount > 1 ? (
            <Pager
              label={kind === "CHILDREN" ? "Nouveaux enfants" : "Demandes de modification"}
              noun="demandes"
              {...queue}
              href={(n) => `${hrefWith("/admin/demandes-de-modification", params, { page: n === 1 ? undefined : n })}#file-attente`}
            />
          ) : null}
        </>
      )}
    </Page>
  );
}
