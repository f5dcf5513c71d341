"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireStaff } from "@/lib/auth/session";
import { calendarExceptionSchema, structureSchema } from "@/lib/activities/schemas";
import { addCalendarException, createStructure } from "@/lib/activities/manage-parts";

export async function createStructureAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(structureSchema, input, async (data) => {
    await requireStaff();
    await createStructure(data);
    revalidatePath("/admin", "layout");
    return { message: `Lieu d'accueil « ${data.name} » créé.` };
  });
}

export async function addCalendarExceptionAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(calendarExceptionSchema, input, async (data) => {
    await requireStaff();
    await addCalendarException(data);
    revalidatePath("/admin", "layout");
    return { message: `« ${data.label} » ajouté au calendrier.` };
  });
}
