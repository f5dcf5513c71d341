import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Accès refusé" };

export default function AccessDeniedPage() {
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Accès refusé
      </h1>
      <p className="mb-4">Votre compte ne permet pas d&apos;ouvrir cette page.</p>
      <Link href="/" className="link">
        Retour à l&apos;accueil
      </Link>
    </div>
  );
}
