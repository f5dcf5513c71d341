import Link from "next/link";
import { Page, PageTitle } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";

export default function NotFound() {
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        Page introuvable
      </PageTitle>
      <p className="mb-4">Cette page n&apos;existe pas ou n&apos;est pas accessible avec votre compte.</p>
      <Link href="/" className={linkClass}>
        Retour à l&apos;accueil
      </Link>
    </Page>
  );
}
