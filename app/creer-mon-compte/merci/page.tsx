import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Demande envoyée" };

export default function AccountRequestSentPage() {
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Demande envoyée
      </h1>
      <div role="status" className="alert alert-success">
        Votre demande de création de compte a été transmise. Un e-mail vous a été envoyé à l&apos;adresse indiquée : il vous dit la suite.
      </div>
      <p className="mb-4">
        Une nouvelle demande attend la validation de la structure ; vous recevrez un second e-mail dès qu&apos;elle aura été traitée (du
        lundi au vendredi, aux heures d&apos;ouverture de l&apos;accueil). Si un compte existait déjà avec cette adresse, l&apos;e-mail vous
        l&apos;indique et vous explique comment retrouver votre mot de passe.
      </p>
      <Link href="/connexion" className="link">
        Retour à la connexion
      </Link>
    </div>
  );
}
