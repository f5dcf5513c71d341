import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { config } from "@/lib/config";
import { safeReturnPath } from "@/lib/net/safe-return";

export const metadata: Metadata = { title: "Connexion" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const back = safeReturnPath(params.retour, config.appUrl);
  // Codes from our own redirects, never text from the URL.
  const notice =
    params.mot_de_passe === "modifie"
      ? "Votre mot de passe a été modifié. Connectez-vous avec le nouveau. Vos autres sessions ont été fermées."
      : params.deconnexion === "tous"
        ? "Vous êtes déconnecté de tous vos appareils."
        : null;
  return (
    <div className="page max-w-md">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Connexion
      </h1>
      {back ? <p className="alert alert-info">Connectez-vous pour accéder à cette page.</p> : null}
      {notice ? (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      ) : null}
      <SignInForm back={back} />
      <p className="mt-4">
        <Link href="/mot-de-passe-oublie" className="link inline-flex min-h-11 items-center">
          Mot de passe oublié ?
        </Link>
      </p>
      <p className="mt-2">
        Pas encore de compte ?{" "}
        <Link href="/creer-mon-compte" className="link inline-flex min-h-11 items-center">
          Créer mon compte
        </Link>
      </p>
    </div>
  );
}
