import type { ComponentProps } from "react";
import type { FamilyFile } from "@/lib/families/get-family-file";
import type { getFamilyHistory } from "@/lib/families/get-family-history";
import type { listFamilyInscriptions } from "@/lib/inscriptions/list-inscriptions";
import type { SchemaForm } from "@/components/form/schema-form";
import type { DecisionControls } from "@/components/admin/decision-controls";
import type { LoginEmailForm } from "@/components/admin/login-email-form";

/** The parts of the staff family page (app/admin/familles/[familyId]) and what they read. */
export type FamilyAdult = FamilyFile["adults"][number];
export type FamilyChild = FamilyFile["children"][number];
export type FamilyHistory = Awaited<ReturnType<typeof getFamilyHistory>>;
export type FamilyInscription = Awaited<ReturnType<typeof listFamilyInscriptions>>[number];

/** The page's server actions, handed down as props (components never import from app/). */
export type SchemaFormAction = ComponentProps<typeof SchemaForm>["action"];
export type DecisionAction = ComponentProps<typeof DecisionControls>["refuse"];
export type LoginEmailAction = ComponentProps<typeof LoginEmailForm>["action"];

/** An optional value as the forms and the details show it: empty when there is none. */
export const text = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));
