import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/auth/password-forms";
import { resetPasswordAction } from "../actions";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { Alert } from "@/components/ui/field";

export const metadata: Metadata = { title: "Nouveau mot de passe" };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { jeton, activation } = await searchParams;
  // The link of an « Activer mon compte » e-mail (an imported family): the same single-use token, its own words.
  const isActivation = activation === "1";
  return (
    <Page className="max-w-md">
      <PageTitle id="titre-page" tabIndex={-1}>
        {isActivation ? "Activer mon compte" : "Choisir un nouveau mot de passe"}
      </PageTitle>
      {isActivation ? <p className="mb-4 text-gray-800">Choisissez le mot de passe de votre compte du Portail Famille.</p> : null}
      {typeof jeton === "string" && jeton.length >= 20 ? (
        <NewPasswordForm token={jeton} action={resetPasswordAction} />
      ) : (
        <Alert tone="error">
          Ce lien est incomplet.{" "}
          <Link href="/mot-de-passe-oublie" className={linkClass}>
            Demandez un nouveau lien
          </Link>
          .
        </Alert>
      )}
    </Page>
  );
}
