"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Field, FormAlert, SubmitButton } from "@/components/form/field";
import { emailField } from "@/lib/accounts/schemas";
import type { ActionResult } from "@/lib/action-result";

const schema = z.object({ email: emailField });

/** Staff change a parent's login e-mail (the parent cannot). */
export function LoginEmailForm(props: {
  idPrefix: string;
  familyId: string;
  userId: string;
  email: string;
  action: (input: { familyId: string; userId: string; email: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const router = useRouter();
  const form = useForm<z.input<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { email: props.email } });
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = form.handleSubmit(async ({ email }) => {
    setPending(true);
    const result = await props.action({ familyId: props.familyId, userId: props.userId, email });
    setPending(false);
    if (result.ok) {
      setMessage({ tone: "success", text: result.data.message });
      router.refresh();
    } else {
      setMessage({ tone: "error", text: result.error });
      if (result.fieldErrors?.email) form.setError("email", { type: "server", message: result.fieldErrors.email });
    }
  });
  return (
    <form onSubmit={submit} noValidate className="mb-4 border-b border-gray-200 pb-4">
      <FormAlert message={message?.text} tone={message?.tone} />
      <Field id={`${props.idPrefix}-email`} label="E-mail de connexion" required error={form.formState.errors.email?.message}>
        {(aria) => <input {...aria} {...form.register("email")} type="email" className="input" autoComplete="off" />}
      </Field>
      <SubmitButton pending={pending}>Changer l&apos;e-mail de connexion</SubmitButton>
    </form>
  );
}
