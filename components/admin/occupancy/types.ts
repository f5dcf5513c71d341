import type { ComponentProps } from "react";
import type { getOccupancy, getSlotChildren, OccupancyCell } from "@/lib/reservations/get-occupancy";
import type { SchemaForm } from "@/components/form/schema-form";
import type { CancelDayForm } from "@/components/admin/cancel-day-form";

/** What the parts of « Occupation » (app/admin/occupation) read. */
export type Occupancy = NonNullable<Awaited<ReturnType<typeof getOccupancy>>>;
export type OccupancyUnit = Occupancy["units"][number];
/** The slot chosen in the table (a unit on a day): its cell, and its children booked and waiting. */
export type SlotDetail = { unit: OccupancyUnit; day: string; cell: OccupancyCell } & Awaited<ReturnType<typeof getSlotChildren>>;

/** The page's server actions, handed down as props (components never import from app/). */
export type CapacityAction = ComponentProps<typeof SchemaForm>["action"];
export type CancelDayAction = ComponentProps<typeof CancelDayForm>["cancel"];
