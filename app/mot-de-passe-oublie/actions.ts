"use server";
import { headers } from "next/headers";
import { publicAction } from "@/lib/action";
import { forgottenPasswordSchema, resetPasswordSchema } from "@/lib/accounts/schemas";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/reset-password";
import { clientIp } from "@/lib/net/client-ip";

export const requestPasswordResetAction = publicAction(forgottenPasswordSchema, async ({ email }) => {
  await requestPasswordReset(email, clientIp(await headers()));
  return null;
});

/** The token is the proof: no session needed, and it works only once. */
export const resetPasswordAction = publicAction(resetPasswordSchema, async ({ token, password }) => {
  await resetPassword(token, password);
  return null;
});
