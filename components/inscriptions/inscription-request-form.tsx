"use client";
import { ClientForm } from "@/components/ui/client-form";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { DateField, Field, FormAlert, SubmitButton, inputClass } from "@/components/ui/field";
import { isoToFrench } from "@/lib/format";
import { useServerForm } from "@/components/form/use-server-form";
import type { inscriptionRequestSchema, InscriptionRequestInput } from "@/lib/inscriptions/schemas";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { leaveFlashMessage } from "@/components/ui/toast";
import { cardClass, fieldClass, labelClass } from "@/components/ui/classes";

/** Last step of « Nouvelle inscription »: the group that fits the child, the dates wanted, « Enregistrer ma demande ». */
export function InscriptionRequestForm(props: {
  action: (input: InscriptionRequestInput) => Promise<ActionResult<{ message: string }>>;
  childId: string;
  childName: string;
  activityId: string;
  periodId: string;
  groups: { id: string; label: string }[];
  periodStart: string;
  periodEnd: string;
  full: boolean;
  /** The child awaits the structure's check: « Préparer ma demande », then back to « Ma famille » (ADR 037). */
  prepareOnly?: boolean;
}) {
  const router = useRouter();
  const form = useForm<InscriptionRequestInput, unknown, z.output<typeof inscriptionRequestSchema>>({
    resolver: lazyZodResolver(() => import("@/lib/inscriptions/schemas").then((m) => m.inscriptionRequestSchema)),
    defaultValues: {
      childId: props.childId,
      activityId: props.activityId,
      periodId: props.periodId,
      ageGroupId: props.groups[0]?.id ?? "",
      startDate: isoToFrench(props.periodStart),
      endDate: isoToFrench(props.periodEnd),
    },
  });
  const { submit, formError, pending } = useServerForm(form, props.action, (data) => {
    leaveFlashMessage(data.message);
    router.push(props.prepareOnly ? "/ma-famille" : "/mes-inscriptions");
  });
  const { errors } = form.formState;
  return (
    <ClientForm onSubmit={submit} noValidate className={cardClass}>
      <FormAlert message={formError} />
      {props.groups.length > 0 ? (
        <Field
          id="ageGroupId"
          label="Groupe"
          required
          hint={`Seuls les groupes qui correspondent à l'âge de ${props.childName} au début de la période sont proposés.`}
          error={errors.ageGroupId?.message}
        >
          {(aria) => (
            <select {...aria} {...form.register("ageGroupId")} className={inputClass}>
              {props.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <fieldset className={fieldClass}>
        <legend className={labelClass}>Dates d&apos;inscription souhaitées</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <DateField
            id="startDate"
            label="Du"
            required
            error={errors.startDate?.message}
            registration={form.register("startDate")}
            hint={`Au plus tôt le ${isoToFrench(props.periodStart)}.`}
          />
          <DateField
            id="endDate"
            label="Au"
            required
            error={errors.endDate?.message}
            registration={form.register("endDate")}
            hint={`Au plus tard le ${isoToFrench(props.periodEnd)}.`}
          />
        </div>
      </fieldset>
      <p className="mb-3 text-sm">
        Vérifiez bien que votre enfant est inscrit dans le bon lieu d&apos;accueil et le bon groupe d&apos;âge avant d&apos;enregistrer.
      </p>
      <SubmitButton pending={pending}>
        {props.prepareOnly ? "Préparer ma demande" : props.full ? "Enregistrer ma demande en liste d'attente" : "Enregistrer ma demande"}
      </SubmitButton>
    </ClientForm>
  );
}
