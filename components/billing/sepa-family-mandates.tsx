import { SchemaForm } from "@/components/form/schema-form";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/action-result";
import { parisDay } from "@/lib/calendar/paris";
import { SepaMandateCard, type SepaMandateCardProps } from "./sepa-mandate-card";

/** The family's billing page (staff): its mandates, and « Enregistrer un mandat papier » for a lieu without one. */
export function SepaFamilyMandates(
  props: Omit<SepaMandateCardProps, "forStaff"> & {
    familyId: string;
    record: (input: Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  },
) {
  const { familyId, record, ...card } = props;
  return (
    <div className="mb-6 max-w-2xl">
      <SepaMandateCard {...card} forStaff />
      {props.signable.length > 0 ? (
        <Card title="Enregistrer un mandat papier" titleId="mandat-papier" className="mb-6">
          <SchemaForm
            schema="sepaPaper"
            idPrefix="mandat-papier"
            hidden={{ familyId, ...(props.signable.length === 1 ? { structureId: props.signable[0]!.id } : {}) }}
            submitLabel="Enregistrer le mandat"
            action={record}
            toastOnSuccess
            focusAfter={["prelevement", "titre-page"]}
            defaultValues={{
              structureId: props.signable[0]!.id,
              holderName: "",
              iban: "",
              bic: "",
              signedPlace: "",
              signedOn: parisDay(new Date()),
            }}
            fields={[
              ...(props.signable.length > 1
                ? [
                    {
                      name: "structureId",
                      label: "Lieu d'accueil (créancier)",
                      type: "select" as const,
                      required: true,
                      options: props.signable.map((l) => ({ value: l.id, label: l.name })),
                    },
                  ]
                : []),
              { name: "holderName", label: "Titulaire du compte", required: true },
              { name: "iban", label: "IBAN", required: true },
              { name: "bic", label: "BIC", required: true },
              { name: "signedPlace", label: "Lieu de signature", required: true },
              { name: "signedOn", label: "Date de signature", type: "date", required: true },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
