"use client";
import { ClientForm } from "@/components/ui/client-form";
import { focusAfterChange } from "@/components/ui/focus";
import { useEffect, useRef, useState } from "react";
import { useForm, type FieldValues } from "react-hook-form";
import { ConfirmStep } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { CheckboxGroup, DateField, Field, FormAlert, RadioGroup, SubmitButton, inputClass } from "@/components/ui/field";
import { useRefreshingForm } from "@/components/form/use-server-form";
import { isoLocalToFrench, isoToFrench } from "@/lib/format";
import { DeadlinePicker } from "@/components/admin/deadline-picker";
import type { ActionResult } from "@/lib/action-result";

/**
 * The forms this component can render (a schema cannot travel from a server
 * component as a prop); each is downloaded with zod on the form's first send.
 */
const SCHEMAS = {
  address: () => import("@/lib/families/schemas").then((m) => m.addressSchema),
  phones: () => import("@/lib/families/schemas").then((m) => m.phonesSchema),
  quotient: () => import("@/lib/families/schemas").then((m) => m.quotientSchema),
  preferences: () => import("@/lib/families/schemas").then((m) => m.preferencesSchema),
  reminders: () => import("@/lib/families/schemas").then((m) => m.remindersSchema),
  adult: () => import("@/lib/families/schemas").then((m) => m.adultSchema),
  childLink: () => import("@/lib/families/schemas").then((m) => m.childLinkRequestSchema),
  activity: () => import("@/lib/activities/schemas").then((m) => m.activitySchema),
  period: () => import("@/lib/activities/schemas").then((m) => m.periodSchema),
  ageGroup: () => import("@/lib/activities/schemas").then((m) => m.ageGroupSchema),
  timeUnit: () => import("@/lib/activities/schemas").then((m) => m.timeUnitSchema),
  capacityOverride: () => import("@/lib/activities/schemas").then((m) => m.capacityOverrideSchema),
  walkIn: () => import("@/lib/reservations/schemas").then((m) => m.walkInSchema),
  billingMonth: () => import("@/lib/billing/schemas").then((m) => m.billingMonthSchema),
  issueMonth: () => import("@/lib/billing/schemas").then((m) => m.issueMonthSchema),
  billingRun: () => import("@/lib/billing/schemas").then((m) => m.billingRunSchema),
  deskPayment: () => import("@/lib/billing/schemas").then((m) => m.deskPaymentSchema),
  creditNote: () => import("@/lib/billing/schemas").then((m) => m.creditNoteSchema),
  resolveAnomaly: () => import("@/lib/billing/schemas").then((m) => m.resolveAnomalySchema),
  billingSettings: () => import("@/lib/billing/schemas").then((m) => m.billingSettingsSchema),
  taxCertificates: () => import("@/lib/billing/tax-certificates/schemas").then((m) => m.taxCertificatesSchema),
  structureIdentity: () => import("@/lib/billing/tax-certificates/schemas").then((m) => m.structureIdentitySchema),
  documentType: () => import("@/lib/documents/schemas").then((m) => m.documentTypeSchema),
  thread: () => import("@/lib/documents/schemas").then((m) => m.threadSchema),
  template: () => import("@/lib/documents/schemas").then((m) => m.templateSchema),
  retention: () => import("@/lib/documents/schemas").then((m) => m.retentionSchema),
  unitRule: () => import("@/lib/activities/schemas").then((m) => m.unitRuleSchema),
  structure: () => import("@/lib/activities/schemas").then((m) => m.structureSchema),
  calendarException: () => import("@/lib/activities/schemas").then((m) => m.calendarExceptionSchema),
  identity: () => import("@/lib/settings/schemas").then((m) => m.identitySchema),
  informationPage: () => import("@/lib/settings/schemas").then((m) => m.informationPageSchema),
  staffLieu: () => import("@/lib/staff/schemas").then((m) => m.staffLieuSchema),
  tariffRule: () => import("@/lib/activities/tariff-rule-schemas").then((m) => m.tariffRuleSchema),
  residentCommunes: () => import("@/lib/activities/tariff-rule-schemas").then((m) => m.residentCommunesSchema),
  paymentProvider: () => import("@/lib/billing/providers/schemas").then((m) => m.paymentProviderSchema),
  sepaSign: () => import("@/lib/billing/sepa/schemas").then((m) => m.signMandateSchema),
  sepaPaper: () => import("@/lib/billing/sepa/schemas").then((m) => m.paperMandateSchema),
  sepaSettings: () => import("@/lib/billing/sepa/schemas").then((m) => m.sepaSettingsSchema),
  sepaExport: () => import("@/lib/billing/sepa/schemas").then((m) => m.exportBatchSchema),
  sepaReject: () => import("@/lib/billing/sepa/schemas").then((m) => m.rejectDebitSchema),
  sepaImport: () => import("@/lib/billing/sepa/schemas").then((m) => m.importReturnsSchema),
} satisfies Record<string, () => Promise<unknown>>;

export type SchemaName = keyof typeof SCHEMAS;

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "tel" | "email" | "date" | "time" | "datetime-local" | "radio" | "select" | "checkboxes" | "textarea" | "deadline";
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email";
  options?: { value: string; label: string }[];
  /** Lines of a textarea. */
  rows?: number;
  /** A date field's example (jj/mm/aaaa). */
  example?: string;
}

const asText = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** Dates and times are shown and typed the French way, whatever the browser's language. */
function displayValue(spec: FieldSpec, value: string | string[] | undefined) {
  if (typeof value !== "string") return value;
  if (spec.type === "date") return isoToFrench(value);
  if (spec.type === "datetime-local") return isoLocalToFrench(value);
  return value;
}

/**
 * A small form (one card) validated by one of the shared zod schemas, sent to
 * a server action. Extra fixed values (an adult's id…) travel in `hidden`.
 */
export function SchemaForm(props: {
  schema: SchemaName;
  fields: FieldSpec[];
  defaultValues: Record<string, string | string[]>;
  hidden?: Record<string, string>;
  submitLabel: string;
  /** Empty the form after a success (forms that add an item to a list). */
  resetOnSuccess?: boolean;
  action: (input: Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  idPrefix: string;
  /** An irreversible send (e-mails to every family, a closed month, an avoir): asked once more in a dialog. */
  confirm?: { title: string; description: string; confirmLabel: string };
  /** The confirmation as a toast: for a form the refreshed page no longer shows (the month sent, the balance paid). */
  toastOnSuccess?: boolean;
  /** Where the focus goes once done (the first of these ids that exists): the result, when the form leaves the page. */
  focusAfter?: readonly string[];
  /** Its first field takes the focus when it appears (a form opened on demand, downloaded after the click). */
  focusOnMount?: boolean;
}) {
  // Fixed values (an activity's id…) are part of what the schema checks, on the client too.
  const initial: Record<string, string | string[] | undefined> = { ...props.hidden };
  for (const spec of props.fields) initial[spec.name] = displayValue(spec, props.defaultValues[spec.name]);
  for (const [name, value] of Object.entries(props.defaultValues)) if (!(name in initial)) initial[name] = value;
  const form = useForm<FieldValues>({ resolver: lazyZodResolver(SCHEMAS[props.schema] as () => Promise<never>), defaultValues: initial });
  const toast = useToast();
  const send: typeof props.action = props.toastOnSuccess
    ? async (input) => {
        const result = await props.action(input);
        if (!result.ok) return result;
        toast(result.data.message);
        return { ok: true, data: { message: "" } };
      }
    : props.action;
  const { submit, formError, success, pending } = useRefreshingForm(form, send, () => {
    if (props.resetOnSuccess) form.reset(initial);
    if (props.focusAfter) focusAfterChange(...props.focusAfter);
  });
  const { errors } = form.formState;
  const [asking, setAsking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { focusOnMount } = props;
  useEffect(() => {
    if (focusOnMount) formRef.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }, [focusOnMount]);
  // Checked first (errors show at once), then asked, then sent.
  const onSubmit = props.confirm
    ? form.handleSubmit(
        () => setAsking(true),
        () => submit(),
      )
    : submit;

  return (
    <ClientForm ref={formRef} onSubmit={onSubmit} noValidate>
      {props.confirm ? (
        <ConfirmStep
          open={asking}
          onOpenChange={setAsking}
          title={props.confirm.title}
          description={props.confirm.description}
          confirmLabel={props.confirm.confirmLabel}
          onConfirm={() => {
            setAsking(false);
            void submit();
          }}
        />
      ) : null}
      <FormAlert message={formError} />
      <FormAlert message={success} tone="success" />
      {props.fields.map((spec) => {
        const id = `${props.idPrefix}-${spec.name}`;
        const error = errors[spec.name]?.message as string | undefined;
        if (spec.type === "checkboxes") {
          return (
            <CheckboxGroup
              key={spec.name}
              id={id}
              legend={spec.label}
              required={spec.required}
              hint={spec.hint}
              options={spec.options ?? []}
              registration={form.register(spec.name)}
              error={error}
            />
          );
        }
        if (spec.type === "deadline") {
          return (
            <div key={spec.name}>
              <input type="hidden" {...form.register(spec.name)} />
              <DeadlinePicker
                id={id}
                legend={spec.label}
                hint={spec.hint}
                error={error}
                value={String(initial[spec.name] ?? "")}
                onChange={(expression) => form.setValue(spec.name, expression, { shouldDirty: true })}
              />
            </div>
          );
        }
        if (spec.type === "date" || spec.type === "datetime-local") {
          return (
            <DateField
              key={spec.name}
              id={id}
              label={spec.label}
              required={spec.required}
              hint={spec.hint}
              error={error}
              withTime={spec.type === "datetime-local"}
              autoComplete={spec.autoComplete}
              registration={form.register(spec.name)}
              example={spec.example}
              defaultValue={asText(initial[spec.name])}
            />
          );
        }
        if (spec.type === "select") {
          return (
            <Field key={spec.name} id={id} label={spec.label} required={spec.required} hint={spec.hint} error={error}>
              {(aria) => (
                <select {...aria} {...form.register(spec.name)} defaultValue={asText(initial[spec.name])} className={inputClass}>
                  {(spec.options ?? []).map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          );
        }
        if (spec.type === "textarea") {
          return (
            <Field key={spec.name} id={id} label={spec.label} required={spec.required} hint={spec.hint} error={error}>
              {(aria) => (
                <textarea
                  {...aria}
                  {...form.register(spec.name)}
                  defaultValue={asText(initial[spec.name])}
                  rows={spec.rows ?? 3}
                  className={inputClass}
                />
              )}
            </Field>
          );
        }
        if (spec.type === "radio") {
          return (
            <RadioGroup
              key={spec.name}
              id={id}
              legend={spec.label}
              required={spec.required}
              hint={spec.hint}
              options={spec.options ?? []}
              registration={form.register(spec.name)}
              error={error}
              defaultValue={initial[spec.name]}
            />
          );
        }
        return (
          <Field
            key={spec.name}
            id={id}
            label={spec.label}
            required={spec.required}
            error={error}
            hint={spec.type === "time" ? `${spec.hint ? `${spec.hint} ` : ""}Format : hh:mm, par exemple 08:30.` : spec.hint}
          >
            {(aria) => (
              <input
                {...aria}
                {...form.register(spec.name)}
                defaultValue={asText(initial[spec.name])}
                type={spec.type === "time" ? "text" : (spec.type ?? "text")}
                autoComplete={spec.autoComplete ?? "off"}
                inputMode={spec.type === "time" ? "numeric" : spec.inputMode}
                maxLength={spec.type === "time" ? 5 : undefined}
                className={spec.type === "time" ? `${inputClass} max-w-28` : inputClass}
              />
            )}
          </Field>
        );
      })}
      <SubmitButton pending={pending}>{props.submitLabel}</SubmitButton>
    </ClientForm>
  );
}
