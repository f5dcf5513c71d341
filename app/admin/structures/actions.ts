"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { calendarExceptionSchema, structureSchema } from "@/lib/activities/schemas";
import { createStructure } from "@/lib/activities/manage-structures";
import { addCalendarException } from "@/lib/activities/add-calendar-exception";

export const createStructureAction = staffAction(structureSchema, async (data, staff) => {
  await createStructure(data, staff.scope);
  revalidatePath("/admin", "layout");
  return { message: `Lieu d'accueil « ${data.name} » créé.` };
});

export const addCalendarExceptionAction = staffAction(calendarExceptionSchema, async (data, staff) => {
  await addCalendarException(data, staff.scope);
  revalidatePath("/admin", "layout");
  return { message: `« ${data.label} » ajouté au calendrier.` };
});
