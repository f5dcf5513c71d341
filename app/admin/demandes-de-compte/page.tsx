import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listAccountRequests } from "@/lib/accounts/list-account-requests";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { DecisionControls } from "@/components/admin/decision-controls";
import { StatusBadge } from "@/components/ui/status-badge";
import { statusLabel, statusTone } from "@/lib/workflow/machines";
import { BulkDecisionForm, SelectBox } from "@/components/admin/bulk-decision-form";
import { decideAccountRequestsAction, refuseAccountRequestAction, validateAccountRequestAction } from "./actions";
import { Page, PageTitle } from "@/components/ui/page";
import { hrefWith, Pager } from "@/components/ui/pager";
import { pageParam, QUEUE_PAGE_SIZE } from "@/lib/staff/paging";
import { cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Demandes de compte" };

export default async function AccountRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await staffPage("/admin/demandes-de-compte", searchParams);
  const params = await searchParams;
  // One page of the queue (ADR 043).
  const { pending, decided } = await listAccountRequests({ page: pageParam(params), pageSize: QUEUE_PAGE_SIZE });
  const pager = (
    <Pager
      label="Demandes de compte en attente"
      noun="demandes"
      {...pending}
      href={(n) => `${hrefWith("/admin/demandes-de-compte", params, { page: n === 1 ? undefined : n })}#en-attente`}
    />
  );
  return (
    <Page width="wide">
      <PageTitle id="titre-page" tabIndex={-1}>
        Demandes de compte
      </PageTitle>
      <section aria-labelledby="en-attente">
        <h2 id="en-attente" className="mb-3 text-xl font-bold">
          En attente ({pending.total}), les plus anciennes d&apos;abord
        </h2>
        {pending.total === 0 ? (
          <p className="mb-6">Aucune demande en attente.</p>
        ) : (
          <BulkDecisionForm formId="lot-comptes" action={decideAccountRequestsAction} />
        )}
        <ul className="mb-8 grid gap-4 md:grid-cols-2">
          {pending.items.map((request) => {
            const name = `${request.civility === "MME" ? "Mme" : "M."} ${request.lastName.toUpperCase()} ${request.firstName}`;
            return (
              <li key={request.id} className={cardClass}>
                <h3 className="text-lg font-bold">{name}</h3>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="font-semibold">E-mail</dt>
                  <dd className="break-all">{request.email}</dd>
                  <dt className="font-semibold">{request.civility === "MME" ? "Née le" : "Né le"}</dt>
                  <dd>{formatCalendarDate(request.birthDate)}</dd>
                  <dt className="font-semibold">Portable</dt>
                  <dd>{request.mobilePhone}</dd>
                  {request.homePhone ? (
                    <>
                      <dt className="font-semibold">Domicile</dt>
                      <dd>{request.homePhone}</dd>
                    </>
                  ) : null}
                  <dt className="font-semibold">Adresse</dt>
                  <dd>
                    {request.street}
                    {request.addressComplement ? `, ${request.addressComplement}` : ""}, {request.postalCode} {request.city}
                  </dd>
                  <dt className="font-semibold">Envoyée le</dt>
                  <dd>{formatDateTime(request.createdAt)}</dd>
                </dl>
                <SelectBox formId="lot-comptes" id={request.id} label={`demande de ${name}`} />
                <DecisionControls
                  id={request.id}
                  subject={`demande de ${name}`}
                  accept={validateAccountRequestAction}
                  refuse={refuseAccountRequestAction}
                />
              </li>
            );
          })}
        </ul>
        {pending.pageCount > 1 ? pager : null}
      </section>
      <section aria-labelledby="traitees">
        <h2 id="traitees" className="mb-3 text-xl font-bold">
          Traitées récemment
        </h2>
        {decided.length === 0 ? (
          <p>Aucune demande traitée.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {decided.map((request) => (
              <li key={request.id} className={cn(cardClass, "flex flex-wrap items-center justify-between gap-2")}>
                <span>
                  {request.lastName.toUpperCase()} {request.firstName} — {request.email}
                  {request.reason ? <span className="block text-sm">Motif : {request.reason}</span> : null}
                </span>
                <StatusBadge label={statusLabel("ACCOUNT_REQUEST", request.status)} tone={statusTone("ACCOUNT_REQUEST", request.status)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
