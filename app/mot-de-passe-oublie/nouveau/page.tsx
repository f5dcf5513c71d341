import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/auth/password-forms";
import { resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Nouveau mot de passe" };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { jeton } = await searchParams;
  return (
    <div className="page max-w-md">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Choisir un nouveau mot de passe
      </h1>
      {typeof jeton === "string" && jeton.length >= 20 ? (
        <NewPasswordForm token={jeton} action={resetPasswordAction} />
      ) : (
        <p className="alert alert-error">
          Ce lien est incomplet.{" "}
          <Link href="/mot-de-passe-oublie" className="link">
            Demandez un nouveau lien
          </Link>
          .
        </p>
      )}
    </div>
  );
}
