import type { Metadata } from "next";
import { ForgottenPasswordForm } from "@/components/auth/password-forms";
import { requestPasswordResetAction } from "./actions";
import { Page, PageTitle } from "@/components/ui/page";

export const metadata: Metadata = { title: "Mot de passe oublié" };

export default function ForgottenPasswordPage() {
  return (
    <Page className="max-w-md">
      <PageTitle id="titre-page" tabIndex={-1}>
        Mot de passe oublié
      </PageTitle>
      <p className="mb-4">
        Indiquez l&apos;adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
      </p>
      <ForgottenPasswordForm action={requestPasswordResetAction} />
    </Page>
  );
}
