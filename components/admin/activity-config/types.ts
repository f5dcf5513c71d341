import type { ComponentProps } from "react";
import type { getActivityConfiguration } from "@/lib/activities/manage-activity";
import type { SchemaForm } from "@/components/form/schema-form";
import type { DeleteButton } from "@/components/admin/delete-button";
import type { TariffEditor } from "@/components/admin/tariff-editor";

/** What the tabs of the activity's configuration page (app/admin/activites/[activityId]) read. */
export type ActivityConfiguration = NonNullable<Awaited<ReturnType<typeof getActivityConfiguration>>>;
export type ActivityTimeUnit = ActivityConfiguration["timeUnits"][number];

/** The page's server actions, handed down as props (components never import from app/). */
export type SchemaFormAction = ComponentProps<typeof SchemaForm>["action"];
export type DeleteAction = ComponentProps<typeof DeleteButton>["remove"];
export type TariffsAction = ComponentProps<typeof TariffEditor>["action"];
