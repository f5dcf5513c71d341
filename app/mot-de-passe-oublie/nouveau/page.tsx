import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/auth/password-forms";
import { resetPasswordAction } from "../actions";
import { checkPasswordLink } from "@/lib/accounts/check-password-link";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { Alert } from "@/components/ui/field";
import { getPortalIdentity } from "@/lib/settings/manage-portal-identity";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The link of an « Activer mon compte » e-mail (an imported family): the same single-use token, its own words.
const isActivationLink = (params: Record<string, string | string[] | undefined>) => params.activation === "1";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: isActivationLink(await searchParams) ? "Activer mon compte" : "Nouveau mot de passe" };
}

export default async function NewPasswordPage({ searchParams }: Props) {
  const params = await searchParams;
  const isActivation = isActivationLink(params);
  const token = typeof params.jeton === "string" ? params.jeton : null;
  // Read before anything is typed: a dead link says so at once, a live one names its account.
  const link = token ? await checkPasswordLink(token) : null;
  const identity = await getPortalIdentity();
  return (
    <Page className="max-w-md">
      <PageTitle id="titre-page" tabIndex={-1}>
        {isActivation ? "Activer mon compte" : "Choisir un nouveau mot de passe"}
      </PageTitle>
      {token && link ? (
        <>
          <p className="mb-4 text-gray-800">
            {isActivation ? `Choisissez le mot de passe de votre compte ${identity.productName}. ` : null}
            Votre e-mail de connexion : <strong className="[overflow-wrap:anywhere]">{link.email}</strong>
          </p>
          <NewPasswordForm token={token} email={link.email} activation={isActivation} action={resetPasswordAction} />
        </>
      ) : (
        <Alert tone="error" live={false}>
          <p>
            {token && token.length >= 20
              ? `Ce lien ${isActivation ? "d'activation " : ""}n'est plus valable\u00a0: il a déjà servi, un lien plus récent l'a remplacé, ou il a expiré.`
              : "Ce lien est incomplet : copiez-le en entier depuis l'e-mail."}
          </p>
          <p className="mt-2">
            {isActivation ? "Si vous avez déjà choisi votre mot de passe, " : "Si vous venez de changer votre mot de passe, "}
            <Link href="/connexion" className={linkClass}>
              connectez-vous
            </Link>{" "}
            ; sinon,{" "}
            <Link href="/mot-de-passe-oublie" className={linkClass}>
              demandez un nouveau lien
            </Link>{" "}
            (« Mot de passe oublié »).
          </p>
        </Alert>
      )}
    </Page>
  );
}
