"use server";
import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/action";
import { forgottenPasswordSchema, resetPasswordSchema } from "@/lib/accounts/schemas";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { clientIp } from "@/lib/net/client-ip";

export async function requestPasswordResetAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(forgottenPasswordSchema, input, async ({ email }) => {
    await requestPasswordReset(email, clientIp(await headers()));
    return null;
  });
}

/** The token is the proof: no session needed, and it works only once. */
export async function resetPasswordAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(resetPasswordSchema, input, async ({ token, password }) => {
    await resetPassword(token, password);
    return null;
  });
}
