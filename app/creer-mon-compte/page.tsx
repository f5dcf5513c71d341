import type { Metadata } from "next";
import { AccountRequestForm } from "@/components/auth/account-request-form";
import { requestAccountAction } from "./actions";

export const metadata: Metadata = { title: "Créer mon compte" };

export default function CreateAccountPage() {
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Créer mon compte
      </h1>
      <p className="mb-4">
        Inscrivez les premiers renseignements demandés. Votre demande sera validée par la structure ; vous recevrez alors un e-mail et
        pourrez vous connecter pour compléter votre dossier famille.
      </p>
      <p className="mb-4 text-sm text-gray-700">Les champs marqués d&apos;un astérisque (*) sont obligatoires.</p>
      <AccountRequestForm action={requestAccountAction} />
    </div>
  );
}
