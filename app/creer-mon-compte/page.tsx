import type { Metadata } from "next";
import { AccountRequestForm } from "@/components/auth/account-request-form";
import { requestAccountAction } from "./actions";
import { Page, PageTitle } from "@/components/ui/page";

export const metadata: Metadata = { title: "Créer mon compte" };

export default function CreateAccountPage() {
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        Créer mon compte
      </PageTitle>
      <p className="mb-4">
        Inscrivez les premiers renseignements demandés. Votre demande sera validée par la structure ; vous recevrez alors un e-mail et
        pourrez vous connecter pour compléter votre dossier famille.
      </p>
      <p className="mb-4 text-sm text-gray-700">Les champs marqués d&apos;un astérisque (*) sont obligatoires.</p>
      <AccountRequestForm action={requestAccountAction} />
    </Page>
  );
}
