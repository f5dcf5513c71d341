import "server-only";
import { db } from "@/lib/db";
import type { StaffEditKind, WorkflowMachine } from "@/lib/generated/prisma/enums";
import { statusLabel, type StatusByMachine } from "@/lib/workflow";
import { listFamilyRequests } from "./get-family-dashboard";

const label = (machine: WorkflowMachine, status: string) => statusLabel(machine, status as StatusByMachine[typeof machine]) ?? status;

const WHO = { VISITOR: "la famille", SYSTEM: "le portail" } as Record<string, string>;

/** What staff changed directly, in the words of the family page. */
export const STAFF_EDIT_LABELS: Record<StaffEditKind, string> = {
  ADDRESS: "Adresse",
  QUOTIENT_FAMILIAL: "Quotient familial et numéro CAF",
  ADULT: "Identité d'un adulte",
  ADULT_DETAILS: "Téléphones et situation d'un adulte",
  LOGIN_EMAIL: "E-mail de connexion",
  CHILD: "Fiche d'un enfant",
  ANONYMISED: "Données personnelles anonymisées (RGPD)",
};

/**
 * The history of a family (staff family page): its requests with every
 * decision taken on them, the decisions on its children and logins, and the
 * direct edits of staff — each entry already in French (the machines' labels).
 */
export async function getFamilyHistory(familyId: string, now: Date) {
  const requests = await listFamilyRequests(familyId, now);
  const users = await db.user.findMany({ where: { familyId }, select: { id: true } });
  const children = await db.child.findMany({ where: { familyId }, select: { id: true } });
  const entities = [...requests.map((r) => r.id), ...users.map((u) => u.id), ...children.map((c) => c.id)];
  const rows = await db.transitionLog.findMany({
    where: { entityId: { in: entities } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      machine: true,
      entityId: true,
      fromStatus: true,
      toStatus: true,
      actorRole: true,
      reason: true,
      createdAt: true,
      actor: { select: { displayName: true } },
    },
  });
  const log = rows.map((row) => ({
    id: row.id,
    machine: row.machine,
    entityId: row.entityId,
    from: row.fromStatus === null ? null : label(row.machine, row.fromStatus),
    to: label(row.machine, row.toStatus),
    who: row.actor?.displayName ?? WHO[row.actorRole] ?? "la structure",
    reason: row.reason,
    at: row.createdAt,
  }));
  const edits = await db.staffEdit.findMany({
    where: { familyId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, kind: true, before: true, after: true, createdAt: true, actor: { select: { displayName: true } } },
  });
  return {
    requests,
    log,
    staffEdits: edits.map((edit) => ({
      id: edit.id,
      what: STAFF_EDIT_LABELS[edit.kind],
      changes: describeEdit(edit.before, edit.after),
      who: edit.actor?.displayName ?? "la structure",
      at: edit.createdAt,
    })),
  };
}

const shown = (value: unknown) =>
  value === null || value === undefined || value === "" ? "(vide)" : value === true ? "oui" : value === false ? "non" : String(value);

/** « street : 1 rue A → 2 rue B » for each field that changed. */
function describeEdit(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys(a).map((key) => `${FIELD_LABELS[key] ?? key} : ${shown(b[key])} → ${shown(a[key])}`);
}

const FIELD_LABELS: Record<string, string> = {
  street: "N° et nom de voie",
  addressComplement: "Complément d'adresse",
  postalCode: "Code postal",
  city: "Ville",
  quotientFamilial: "Quotient familial",
  cafNumber: "Numéro CAF",
  email: "E-mail",
  civility: "Civilité",
  lastName: "Nom",
  firstName: "Prénom",
  birthDate: "Date de naissance",
  mobilePhone: "Téléphone portable",
  homePhone: "Téléphone domicile",
  workPhone: "Téléphone professionnel",
  relationship: "Lien avec les enfants",
  profession: "Profession",
  employer: "Employeur",
  sex: "Sexe",
  school: "École",
  schoolClass: "Classe",
  photoConsent: "Droit à l'image",
  canLeaveAlone: "Peut partir seul",
  emergencyCareConsent: "Soins d'urgence",
  hasAllergies: "Allergies",
  allergyNotes: "Précisions allergies",
  hasPai: "PAI",
  mealType: "Repas",
  dietNotes: "Précisions repas",
  doctorName: "Médecin",
  doctorPhone: "Téléphone du médecin",
  cafAllocataireNumber: "N° allocataire CAF",
  secondFoyer: "Second foyer (garde alternée)",
};
