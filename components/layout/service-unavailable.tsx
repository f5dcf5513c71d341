/** What a page says when the database cannot serve it (down, hung or saturated): a technical failure, not the visitor's. */
export const UNAVAILABLE_TITLE = "Service momentanément indisponible";

export function ServiceUnavailableText() {
  return (
    <>
      <p className="mb-2">
        Le portail ne peut pas afficher cette page pour le moment : une panne technique l&apos;empêche de lire ses données.
      </p>
      <p className="mb-4">Ce n&apos;est pas de votre fait et vos données ne sont pas perdues. Réessayez dans quelques minutes.</p>
    </>
  );
}
