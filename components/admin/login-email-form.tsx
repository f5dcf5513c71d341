"use client";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { Field, FormAlert, SubmitButton } from "@/components/ui/field";
import { useRefreshingForm } from "@/components/form/use-server-form";
import type { ActionResult } from "@/lib/action-result";
import { Input } from "@/components/ui/input";

/** Staff change a parent's login e-mail (the parent cannot). */
export function LoginEmailForm(props: {
  idPrefix: string;
  familyId: string;
  userId: string;
  email: string;
  action: (input: { familyId: string; userId: string; email: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const form = useForm<{ email: string; familyId: string; userId: string }>({
    resolver: lazyZodResolver(async () => {
      const [{ z }, { emailField }] = await Promise.all([import("zod"), import("@/lib/forms/fields")]);
      return z.object({ email: emailField, familyId: z.string(), userId: z.string() });
    }),
    defaultValues: { email: props.email, familyId: props.familyId, userId: props.userId },
  });
  const { submit, formError, success, pending } = useRefreshingForm(form, props.action);
  return (
    <form onSubmit={submit} noValidate className="mb-4 border-b border-gray-200 pb-4">
      <FormAlert message={formError} />
      <FormAlert message={success} tone="success" />
      <Field id={`${props.idPrefix}-email`} label="E-mail de connexion" required error={form.formState.errors.email?.message}>
        {(aria) => <Input {...aria} {...form.register("email")} type="email" autoComplete="off" />}
      </Field>
      <SubmitButton pending={pending}>Changer l&apos;e-mail de connexion</SubmitButton>
    </form>
  );
}
