import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const back = typeof params.retour === "string" && params.retour.startsWith("/") && !params.retour.startsWith("//") ? params.retour : null;
  const notice =
    params.mot_de_passe === "modifie"
      ? "Votre mot de passe a été modifié. Connectez-vous avec le nouveau."
      : null;
  return (
    <div className="page max-w-md">
      <h1 className="page-title">Connexion</h1>
      {back ? <p className="alert alert-info">Connectez-vous pour accéder à cette page.</p> : null}
      {notice ? <p role="status" className="alert alert-success">{notice}</p> : null}
      <SignInForm back={back} />
      <p className="mt-4">
        <Link href="/mot-de-passe-oublie" className="link">Mot de passe oublié ?</Link>
      </p>
      <p className="mt-2">
        Pas encore de compte ? <Link href="/creer-mon-compte" className="link">Créer mon compte</Link>
      </p>
    </div>
  );
}
