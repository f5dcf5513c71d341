"use server";
import { headers } from "next/headers";
import { publicAction } from "@/lib/action";
import { accountRequestSchema } from "@/lib/accounts/schemas";
import { requestAccount } from "@/lib/accounts/request-account";
import { clientIp } from "@/lib/net/client-ip";

/**
 * Anyone may ask for an account: no session to check, the input is the whole
 * story. The answer is the same whether the address already has an account.
 */
export const requestAccountAction = publicAction(accountRequestSchema, async (data) => {
  await requestAccount(data, clientIp(await headers()));
  return null;
});
