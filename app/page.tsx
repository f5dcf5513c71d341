import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser, homeFor } from "@/lib/auth/session";

export default async function HomePage() {
  const user = await getSessionUser();
  if (user) redirect(homeFor(user.role));
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Bienvenue sur le Portail Famille
      </h1>
      <p className="mb-4">
        Depuis votre téléphone ou votre ordinateur, inscrivez vos enfants aux activités, réservez leurs journées, prévenez d&apos;une
        absence et réglez vos factures.
      </p>
      <div className="card mb-6">
        <h2 className="mb-2 text-lg font-bold">Ne pas confondre</h2>
        <p>
          <strong>L&apos;inscription</strong> inscrit votre enfant à une activité (périscolaire, mercredis, vacances…) pour une période ;
          elle est validée par la structure. <strong>La réservation</strong> choisit ensuite les jours et les temps d&apos;accueil, à
          l&apos;intérieur d&apos;une inscription validée.
        </p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link href="/connexion" className="btn btn-primary">
          Se connecter
        </Link>
        <Link href="/creer-mon-compte" className="btn btn-secondary">
          Créer mon compte
        </Link>
      </div>
    </div>
  );
}
