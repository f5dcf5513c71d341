import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyPayment } from "@/lib/billing/get-family-payment";
import { usesStripeStandIn } from "@/lib/billing/stripe";
import { formatCents } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { StandInCheckout } from "@/components/billing/stand-in-checkout";
import { standInCheckoutAction } from "@/app/mes-factures/actions";
import { standInSessionState } from "@/lib/billing/stand-in-checkout";
import { Alert } from "@/components/ui/field";
import { LinkButton } from "@/components/ui/link-button";
import { CHECKOUT_STATUSES, isIn, PAYMENT_STATUSES } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Paiement par carte (démonstration)" };

/** The local stand-in of Stripe Checkout, served only without a Stripe key, for the family's own pending payment. */
export default async function StandInCheckoutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await parentPage("/paiement/simulateur", searchParams);
  const params = await searchParams;
  const paymentId = typeof params.paiement === "string" && params.paiement.length <= 64 ? params.paiement : undefined;
  const payment = usesStripeStandIn && paymentId ? await getFamilyPayment(user.familyId, { paymentId }) : null;
  if (!payment?.stripeCheckoutSessionId) notFound();
  // As Stripe's page: a session expired (replaced by a newer « Payer ») or already paid is no longer payable.
  const open =
    isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status) &&
    isIn(CHECKOUT_STATUSES.PAYABLE, (await standInSessionState(payment.stripeCheckoutSessionId)).status);
  return (
    <Page>
      <PageHeader
        title="Paiement par carte (démonstration)"
        description="Paiement de démonstration : aucun argent ne circule. Cette page tient la place de la page de paiement par carte."
      />
      {open ? (
        <>
          <p className="mb-4 text-lg">
            Montant : <strong>{formatCents(payment.amountCents)}</strong>
          </p>
          <StandInCheckout paymentId={payment.id} decide={standInCheckoutAction} />
        </>
      ) : (
        <>
          <Alert tone="error">
            Cette page de paiement n&apos;est plus valable (elle a expiré, a été remplacée ou a déjà été payée) : rien n&apos;a été débité.
          </Alert>
          <LinkButton href="/mes-factures" variant="secondary" className="mt-4">
            Retour à Mes factures
          </LinkButton>
        </>
      )}
    </Page>
  );
}
