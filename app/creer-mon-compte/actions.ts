"use server";
import { runAction, type ActionResult } from "@/lib/action";
import { accountRequestSchema } from "@/lib/accounts/schemas";
import { requestAccount } from "@/lib/accounts/request-account";

/** Anyone may ask for an account: no session to check, the input is the whole story. */
export async function requestAccountAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(accountRequestSchema, input, async (data) => {
    await requestAccount(data);
    return null;
  });
}
