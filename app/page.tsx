import { redirect } from "next/navigation";
import { getSessionUser, homeFor } from "@/lib/auth/session";
import { getPortalIdentity } from "@/lib/settings/manage-portal-identity";
import { PRODUCT_NAME } from "@/lib/settings/product-name";
import { Page, PageTitle } from "@/components/ui/page";
import { Card } from "@/components/ui/card";
import { LinkButton } from "@/components/ui/link-button";

export default async function HomePage() {
  const user = await getSessionUser();
  if (user) redirect(homeFor(user.role));
  const identity = await getPortalIdentity();
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        {identity.productName === PRODUCT_NAME ? "Bienvenue sur le Portail Famille" : `Bienvenue sur ${identity.productName}`}
      </PageTitle>
      <p className="mb-4">
        Depuis votre téléphone ou votre ordinateur, inscrivez vos enfants aux activités, réservez leurs journées, prévenez d&apos;une
        absence et réglez vos factures.
      </p>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-bold">Ne pas confondre</h2>
        <p>
          <strong>L&apos;inscription</strong> inscrit votre enfant à une activité (périscolaire, mercredis, vacances…) pour une période ;
          elle est validée par la structure. <strong>La réservation</strong> choisit ensuite les jours et les temps d&apos;accueil, à
          l&apos;intérieur d&apos;une inscription validée.
        </p>
      </Card>
      <div className="flex flex-col gap-3 sm:flex-row">
        <LinkButton href="/connexion" variant="primary">
          Se connecter
        </LinkButton>
        <LinkButton href="/creer-mon-compte" variant="secondary">
          Créer mon compte
        </LinkButton>
      </div>
    </Page>
  );
}
