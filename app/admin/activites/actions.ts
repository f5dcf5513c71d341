"use server";
import { count } from "@/lib/format";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { entityId, idSchema } from "@/lib/forms/fields";
import {
  activitySchema,
  ageGroupSchema,
  capacityOverrideSchema,
  periodSchema,
  tariffsSchema,
  timeUnitSchema,
  unitRuleSchema,
} from "@/lib/activities/schemas";
import { addUnitRule, deleteUnitRule } from "@/lib/activities/manage-unit-rules";
import { createActivity, updateActivity } from "@/lib/activities/manage-activity";
import { addPeriod, deletePeriod } from "@/lib/activities/manage-periods";
import { parisDay } from "@/lib/calendar/paris";
import { addAgeGroup, deleteAgeGroup } from "@/lib/activities/manage-age-groups";
import { addTimeUnit, deleteTimeUnit } from "@/lib/activities/manage-time-units";
import { setTariffs } from "@/lib/activities/set-tariffs";
import { setCapacityOverride } from "@/lib/activities/set-capacity-override";

const done = (message: string) => {
  revalidatePath("/admin/activites", "layout");
  return { message };
};

export const createActivityAction = staffAction(activitySchema, async (data) => {
  const { id } = await createActivity(data);
  return { ...done(`Activité « ${data.name} » créée.`), id };
});

export const updateActivityAction = staffAction(activitySchema.extend({ activityId: entityId }), async ({ activityId, ...data }) => {
  await updateActivity(activityId, data);
  return done("Paramètres enregistrés.");
});

export const addPeriodAction = staffAction(periodSchema, async (data) => {
  const { openingDays } = await addPeriod(data, parisDay(new Date()));
  return done(`Période « ${data.name} » ajoutée : ${count(openingDays, "jour")} d'ouverture.`);
});

export const addAgeGroupAction = staffAction(ageGroupSchema, async (data) => {
  await addAgeGroup(data);
  return done(`Groupe « ${data.name} » ajouté.`);
});

export const addTimeUnitAction = staffAction(timeUnitSchema, async (data) => {
  await addTimeUnit(data);
  return done(`Unité « ${data.name} » ajoutée.`);
});

export const setTariffsAction = staffAction(tariffsSchema, async ({ timeUnitId, brackets }) => {
  await setTariffs(timeUnitId, brackets);
  return done("Tarifs enregistrés.");
});

export const setCapacityOverrideAction = staffAction(capacityOverrideSchema, async (data) => {
  await setCapacityOverride(data, new Date());
  return done("Capacité du jour enregistrée.");
});

export const deletePeriodAction = staffAction(idSchema, async ({ id }) => {
  await deletePeriod(id);
  done("");
  return null;
});

export const deleteAgeGroupAction = staffAction(idSchema, async ({ id }) => {
  await deleteAgeGroup(id);
  done("");
  return null;
});

export const deleteTimeUnitAction = staffAction(idSchema, async ({ id }) => {
  await deleteTimeUnit(id);
  done("");
  return null;
});

export const addUnitRuleAction = staffAction(unitRuleSchema, async (data) => {
  await addUnitRule(data);
  return done("Règle ajoutée.");
});

export const deleteUnitRuleAction = staffAction(idSchema, async ({ id }) => {
  await deleteUnitRule(id);
  done("");
  return null;
});
