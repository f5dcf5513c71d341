"use client";
import { SERVICE_UNAVAILABLE_DIGEST } from "@/lib/errors";
import { ServiceUnavailableText, UNAVAILABLE_TITLE } from "@/components/layout/service-unavailable";
import { Page, PageTitle } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";

/**
 * Shown when a page fails unexpectedly; the details stay in the server log.
 * Always a technical failure (never the visitor's mistake); the database's own
 * failure is recognised by the digest lib/errors.ts gives it.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const unavailable = error.digest === SERVICE_UNAVAILABLE_DIGEST;
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        {unavailable ? UNAVAILABLE_TITLE : "Une erreur technique est survenue"}
      </PageTitle>
      {unavailable ? (
        <ServiceUnavailableText />
      ) : (
        <p className="mb-4">
          La page n&apos;a pas pu s&apos;afficher à cause d&apos;une erreur technique, pas de votre fait. Réessayez dans un instant ; si le
          problème continue, contactez la structure.
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="primary" onClick={() => reset()}>
          Réessayer
        </Button>
        <LinkButton href="/" variant="secondary">
          Retour à l&apos;accueil
        </LinkButton>
      </div>
    </Page>
  );
}
