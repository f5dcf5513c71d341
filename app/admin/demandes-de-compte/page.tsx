import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listAccountRequests } from "@/lib/accounts/list-account-requests";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { AccountRequestCards } from "@/components/admin/account-request-cards";
import { StatusBadge } from "@/components/ui/status-badge";
import { statusLabel, statusTone } from "@/lib/workflow/machines";
import { BulkDecisionForm } from "@/components/admin/bulk-decision-form";
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
        <AccountRequestCards
          formId="lot-comptes"
          cards={pending.items.map((request) => ({
            id: request.id,
            name: `${request.civility === "MME" ? "Mme" : "M."} ${request.lastName.toUpperCase()} ${request.firstName}`,
            email: request.email,
            born: [request.civility === "MME" ? "Née le" : "Né le", formatCalendarDate(request.birthDate)],
            mobilePhone: request.mobilePhone,
            ...(request.homePhone ? { homePhone: request.homePhone } : {}),
            address: `${request.street}${request.addressComplement ? `, ${request.addressComplement}` : ""}, ${request.postalCode} ${request.city}`,
            sent: formatDateTime(request.createdAt),
          }))}
          accept={validateAccountRequestAction}
          refuse={refuseAccountRequestAction}
        />
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
