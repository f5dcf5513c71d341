import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { countPendingChangeRequests, listPendingChangeRequests } from "@/lib/families/list-change-requests";
import { agree, formatCalendarDate, formatDateTime } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { BulkDecisionForm } from "@/components/admin/bulk-decision-form";
import { ChangeRequestCards } from "@/components/admin/change-request-cards";
import { validateChangeRequestAction, decideChangeRequestsAction, refuseChangeRequestAction, validateChildLinkAction } from "./actions";
import { Page } from "@/components/ui/page";
import { hrefWith, Pager } from "@/components/ui/pager";
import { pageParam, QUEUE_PAGE_SIZE } from "@/lib/staff/paging";
import { linkClass } from "@/components/ui/classes";
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
    listPendingChangeRequests(kind, staff.scope, {
      page: pageParam(params),
      pageSize: QUEUE_PAGE_SIZE,
    }),
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
          <ChangeRequestCards
            formId="lot-modifications"
            cards={requests.map((request) => ({
              id: request.id,
              label: request.label,
              family: request.family,
              sent: formatDateTime(request.createdAt),
              ...(request.child
                ? {
                    child: {
                      badges: [
                        ...(request.child.hasAllergies ? [["Allergies", "refused"] as const] : []),
                        ...(request.child.hasPai ? [["PAI", "refused"] as const] : []),
                        ...(request.child.authorizedPersons.length === 0 ? [["Aucune personne autorisée", "waiting"] as const] : []),
                      ].map(([text, tone]): [string, "refused" | "waiting"] => [text, tone]),
                      details: [
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
                      ] as [string, string][],
                    },
                  }
                : { changes: request.changes }),
              ...(request.candidates
                ? {
                    candidates: request.candidates.map((c) => ({
                      id: c.id,
                      label: `${c.firstName} ${c.lastName.toUpperCase()}, ${agree(c.sex, "né", "née")} le ${formatCalendarDate(c.birthDate)}`,
                      family: c.family,
                      blocked: c.alreadyLinked
                        ? "Déjà dans ce foyer."
                        : c.hasSecondFoyer
                          ? "A déjà un second foyer : retirez d'abord ce lien depuis sa fiche famille."
                          : null,
                    })),
                  }
                : {}),
            }))}
            accept={validateChangeRequestAction}
            refuse={refuseChangeRequestAction}
            linkChild={validateChildLinkAction}
          />
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
