"use client";
import { useFieldArray, useForm, type FieldErrors } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import type { z } from "zod";
import { Field, FormAlert, SubmitButton } from "@/components/ui/field";
import { useRefreshingForm } from "@/components/form/use-server-form";
import type { tariffsSchema } from "@/lib/activities/schemas";
import type { ActionResult } from "@/lib/action-result";
import { errorClass } from "@/components/ui/classes";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";

type Input = z.input<typeof tariffsSchema>;

function errorAt(errors: FieldErrors<Input>, index: number, key: "qfMin" | "qfMax" | "price" | "nonResidentPrice"): string | undefined {
  return errors.brackets?.[index]?.[key]?.message;
}

/** Tariffs of one unit by quotient-familial bracket: contiguous from 0, the last one open-ended. */
export function TariffEditor(props: {
  timeUnitId: string;
  unitName: string;
  initial: { qfMin: string; qfMax: string; price: string; nonResidentPrice: string }[];
  action: (input: Input) => Promise<ActionResult<{ message: string }>>;
}) {
  const form = useForm<Input, unknown, z.output<typeof tariffsSchema>>({
    resolver: lazyZodResolver(() => import("@/lib/activities/schemas").then((m) => m.tariffsSchema)),
    defaultValues: {
      timeUnitId: props.timeUnitId,
      brackets: props.initial.length ? props.initial : [{ qfMin: "0", qfMax: "", price: "", nonResidentPrice: "" }],
    },
  });
  const rows = useFieldArray({ control: form.control, name: "brackets" });
  const { submit, formError, success, pending } = useRefreshingForm(form, props.action);
  const { errors } = form.formState;
  const prefix = `tarifs-${props.timeUnitId}`;

  return (
    <form onSubmit={submit} noValidate aria-label={`Tarifs : ${props.unitName}`}>
      <FormAlert message={formError} />
      <FormAlert message={success} tone="success" />
      {errors.brackets?.root?.message || errors.brackets?.message ? (
        <p className={errorClass}>{errors.brackets?.root?.message ?? errors.brackets?.message}</p>
      ) : null}
      {rows.fields.map((row, index) => (
        <fieldset key={row.id} className="mb-2 grid grid-cols-2 gap-2 rounded border border-gray-300 p-2">
          <legend className="px-1 text-sm font-semibold">Tranche {index + 1}</legend>
          <Field id={`${prefix}-${index}-min`} label="QF de" error={errorAt(errors, index, "qfMin")}>
            {(aria) => <Input {...aria} {...form.register(`brackets.${index}.qfMin`)} inputMode="numeric" />}
          </Field>
          <Field id={`${prefix}-${index}-max`} label="QF à" error={errorAt(errors, index, "qfMax")}>
            {(aria) => (
              <Input
                {...aria}
                {...form.register(`brackets.${index}.qfMax`)}
                inputMode="numeric"

                placeholder="sans plafond"
              />
            )}
          </Field>
          <Field id={`${prefix}-${index}-prix`} label="Prix (€)" error={errorAt(errors, index, "price")}>
            {(aria) => <Input {...aria} {...form.register(`brackets.${index}.price`)} inputMode="decimal" />}
          </Field>
          <Field id={`${prefix}-${index}-hors-commune`} label="Tarif hors commune (€)" error={errorAt(errors, index, "nonResidentPrice")}>
            {(aria) => (
              <Input {...aria} {...form.register(`brackets.${index}.nonResidentPrice`)} inputMode="decimal" placeholder="même prix" />
            )}
          </Field>
          {rows.fields.length > 1 ? (
            <Button type="button" variant="secondary" className="col-span-2 min-h-9 py-1" onClick={() => rows.remove(index)}>
              Retirer la tranche {index + 1}
            </Button>
          ) : null}
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => rows.append({ qfMin: "", qfMax: "", price: "", nonResidentPrice: "" })}>
          Ajouter une tranche
        </Button>
        <SubmitButton pending={pending}>Enregistrer les tarifs</SubmitButton>
      </div>
    </form>
  );
}
