"use client";
import { ClientForm } from "@/components/ui/client-form";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import type { z } from "zod";
import { Field, FormAlert, SubmitButton, Alert } from "@/components/ui/field";
import { useServerForm } from "@/components/form/use-server-form";
import type { forgottenPasswordSchema, resetPasswordSchema } from "@/lib/accounts/schemas";
import type { ActionResult } from "@/lib/action-result";
import { cardClass } from "@/components/ui/classes";
import { Input } from "@/components/ui/input";

type ForgottenValues = z.input<typeof forgottenPasswordSchema>;
type ResetValues = z.input<typeof resetPasswordSchema>;

export function ForgottenPasswordForm({ action }: { action: (input: ForgottenValues) => Promise<ActionResult<null>> }) {
  const form = useForm<ForgottenValues>({
    resolver: lazyZodResolver(() => import("@/lib/accounts/schemas").then((m) => m.forgottenPasswordSchema)),
    defaultValues: { email: "" },
  });
  const [sent, setSent] = useState(false);
  const { submit, formError, pending } = useServerForm(form, action, () => setSent(true));
  if (sent) {
    return (
      <Alert tone="success">
        Si un compte existe avec cette adresse, un e-mail avec un lien de réinitialisation vient de lui être envoyé. Le lien est valable une
        heure et ne sert qu&apos;une fois.
      </Alert>
    );
  }
  return (
    <ClientForm onSubmit={submit} noValidate className={cardClass}>
      <FormAlert message={formError} />
      <Field id="email" label="E-mail" required error={form.formState.errors.email?.message}>
        {(aria) => <Input {...aria} {...form.register("email")} type="email" autoComplete="email" />}
      </Field>
      <SubmitButton pending={pending}>Recevoir le lien</SubmitButton>
    </ClientForm>
  );
}

/**
 * The password of a « Mot de passe oublié » or « Activer mon compte » link. `email` is the account's, put in a hidden
 * username field so that a password manager keeps the new password with the right e-mail.
 */
export function NewPasswordForm({
  token,
  email,
  activation = false,
  action,
}: {
  token: string;
  email: string;
  activation?: boolean;
  action: (input: ResetValues) => Promise<ActionResult<null>>;
}) {
  const router = useRouter();
  const form = useForm<ResetValues>({
    resolver: lazyZodResolver(() => import("@/lib/accounts/schemas").then((m) => m.resetPasswordSchema)),
    defaultValues: { token, password: "", passwordConfirmation: "" },
  });
  const { submit, formError, pending } = useServerForm(form, action, () =>
    router.push(activation ? "/connexion?compte=active" : "/connexion?mot_de_passe=modifie"),
  );
  const { errors } = form.formState;
  return (
    <ClientForm onSubmit={submit} noValidate className={cardClass}>
      <FormAlert message={formError} />
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <Field
        id="password"
        label="Nouveau mot de passe"
        required
        hint="10 caractères au minimum, dont au moins une lettre et un chiffre."
        error={errors.password?.message}
      >
        {(aria) => <Input {...aria} {...form.register("password")} type="password" autoComplete="new-password" />}
      </Field>
      <Field id="passwordConfirmation" label="Confirmation du mot de passe" required error={errors.passwordConfirmation?.message}>
        {(aria) => <Input {...aria} {...form.register("passwordConfirmation")} type="password" autoComplete="new-password" />}
      </Field>
      <SubmitButton pending={pending}>{activation ? "Activer mon compte" : "Enregistrer le mot de passe"}</SubmitButton>
    </ClientForm>
  );
}
