import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/auth/password-forms";
import { resetPasswordAction } from "../actions";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { Alert } from "@/components/ui/field";

export const metadata: Metadata = { title: "Nouveau mot de passe" };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { jeton } = await searchParams;
  return (
    <Page className="max-w-md">
      <PageTitle id="titre-page" tabIndex={-1}>
        Choisir un nouveau mot de passe
      </PageTitle>
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
