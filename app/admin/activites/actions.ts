"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { requireStaff } from "@/lib/auth/session";
import { idSchema } from "@/lib/families/schemas";
import { activitySchema, ageGroupSchema, capacityOverrideSchema, periodSchema, tariffsSchema, timeUnitSchema } from "@/lib/activities/schemas";
import { createActivity, updateActivity } from "@/lib/activities/manage-activity";
import {
  addAgeGroup, addPeriod, addTimeUnit, deleteAgeGroup, deletePeriod, deleteTimeUnit, setCapacityOverride, setTariffs,
} from "@/lib/activities/manage-parts";

const done = (message: string) => {
  revalidatePath("/admin/activites", "layout");
  return { message };
};

export async function createActivityAction(input: unknown): Promise<ActionResult<{ message: string; id: string }>> {
  return runAction(activitySchema, input, async (data) => {
    await requireStaff();
    const { id } = await createActivity(data);
    return { ...done(`Activité « ${data.name} » créée.`), id };
  });
}

export async function updateActivityAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(activitySchema.extend({ activityId: z.string().min(1).max(64) }), input, async ({ activityId, ...data }) => {
    await requireStaff();
    await updateActivity(activityId, data);
    return done("Paramètres enregistrés.");
  });
}

export async function addPeriodAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(periodSchema, input, async (data) => {
    await requireStaff();
    const { openingDays } = await addPeriod(data);
    return done(`Période « ${data.name} » ajoutée : ${openingDays} jour(s) d'ouverture.`);
  });
}

export async function addAgeGroupAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(ageGroupSchema, input, async (data) => {
    await requireStaff();
    await addAgeGroup(data);
    return done(`Groupe « ${data.name} » ajouté.`);
  });
}

export async function addTimeUnitAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(timeUnitSchema, input, async (data) => {
    await requireStaff();
    await addTimeUnit(data);
    return done(`Unité « ${data.name} » ajoutée.`);
  });
}

export async function setTariffsAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(tariffsSchema, input, async ({ timeUnitId, brackets }) => {
    await requireStaff();
    await setTariffs(timeUnitId, brackets);
    return done("Tarifs enregistrés.");
  });
}

export async function setCapacityOverrideAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(capacityOverrideSchema, input, async (data) => {
    await requireStaff();
    await setCapacityOverride(data);
    return done("Capacité du jour enregistrée.");
  });
}

export async function deletePeriodAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    await requireStaff();
    await deletePeriod(id);
    done("");
    return null;
  });
}

export async function deleteAgeGroupAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    await requireStaff();
    await deleteAgeGroup(id);
    done("");
    return null;
  });
}

export async function deleteTimeUnitAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    await requireStaff();
    await deleteTimeUnit(id);
    done("");
    return null;
  });
}
