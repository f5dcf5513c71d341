import type { Metadata } from "next";
import Link from "next/link";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";

export const metadata: Metadata = { title: "Accès refusé" };

export default function AccessDeniedPage() {
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        Accès refusé
      </PageTitle>
      <p className="mb-4">Votre compte ne permet pas d&apos;ouvrir cette page.</p>
      <Link href="/" className={linkClass}>
        Retour à l&apos;accueil
      </Link>
    </Page>
  );
}
