"use client";
import { useRouter } from "next/navigation";
import { SchemaForm, type FieldSpec } from "@/components/form/schema-form";
import type { ActionResult } from "@/lib/action-result";

export const EMPTY_ACTIVITY = {
  structureId: "",
  careKind: "",
  name: "",
  description: "",
  inscriptionValidation: "MANUAL",
  reservationValidation: "MANUAL",
  bookingDeadline: "J-2 10:00",
  cancellationDeadline: "J-2 10:00",
  inscriptionsOpenAt: "",
  residentsOpenAt: "",
  renewalsOpenAt: "",
  maxInscriptions: "",
  isPreRegistration: "non",
};

/** Creates the activity, then opens its page to add periods, groups, units and tariffs. */
export function NewActivityForm({
  fields,
  action,
}: {
  fields: FieldSpec[];
  action: (input: Record<string, unknown>) => Promise<ActionResult<{ message: string; id: string }>>;
}) {
  const router = useRouter();
  return (
    <SchemaForm
      schema="activity"
      idPrefix="activite"
      fields={fields}
      defaultValues={EMPTY_ACTIVITY}
      submitLabel="Créer l'activité"
      action={async (input) => {
        const result = await action(input);
        if (result.ok) router.push(`/admin/activites/${result.data.id}`);
        return result;
      }}
    />
  );
}
