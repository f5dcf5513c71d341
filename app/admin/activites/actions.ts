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
import { deleteTariffRule, setTariffRule } from "@/lib/activities/set-tariff-rule";
import { tariffRuleSchema } from "@/lib/activities/tariff-rule-schemas";
import { isoToFrench } from "@/lib/format";

const done = (message: string) => {
  revalidatePath("/admin/activites", "layout");
  return { message };
};

export const createActivityAction = staffAction(activitySchema, async (data, staff) => {
  const { id } = await createActivity(data, staff.scope);
  return { ...done(`Activité « ${data.name} » créée.`), id };
});

export const updateActivityAction = staffAction(activitySchema.extend({ activityId: entityId }), async ({ activityId, ...data }, staff) => {
  await updateActivity(activityId, data, staff.scope);
  return done("Paramètres enregistrés.");
});

export const addPeriodAction = staffAction(periodSchema, async (data, staff) => {
  const { openingDays } = await addPeriod(data, parisDay(new Date()), staff.scope);
  return done(`Période « ${data.name} » ajoutée : ${count(openingDays, "jour")} d'ouverture.`);
});

export const addAgeGroupAction = staffAction(ageGroupSchema, async (data, staff) => {
  await addAgeGroup(data, staff.scope);
  return done(`Groupe « ${data.name} » ajouté.`);
});

export const addTimeUnitAction = staffAction(timeUnitSchema, async (data, staff) => {
  await addTimeUnit(data, staff.scope);
  return done(`Unité « ${data.name} » ajoutée.`);
});

export const setTariffsAction = staffAction(tariffsSchema, async ({ timeUnitId, brackets }, staff) => {
  await setTariffs(timeUnitId, brackets, staff.scope);
  return done("Tarifs enregistrés.");
});

export const setTariffRuleAction = staffAction(tariffRuleSchema, async (data, staff) => {
  await setTariffRule(data, { userId: staff.id, scope: staff.scope });
  return done(`Règle de tarif enregistrée, en vigueur à partir du ${isoToFrench(data.validFrom)}.`);
});

export const deleteTariffRuleAction = staffAction(idSchema, async ({ id }, staff) => {
  await deleteTariffRule(id, { scope: staff.scope });
  done("");
  return null;
});

export const setCapacityOverrideAction = staffAction(capacityOverrideSchema, async (data, staff) => {
  await setCapacityOverride(data, new Date(), staff.scope);
  return done("Capacité du jour enregistrée.");
});

export const deletePeriodAction = staffAction(idSchema, async ({ id }, staff) => {
  await deletePeriod(id, staff.scope);
  done("");
  return null;
});

export const deleteAgeGroupAction = staffAction(idSchema, async ({ id }, staff) => {
  await deleteAgeGroup(id, staff.scope);
  done("");
  return null;
});

export const deleteTimeUnitAction = staffAction(idSchema, async ({ id }, staff) => {
  await deleteTimeUnit(id, staff.scope);
  done("");
  return null;
});

export const addUnitRuleAction = staffAction(unitRuleSchema, async (data, staff) => {
  await addUnitRule(data, staff.scope);
  return done("Règle ajoutée.");
});

export const deleteUnitRuleAction = staffAction(idSchema, async ({ id }, staff) => {
  await deleteUnitRule(id, staff.scope);
  done("");
  return null;
});
