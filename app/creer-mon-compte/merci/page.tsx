import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Demande envoyée" };

export default function AccountRequestSentPage() {
  return (
    <div className="page">
      <h1 className="page-title">Demande envoyée</h1>
      <div role="status" className="alert alert-success">
        Votre demande de création de compte est enregistrée. Elle est en attente de validation par la structure.
      </div>
      <p className="mb-4">
        Un e-mail de confirmation vous a été envoyé. Vous recevrez un second e-mail dès que la structure aura traité votre
        demande (du lundi au vendredi, aux heures d&apos;ouverture de l&apos;accueil).
      </p>
      <Link href="/connexion" className="link">Retour à la connexion</Link>
    </div>
  );
}
