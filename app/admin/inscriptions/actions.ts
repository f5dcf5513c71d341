"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireStaff } from "@/lib/auth/session";
import { cancellationSchema, refusalSchema } from "@/lib/accounts/schemas";
import { bulkMessage, forEachRequest } from "@/lib/bulk";
import { bulkDecisionSchema } from "@/lib/bulk-schema";
import { idSchema } from "@/lib/families/schemas";
import { acceptInscription, cancelInscription, refuseInscription } from "@/lib/inscriptions/decide-inscription";

export async function acceptInscriptionAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    const staff = await requireStaff();
    await acceptInscription({ id, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}

export async function refuseInscriptionAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(refusalSchema, input, async ({ id, reason }) => {
    const staff = await requireStaff();
    await refuseInscription({ id, reason, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}

export async function decideInscriptionsAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(bulkDecisionSchema, input, async (data) => {
    const staff = await requireStaff();
    const result = await forEachRequest(data.ids, (id) =>
      data.decision === "accept" ? acceptInscription({ id, actor: staff.actor }) : refuseInscription({ id, reason: data.reason, actor: staff.actor }),
    );
    revalidatePath("/admin", "layout");
    return { message: bulkMessage(result, data.decision === "accept" ? "acceptée" : "refusée") };
  });
}

export async function cancelInscriptionAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(cancellationSchema, input, async ({ id, reason }) => {
    const staff = await requireStaff();
    await cancelInscription({ id, reason, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}
