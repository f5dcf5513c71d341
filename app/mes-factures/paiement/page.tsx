import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { getFamilyPayment } from "@/lib/billing/get-family-payment";
import { formatCents } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/field";
import { LinkButton } from "@/components/ui/link-button";
import { RefreshWhile } from "@/components/billing/refresh-while";
import { notFound } from "next/navigation";
import { usesStripeStandIn } from "@/lib/billing/stripe";
import { confirmCheckoutReturn } from "@/lib/billing/handle-stripe-webhook";
import { confirmPayfipOperation, type PayfipAnswer } from "@/lib/billing/payfip/confirm-operation";
import { isIn, PAYMENT_STATUSES } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { PaymentReceipt } from "@/components/billing/payment-receipt";

export const metadata: Metadata = { title: "Paiement" };

const ID = /^[\w-]{1,64}$/;

/**
 * Back from the payment page: « paiement en cours de confirmation » until the webhook (or PayFiP's notification) has
 * recorded it, then « payé » and the receipt (number, amount, date, the quittances). Stripe's payment is found by its
 * session (?session=), PayFiP's by our payment id (?paiement=, from urlredirect) — the family's own only: another's
 * answers as a missing one. What is shown comes from the database and the provider's answer, never from the URL.
 */
export default async function PaymentReturnPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await parentPage("/mes-factures/paiement", searchParams);
  const params = await searchParams;
  const sessionId = typeof params.session === "string" && params.session.length <= 200 ? params.session : undefined;
  const paymentId = typeof params.paiement === "string" && ID.test(params.paiement) ? params.paiement : undefined;
  const by = sessionId ? { sessionId } : paymentId ? { paymentId } : null;
  let payment = by ? await getFamilyPayment(user.familyId, by) : null;
  // ?paiement= names a PayFiP payment only (a Stripe payment is confirmed through its session).
  if (!payment || !by || (!sessionId && payment.method !== "PAYFIP")) notFound();
  let payfip: PayfipAnswer | null = null;
  let unreadable = false;
  if (payment.method === "PAYFIP" && payment.payfipOperationId && !isIn(PAYMENT_STATUSES.RECEIVED, payment.status)) {
    // As the notification does: the service is asked, and only its answer is recorded (the same idempotent fulfilment).
    try {
      payfip = (await confirmPayfipOperation(payment.payfipOperationId)).answer;
      payment = (await getFamilyPayment(user.familyId, by)) ?? payment;
    } catch (error) {
      unreadable = true;
      console.error("[paiement] lecture de l'opération PayFiP impossible ; la notification confirmera", error);
    }
  } else if (sessionId && isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status) && !usesStripeStandIn) {
    // With real keys the page asks Stripe itself, without waiting for the webhook (both end in the same idempotent fulfilment).
    try {
      await confirmCheckoutReturn(sessionId);
      payment = (await getFamilyPayment(user.familyId, by)) ?? payment;
    } catch (error) {
      console.error("[paiement] lecture de la session Stripe impossible ; le webhook confirmera", error);
    }
  }
  const received = isIn(PAYMENT_STATUSES.RECEIVED, payment.status);
  const waiting = isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status);
  const isPayfip = payment.method === "PAYFIP";
  return (
    <Page>
      <PageHeader title={received ? "Reçu de paiement" : "Paiement"} breadcrumbs={[{ label: "Mes factures", href: "/mes-factures" }]} />
      <RefreshWhile active={waiting} everyMs={isPayfip ? 4000 : 2000} />
      <div role="status" aria-live="polite">
        {waiting ? <Alert tone="info">Paiement de {formatCents(payment.amountCents)} en cours de confirmation…</Alert> : null}
        {waiting && unreadable ? (
          <p className="mt-2 text-sm">
            Le service du Trésor public (PayFiP) ne répond pas pour le moment : votre paiement sera vérifié dès qu&apos;il répondra.
          </p>
        ) : null}
        {received ? (
          <Alert tone="success">
            {isPayfip ? "Paiement accepté" : "Payé"} : nous avons bien reçu {formatCents(payment.amountCents)}. Merci ; un reçu vous est
            envoyé par e-mail.
          </Alert>
        ) : null}
        {isIn(PAYMENT_STATUSES.UNSUCCESSFUL, payment.status) ? (
          isPayfip && payfip === "REFUSED" ? (
            <Alert tone="error">Paiement refusé par la banque : vos factures restent à payer.</Alert>
          ) : isPayfip && payfip === "ABANDONED" ? (
            <Alert tone="info">Paiement abandonné : vos factures restent à payer.</Alert>
          ) : (
            <Alert tone="error">Le paiement n&apos;a pas abouti : vos factures restent à payer.</Alert>
          )
        ) : null}
      </div>
      {received ? (
        <PaymentReceipt
          number={payment.number}
          amountCents={payment.amountCents}
          receivedAt={payment.receivedAt ?? payment.createdAt}
          settled={payment.settled}
          method={isPayfip ? "Carte bancaire, en ligne (PayFiP, Trésor public)" : undefined}
        />
      ) : null}
      <LinkButton href="/mes-factures" variant="secondary">
        Retour à Mes factures
      </LinkButton>
    </Page>
  );
}
