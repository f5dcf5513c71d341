import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyPayment } from "@/lib/billing/get-family-payment";
import { embeddedClientSecret, stripePublishableKey } from "@/lib/billing/stripe";
import { formatCents } from "@/lib/format";
import { isIn, PAYMENT_STATUSES } from "@/lib/workflow/machines";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/field";
import { LinkButton } from "@/components/ui/link-button";
import { Page } from "@/components/ui/page";
import { EmbeddedCheckoutPanel } from "./embedded-checkout";

export const metadata: Metadata = { title: "Paiement par carte" };

/**
 * « Payer » with a Stripe secret key and a publishable key: the family's own pending payment, paid in Stripe's embedded
 * Checkout on this page (ADR 014). Without the publishable key this page does not exist: « Payer » redirects to Checkout.
 */
export default async function EmbeddedCheckoutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await parentPage("/mes-factures/paiement/carte", searchParams);
  const params = await searchParams;
  const publishableKey = stripePublishableKey();
  const paymentId = typeof params.paiement === "string" && /^[\w-]{1,64}$/.test(params.paiement) ? params.paiement : undefined;
  const payment = publishableKey && paymentId ? await getFamilyPayment(user.familyId, { paymentId }) : null;
  if (!publishableKey || !payment?.stripeCheckoutSessionId) notFound();
  let clientSecret: string | null = null;
  let unreadable = false;
  if (isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status)) {
    try {
      clientSecret = await embeddedClientSecret(payment.stripeCheckoutSessionId);
    } catch (error) {
      unreadable = true;
      console.error("[paiement] lecture de la session Stripe impossible", error);
    }
  }
  return (
    <Page>
      <PageHeader title="Paiement par carte" breadcrumbs={[{ label: "Mes factures", href: "/mes-factures" }]} />
      {clientSecret ? (
        <>
          <p className="mb-4 text-lg">
            Montant : <strong>{formatCents(payment.amountCents)}</strong>
          </p>
          <EmbeddedCheckoutPanel publishableKey={publishableKey} clientSecret={clientSecret} />
        </>
      ) : (
        <>
          <Alert tone="error">
            {unreadable
              ? "Le service de paiement par carte ne répond pas : rien n'a été débité. Réessayez dans quelques minutes."
              : "Cette page de paiement n'est plus valable (elle a expiré, a été remplacée ou a déjà été payée) : rien n'a été débité."}
          </Alert>
          <LinkButton href="/mes-factures" variant="secondary" className="mt-4">
            Retour à Mes factures
          </LinkButton>
        </>
      )}
    </Page>
  );
}
