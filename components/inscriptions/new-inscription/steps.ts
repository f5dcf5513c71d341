import type { ReactNode } from "react";

/** The choices of « Nouvelle inscription », in order: each narrows the next list (the last step, groupe et dates, follows). */
export const STEPS = [
  { key: "enfant", label: "Enfant" },
  { key: "lieu", label: "Lieu d'accueil" },
  { key: "type", label: "Type d'accueil" },
  { key: "activite", label: "Activité" },
  { key: "periode", label: "Période" },
] as const;
export type StepKey = (typeof STEPS)[number]["key"];
export type Option = { id: string; label: string; details?: ReactNode };
