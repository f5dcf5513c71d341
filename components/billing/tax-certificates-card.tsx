import { listFamilyTaxCertificates } from "@/lib/billing/tax-certificates/list-tax-certificates";
import { formatCents } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { cardClass, linkClass } from "@/components/ui/classes";

/**
 * « Attestations fiscales » of Mes factures (ADR 056): the family's published attestations, by year, each with its PDF.
 * A server component reading through the domain (scoped to the family), so that the page adds it in one line.
 */
export async function TaxCertificatesCard({ familyId }: { familyId: string }) {
  const certificates = await listFamilyTaxCertificates(familyId);
  const years = [...new Set(certificates.map((c) => c.year))];
  return (
    <section aria-labelledby="attestations-fiscales-titre" id="attestations-fiscales" className="mb-8 scroll-mt-4">
      <h2 id="attestations-fiscales-titre" className="mb-2 text-xl font-bold">
        Attestations fiscales
      </h2>
      <p className="mb-3 text-sm text-gray-800">
        Frais de garde des enfants de moins de 6 ans au 1er janvier : le montant payé dans l&apos;année, repas exclus et aides déduites, à
        reporter sur votre déclaration de revenus (crédit d&apos;impôt).
      </p>
      {years.length === 0 ? (
        <EmptyState title="Aucune attestation fiscale">
          La structure publie les attestations de l&apos;année écoulée en début d&apos;année ; vous serez prévenu par e-mail.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {years.map((year) => (
            <li key={year} className={cardClass}>
              <h3 className="mb-1 font-semibold">Année {year}</h3>
              <ul className="flex flex-col gap-1">
                {certificates
                  .filter((c) => c.year === year)
                  .map((c) => (
                    <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                      <span>
                        {c.child} — {c.structure} : <strong>{formatCents(c.amountCents)}</strong>
                      </span>
                      <a className={`${linkClass} inline-flex min-h-11 items-center`} href={`/factures/attestations/${c.id}`} download>
                        Télécharger l&apos;attestation {year} de {c.child} (PDF)
                      </a>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
