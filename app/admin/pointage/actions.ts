"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { count } from "@/lib/format";
import { attendanceSchema, walkInSchema } from "@/lib/reservations/schemas";
import { addWalkIn } from "@/lib/reservations/add-walk-in";
import { recordAttendance } from "@/lib/reservations/record-attendance";

export const recordAttendanceAction = staffAction(attendanceSchema, async (data, staff) => {
  const { changed } = await recordAttendance({
    activityId: data.activityId,
    day: data.date,
    timeUnitId: data.timeUnitId,
    marks: data.marks,
    reason: data.reason,
    actor: staff.actor,
  });
  revalidatePath("/admin", "layout");
  return {
    message: changed === 0 ? "Pointage déjà à jour." : `Pointage enregistré : ${count(changed, "enfant pointé", "enfants pointés")}.`,
  };
});

export const addWalkInAction = staffAction(walkInSchema, async (data, staff) => {
  await addWalkIn({
    activityId: data.activityId,
    day: data.date,
    timeUnitId: data.timeUnitId,
    inscriptionId: data.inscriptionId,
    actor: staff.actor,
  });
  revalidatePath("/admin", "layout");
  return { message: "Enfant ajouté, pointé présent." };
});
