import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getStandInOperation } from "@/lib/billing/payfip/stand-in";
import { formatCents } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/field";
import { LinkButton } from "@/components/ui/link-button";
import { Page } from "@/components/ui/page";
import { PayfipStandInForm } from "./payfip-stand-in-form";
import { payfipStandInAction } from "./actions";

export const metadata: Metadata = { title: "Paiement PayFiP (démonstration)" };

/**
 * The local stand-in of the treasury's payment page (paiementws.web?idop=…), served only without PAYFIP_WS_URL and
 * only for the family's own operation (another's idOp: 404, as a missing one).
 */
export default async function PayfipStandInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await parentPage("/paiement/payfip-simulateur", searchParams);
  const params = await searchParams;
  const idOp = typeof params.idop === "string" && /^[\w-]{1,64}$/.test(params.idop) ? params.idop : undefined;
  const op = idOp ? await getStandInOperation(user.familyId, idOp) : null;
  if (!op) notFound();
  return (
    <Page>
      <PageHeader
        title="Paiement PayFiP (démonstration)"
        description="Service simulé : aucun argent ne circule. Cette page tient la place de la page de paiement du Trésor public (PayFiP)."
      />
      <dl className="mb-4 flex flex-col gap-1">
        <div>
          <dt className="inline font-semibold">Montant : </dt>
          <dd className="inline text-lg">
            <strong>{formatCents(op.montantCents)}</strong>
          </dd>
        </div>
        <div>
          <dt className="inline font-semibold">Référence : </dt>
          <dd className="inline font-mono">{op.refdet}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">Objet : </dt>
          <dd className="inline">{op.objet}</dd>
        </div>
      </dl>
      {op.open ? (
        <PayfipStandInForm idOp={op.id} decide={payfipStandInAction} />
      ) : (
        <>
          <Alert tone="error">
            Cette page de paiement n&apos;est plus valable (elle a déjà reçu une réponse) : rien de plus n&apos;a été débité.
          </Alert>
          <LinkButton href="/mes-factures" variant="secondary" className="mt-4">
            Retour à Mes factures
          </LinkButton>
        </>
      )}
    </Page>
  );
}
