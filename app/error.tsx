"use client";
import Link from "next/link";

/** Shown when a page fails unexpectedly; the details stay in the server log. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Une erreur est survenue</h1>
      <p className="mb-4">La page n&apos;a pas pu s&apos;afficher. Réessayez dans un instant ; si le problème continue, contactez la structure.</p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="btn btn-primary" onClick={() => reset()}>Réessayer</button>
        <Link href="/" className="btn btn-secondary">Retour à l&apos;accueil</Link>
      </div>
    </div>
  );
}
