"use server";
import { z } from "zod";
import { userAction } from "@/lib/action";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";

/** « Se déconnecter de tous les appareils »: every session of the signed-in user ends, this one too. */
export const signOutEverywhereAction = userAction(z.object({}), async (_data, user) => ({ closed: await signOutEverywhere(user.id) }));
