import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyPayment } from "@/lib/billing/list-invoices";
import { usesStripeStandIn } from "@/lib/billing/stripe";
import { formatCents } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { StandInCheckout } from "@/components/billing/stand-in-checkout";
import { standInCheckoutAction } from "@/app/mes-factures/actions";

export const metadata: Metadata = { title: "Paiement par carte (simulation)" };

/** The local stand-in of Stripe Checkout, served only without a Stripe key, for the family's own pending payment. */
export default async function StandInCheckoutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await parentPage("/paiement/simulateur", searchParams);
  const params = await searchParams;
  const paymentId = typeof params.paiement === "string" && params.paiement.length <= 64 ? params.paiement : undefined;
  const payment = usesStripeStandIn && paymentId ? await getFamilyPayment(user.familyId, { paymentId }) : null;
  if (!payment || payment.status !== "PENDING") notFound();
  return (
    <div className="page">
      <PageHeader title="Paiement par carte (simulation)" description="Le portail fonctionne sans compte Stripe : cette page joue le rôle de la page de paiement." />
      <p className="mb-4 text-lg">Montant : <strong>{formatCents(payment.amountCents)}</strong></p>
      <StandInCheckout paymentId={payment.id} decide={standInCheckoutAction} />
    </div>
  );
}
