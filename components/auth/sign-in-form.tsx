"use client";
import { ClientForm } from "@/components/ui/client-form";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { signIn } from "next-auth/react";
import { Field, FormAlert, SubmitButton } from "@/components/ui/field";
import { isSignInFailure, SIGN_IN_MESSAGES } from "@/lib/accounts/sign-in-messages";
import { cardClass } from "@/components/ui/classes";
import { Input } from "@/components/ui/input";

type Values = { email: string; password: string };

export function SignInForm({ back }: { back: string | null }) {
  const form = useForm<Values>({
    resolver: lazyZodResolver(() => import("@/lib/accounts/schemas").then((m) => m.signInSchema)),
    defaultValues: { email: "", password: "" },
  });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    setError(null);
    startTransition(async () => {
      const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false }).catch(
        () => undefined,
      );
      if (result?.ok && !result.error) {
        // Full load: the header and every server component read the new session. Straight to the role's home
        // through a redirect that renders no page (app/connexion/suite/route.ts), not through `/` (ADR 037).
        window.location.assign(back ?? "/connexion/suite");
        return;
      }
      // No answer, or not one of our codes: a technical failure, never the visitor's mistake.
      setError(SIGN_IN_MESSAGES[isSignInFailure(result?.error) ? result.error : "UNAVAILABLE"]);
    });
  });

  return (
    <ClientForm onSubmit={submit} noValidate className={cardClass}>
      <FormAlert message={error} />
      <Field id="email" label="E-mail" required error={errors.email?.message}>
        {(aria) => <Input {...aria} {...form.register("email")} type="email" autoComplete="email" />}
      </Field>
      <Field id="password" label="Mot de passe" required error={errors.password?.message}>
        {(aria) => <Input {...aria} {...form.register("password")} type="password" autoComplete="current-password" />}
      </Field>
      <SubmitButton pending={pending}>Se connecter</SubmitButton>
    </ClientForm>
  );
}
