"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { count } from "@/lib/format";
import { taxCertificatesSchema } from "@/lib/billing/tax-certificates/schemas";
import { publishTaxCertificates } from "@/lib/billing/tax-certificates/publish-tax-certificates";

/** « Générer et publier les attestations » of a lieu for a year (ADR 056). */
export const publishTaxCertificatesAction = staffAction(taxCertificatesSchema, async ({ structureId, year }, staff) => {
  const summary = await publishTaxCertificates({ structureId, year, actor: staff.actor });
  revalidatePath("/admin/facturation/attestations");
  const parts = [
    summary.certificates
      ? `${count(summary.certificates, "attestation publiée", "attestations publiées")} pour ${count(summary.families, "famille")} (un e-mail par famille)`
      : "Aucune attestation nouvelle ni modifiée",
    summary.unchanged ? `${count(summary.unchanged, "attestation inchangée", "attestations inchangées")}` : "",
    summary.removed ? `${count(summary.removed, "attestation retirée", "attestations retirées")} (plus rien de payé)` : "",
  ].filter(Boolean);
  return { message: `${parts.join(" ; ")}.` };
});
