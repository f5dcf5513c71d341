import type { Metadata } from "next";
import Link from "next/link";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { Alert } from "@/components/ui/field";

export const metadata: Metadata = { title: "Demande envoyée" };

export default function AccountRequestSentPage() {
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        Demande envoyée
      </PageTitle>
      <Alert tone="success">
        Votre demande de création de compte a été transmise. Un e-mail vous a été envoyé à l&apos;adresse indiquée : il vous dit la suite.
      </Alert>
      <p className="mb-4">
        Une nouvelle demande attend la validation de la structure ; vous recevrez un second e-mail dès qu&apos;elle aura été traitée (du
        lundi au vendredi, aux heures d&apos;ouverture de l&apos;accueil). Si un compte existait déjà avec cette adresse, l&apos;e-mail vous
        l&apos;indique et vous explique comment retrouver votre mot de passe.
      </p>
      <Link href="/connexion" className={linkClass}>
        Retour à la connexion
      </Link>
    </Page>
  );
}
