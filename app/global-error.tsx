"use client";
import { SERVICE_UNAVAILABLE_DIGEST } from "@/lib/errors";
import { ServiceUnavailableText, UNAVAILABLE_TITLE } from "@/components/layout/service-unavailable";
import "./globals.css";
import { Page, PageTitle } from "@/components/ui/page";
import { buttonVariants } from "@/components/ui/button";

/**
 * Replaces the whole page when the root layout itself fails: it reads the
 * session and the structure's identity, so this is what every page shows while
 * the database is down or hung (our server then answers 503: scripts/lib/serve.ts).
 * It cannot use the layout (header, footer): they need the database.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const unavailable = error.digest === SERVICE_UNAVAILABLE_DIGEST;
  return (
    <html lang="fr">
      <body className="flex min-h-screen flex-col">
        <main id="contenu" className="flex-1">
          <Page>
            <PageTitle>{unavailable ? UNAVAILABLE_TITLE : "Une erreur technique est survenue"}</PageTitle>
            {unavailable ? (
              <ServiceUnavailableText />
            ) : (
              <p className="mb-4">
                Le portail n&apos;a pas pu afficher cette page à cause d&apos;une erreur technique, pas de votre fait. Réessayez dans
                quelques minutes.
              </p>
            )}
            {/* A full reload: the layout must be read again from the server. */}
            <a href="" className={buttonVariants({ variant: "primary" })}>
              Réessayer
            </a>
          </Page>
        </main>
      </body>
    </html>
  );
}
