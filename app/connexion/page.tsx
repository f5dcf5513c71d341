import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { config } from "@/lib/config";
import { safeReturnPath } from "@/lib/net/safe-return";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";

export const metadata: Metadata = { title: "Connexion" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const back = safeReturnPath(params.retour, config.appUrl);
  // Codes from our own redirects, never text from the URL.
  const notice =
    params.mot_de_passe === "modifie"
      ? "Votre mot de passe a été modifié. Connectez-vous avec le nouveau. Vos autres sessions ont été fermées."
      : params.compte === "active"
        ? "Votre compte est activé. Connectez-vous avec votre e-mail et le mot de passe que vous venez de choisir."
        : params.deconnexion === "tous"
          ? "Vous êtes déconnecté de tous vos appareils."
          : null;
  return (
    <Page className="max-w-md">
      <PageTitle id="titre-page" tabIndex={-1}>
        Connexion
      </PageTitle>
      {back ? (
        <Alert tone="info" live={false}>
          Connectez-vous pour accéder à cette page.
        </Alert>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <SignInForm back={back} />
      <p className="mt-4">
        <Link href="/mot-de-passe-oublie" className={cn(linkClass, "inline-flex min-h-11 items-center")}>
          Mot de passe oublié ?
        </Link>
      </p>
      <p className="mt-2">
        Pas encore de compte ?{" "}
        <Link href="/creer-mon-compte" className={cn(linkClass, "inline-flex min-h-11 items-center")}>
          Créer mon compte
        </Link>
      </p>
    </Page>
  );
}
