"use client";
import { ClientForm } from "@/components/ui/client-form";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { DateField, ErrorSummary, Field, FormAlert, RadioGroup, SubmitButton, inputClass } from "@/components/ui/field";
import { useServerForm } from "@/components/form/use-server-form";
import { summaryErrors } from "@/components/form/summary-errors";
import type { AccountRequestInput } from "@/lib/accounts/schemas";
import type { ActionResult } from "@/lib/action-result";
import { cardClass } from "@/components/ui/classes";

type TextName = Exclude<keyof AccountRequestInput, "civility">;

/** The fields in the order of the page: the error summary lists them so (each field's id is its name). */
const FIELDS = [
  "civility",
  "lastName",
  "firstName",
  "birthDate",
  "homePhone",
  "mobilePhone",
  "email",
  "street",
  "addressComplement",
  "postalCode",
  "city",
  "password",
  "passwordConfirmation",
] as const satisfies readonly (keyof AccountRequestInput)[];

export function AccountRequestForm({ action }: { action: (input: AccountRequestInput) => Promise<ActionResult<null>> }) {
  const router = useRouter();
  const form = useForm<AccountRequestInput>({
    resolver: lazyZodResolver(() => import("@/lib/accounts/schemas").then((m) => m.accountRequestSchema)),
    defaultValues: {
      lastName: "",
      firstName: "",
      birthDate: "",
      homePhone: "",
      mobilePhone: "",
      email: "",
      street: "",
      addressComplement: "",
      postalCode: "",
      city: "",
      password: "",
      passwordConfirmation: "",
    },
  });
  const { submit, formError, pending } = useServerForm(form, action, () => router.push("/creer-mon-compte/merci"));
  const { errors } = form.formState;
  const summary = summaryErrors(errors, FIELDS);

  const text = (
    name: TextName,
    label: string,
    options: { type?: string; autoComplete?: string; required?: boolean; hint?: string; inputMode?: "tel" | "numeric" | "email" } = {},
  ) => (
    <Field id={name} label={label} required={options.required} hint={options.hint} error={errors[name]?.message}>
      {(aria) => (
        <input
          {...aria}
          {...form.register(name)}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete}
          inputMode={options.inputMode}
          className={inputClass}
        />
      )}
    </Field>
  );

  return (
    <ClientForm onSubmit={submit} noValidate className="flex flex-col gap-4">
      {/* Each error as a link to its field (as the child wizard); the form's own message when no field is at fault. */}
      {summary.length ? <ErrorSummary errors={summary} /> : <FormAlert message={formError} />}
      <fieldset className={cardClass}>
        <legend className="px-1 text-lg font-bold">Informations personnelles</legend>
        <RadioGroup
          id="civility"
          legend="Civilité"
          required
          registration={form.register("civility")}
          error={errors.civility?.message}
          options={[
            { value: "MME", label: "Madame" },
            { value: "M", label: "Monsieur" },
          ]}
        />
        {text("lastName", "Nom", { required: true, autoComplete: "family-name" })}
        {text("firstName", "Prénom", { required: true, autoComplete: "given-name" })}
        <DateField
          id="birthDate"
          label="Date de naissance"
          required
          autoComplete="bday"
          example="14/05/1985"
          registration={form.register("birthDate")}
          error={errors.birthDate?.message}
        />
        {text("homePhone", "Téléphone domicile", { type: "tel", autoComplete: "tel", inputMode: "tel" })}
        {text("mobilePhone", "Téléphone portable", {
          required: true,
          type: "tel",
          autoComplete: "tel",
          inputMode: "tel",
          hint: "Exemple : 06 12 34 56 78",
        })}
        {text("email", "E-mail", { required: true, type: "email", autoComplete: "email", hint: "Ce sera votre identifiant de connexion." })}
      </fieldset>
      <fieldset className={cardClass}>
        <legend className="px-1 text-lg font-bold">Adresse</legend>
        {text("street", "N° et nom de voie", { required: true, autoComplete: "address-line1" })}
        {text("addressComplement", "Complément d'adresse", { autoComplete: "address-line2", hint: "Entrée, étage, boîte postale…" })}
        {text("postalCode", "Code postal", { required: true, autoComplete: "postal-code", inputMode: "numeric" })}
        {text("city", "Ville", { required: true, autoComplete: "address-level2" })}
      </fieldset>
      <fieldset className={cardClass}>
        <legend className="px-1 text-lg font-bold">Mot de passe</legend>
        {text("password", "Mot de passe", {
          required: true,
          type: "password",
          autoComplete: "new-password",
          hint: "10 caractères au minimum, dont au moins une lettre et un chiffre.",
        })}
        {text("passwordConfirmation", "Confirmation du mot de passe", { required: true, type: "password", autoComplete: "new-password" })}
      </fieldset>
      <div>
        <SubmitButton pending={pending}>Envoyer ma demande</SubmitButton>
      </div>
    </ClientForm>
  );
}
