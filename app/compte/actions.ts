"use server";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { requireUser } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";

/** « Se déconnecter de tous les appareils »: every session of the signed-in user ends, this one too. */
export async function signOutEverywhereAction(input: unknown): Promise<ActionResult<{ closed: number }>> {
  return runAction(z.object({}), input, async () => {
    const user = await requireUser();
    return { closed: await signOutEverywhere(user.id) };
  });
}
