import { Details, EditableSection } from "@/components/ui/editable-section";
import { SchemaForm } from "@/components/form/schema-form";
import { ADDRESS_FIELDS, QUOTIENT_FIELDS } from "@/components/family/field-specs";
import type { FamilyFile } from "@/lib/families/get-family-file";
import { text, type SchemaFormAction } from "./types";

/** The household's two editable sections, side by side: « Adresse » and « Quotient familial et CAF ». */
export function HouseholdSections({
  family,
  updateAddress,
  updateQuotient,
}: {
  family: FamilyFile;
  updateAddress: SchemaFormAction;
  updateQuotient: SchemaFormAction;
}) {
  const familyId = family.id;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <EditableSection
        title="Adresse"
        titleId="adresse"
        editLabel="Modifier l'adresse"
        view={
          <Details
            rows={[
              ["Adresse", [family.street, family.addressComplement, `${family.postalCode} ${family.city}`].filter(Boolean).join(", ")],
            ]}
          />
        }
        form={
          <SchemaForm
            schema="address"
            idPrefix="adresse"
            fields={ADDRESS_FIELDS}
            hidden={{ familyId }}
            submitLabel="Enregistrer l'adresse"
            action={updateAddress}
            defaultValues={{
              street: family.street,
              addressComplement: text(family.addressComplement),
              postalCode: family.postalCode,
              city: family.city,
            }}
          />
        }
      />
      <EditableSection
        title="Quotient familial et CAF"
        titleId="quotient"
        editLabel="Modifier le quotient familial"
        view={
          <Details
            rows={[
              ["Quotient familial", text(family.quotientFamilial)],
              ["Numéro d'allocataire CAF", text(family.cafNumber)],
            ]}
          />
        }
        form={
          <SchemaForm
            schema="quotient"
            idPrefix="quotient"
            fields={QUOTIENT_FIELDS}
            hidden={{ familyId }}
            submitLabel="Enregistrer le quotient"
            action={updateQuotient}
            defaultValues={{ quotientFamilial: text(family.quotientFamilial), cafNumber: text(family.cafNumber) }}
          />
        }
      />
    </div>
  );
}
