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
import { isIn, PAYMENT_STATUSES } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { PaymentReceipt } from "@/components/billing/payment-receipt";

export const metadata: Metadata = { title: "Paiement" };

/**
 * Back from the payment page: « paiement en cours de confirmation » until the webhook has recorded it, then « payé »
 * and the receipt (number, amount, date, the quittances).
 */
export default async function PaymentReturnPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await parentPage("/mes-factures/paiement", searchParams);
  const params = await searchParams;
  const sessionId = typeof params.session === "string" && params.session.length <= 200 ? params.session : undefined;
  let payment = sessionId ? await getFamilyPayment(user.familyId, { sessionId }) : null;
  if (!payment || !sessionId) notFound();
  if (isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status) && !usesStripeStandIn) {
    // With real keys the page asks Stripe itself, without waiting for the webhook (both end in the same idempotent fulfilment).
    try {
      await confirmCheckoutReturn(sessionId);
      payment = (await getFamilyPayment(user.familyId, { sessionId })) ?? payment;
    } catch (error) {
      console.error("[paiement] lecture de la session Stripe impossible ; le webhook confirmera", error);
    }
  }
  const received = isIn(PAYMENT_STATUSES.RECEIVED, payment.status);
  return (
    <Page>
      <PageHeader title={received ? "Reçu de paiement" : "Paiement"} breadcrumbs={[{ label: "Mes factures", href: "/mes-factures" }]} />
      <RefreshWhile active={isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status)} />
      <div role="status" aria-live="polite">
        {isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status) ? (
          <Alert tone="info">Paiement de {formatCents(payment.amountCents)} en cours de confirmation…</Alert>
        ) : null}
        {received ? (
          <Alert tone="success">
            Payé : nous avons bien reçu {formatCents(payment.amountCents)}. Merci ; un reçu vous est envoyé par e-mail.
          </Alert>
        ) : null}
        {isIn(PAYMENT_STATUSES.UNSUCCESSFUL, payment.status) ? (
          <Alert tone="error">Le paiement n&apos;a pas abouti : vos factures restent à payer.</Alert>
        ) : null}
      </div>
      {received ? (
        <PaymentReceipt
          number={payment.number}
          amountCents={payment.amountCents}
          receivedAt={payment.receivedAt ?? payment.createdAt}
          settled={payment.settled}
        />
      ) : null}
      <LinkButton href="/mes-factures" variant="secondary">
        Retour à Mes factures
      </LinkButton>
    </Page>
  );
}
