import Link from "next/link";

export default function NotFound() {
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Page introuvable
      </h1>
      <p className="mb-4">Cette page n&apos;existe pas ou n&apos;est pas accessible avec votre compte.</p>
      <Link href="/" className="link">
        Retour à l&apos;accueil
      </Link>
    </div>
  );
}
