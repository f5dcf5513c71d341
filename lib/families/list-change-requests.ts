import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { clampPage, type PageRequest } from "@/lib/staff/paging";
import { changeRequestLabel, childLinkShape } from "./change-requests";
import { MEAL_TYPES } from "./child-options";
import { isoToFrench } from "@/lib/format";

const FIELD_LABELS: Record<string, string> = {
  street: "N° et nom de voie",
  addressComplement: "Complément d'adresse",
  postalCode: "Code postal",
  city: "Ville",
  homePhone: "Téléphone domicile",
  mobilePhone: "Téléphone portable",
  workPhone: "Téléphone professionnel",
  quotientFamilial: "Quotient familial",
  cafNumber: "Numéro d'allocataire CAF",
  hasAllergies: "Allergies",
  allergyNotes: "Précisions allergies",
  hasPai: "PAI",
  mealType: "Type de repas",
  dietNotes: "Recommandations",
  doctorName: "Médecin traitant",
  doctorPhone: "Téléphone du médecin",
  cafAllocataireNumber: "N° allocataire CAF (enfant)",
  firstName: "Prénom",
  lastName: "Nom",
  birthDate: "Date de naissance",
  otherParentName: "Autre parent",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value === true) return "Oui";
  if (value === false) return "Non";
  if (typeof value === "string" && value in MEAL_TYPES) return MEAL_TYPES[value as keyof typeof MEAL_TYPES];
  // A day ("2018-05-14") the French way; any other text as it is.
  return typeof value === "string" ? isoToFrench(value) : String(value);
}

/** Before → after, field by field, only what changes (everything for a new child). */
export function describeChange(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys(a)
    .filter((key) => b[key] !== a[key])
    .map((key) => ({ field: FIELD_LABELS[key] ?? key, before: key in b ? show(b[key]) : "—", after: show(a[key]) }));
}

/** The staff queue, oldest first: new children, or the other demandes de modification — one page of it (ADR 043). */
export async function listPendingChangeRequests(
  kind: "CHILDREN" | "CHANGES",
  scope: StaffScope,
  paging: PageRequest = { page: 1, pageSize: 200 },
) {
  const where = {
    status: "PENDING" as const,
    kind: kind === "CHILDREN" ? ("CHILD_ADDED" as const) : { not: "CHILD_ADDED" as const },
    family: scopeWhere(scope).family,
  };
  const read = (skip: number) =>
    db.changeRequest.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip,
      take: paging.pageSize,
      select: {
        id: true,
        kind: true,
        targetId: true,
        before: true,
        after: true,
        createdAt: true,
        family: { select: { id: true, name: true } },
      },
    });
  const [total, first] = await Promise.all([db.changeRequest.count({ where }), read((paging.page - 1) * paging.pageSize)]);
  const { page, pageCount, skip } = clampPage(paging, total);
  const requests = page === paging.page ? first : await read(skip);
  // A new child: what staff need to decide, read from the child itself (sex, age, health, who may pick up).
  const childIds = kind === "CHILDREN" ? requests.map((r) => r.targetId).filter((id): id is string => Boolean(id)) : [];
  const children =
    childIds.length === 0
      ? []
      : await db.child.findMany({
          where: { id: { in: childIds } },
          select: {
            id: true,
            sex: true,
            birthDate: true,
            school: true,
            schoolClass: true,
            hasAllergies: true,
            allergyNotes: true,
            hasPai: true,
            mealType: true,
            photoConsent: true,
            canLeaveAlone: true,
            emergencyCareConsent: true,
            authorizedPersons: { select: { fullName: true, relationship: true, phone: true } },
          },
        });
  const items = await Promise.all(
    requests.map(async (r) => ({
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt,
      family: r.family,
      label: await changeRequestLabel(db, r),
      changes: describeChange(r.before, r.after),
      child: children.find((c) => c.id === r.targetId) ?? null,
      candidates: r.kind === "CHILD_LINK" ? await childLinkCandidates(r.family.id, r.after) : null,
    })),
  );
  return { items, total, page, pageCount, pageSize: paging.pageSize };
}

export async function countPendingChangeRequests(scope: StaffScope) {
  const family = scopeWhere(scope).family;
  const [children, changes] = await Promise.all([
    db.changeRequest.count({ where: { status: "PENDING", kind: "CHILD_ADDED", family } }),
    db.changeRequest.count({ where: { status: "PENDING", kind: { not: "CHILD_ADDED" }, family } }),
  ]);
  return { children, changes };
}

/**
 * Garde alternée (ADR 051): the children a parent's CHILD_LINK request may name — on file elsewhere, born that day,
 * with the first or the last name given (case ignored) — for staff to choose the one to link (or refuse). Each with
 * its family, and whether it already has a second foyer (then it cannot be linked).
 */
export async function childLinkCandidates(requestingFamilyId: string, after: unknown) {
  const asked = childLinkShape.safeParse(after);
  if (!asked.success) return [];
  const { firstName, lastName, birthDate } = asked.data;
  const children = await db.child.findMany({
    where: {
      birthDate: new Date(`${birthDate}T00:00:00Z`),
      status: "VALIDATED",
      familyId: { not: requestingFamilyId },
      OR: [{ firstName: { equals: firstName, mode: "insensitive" } }, { lastName: { equals: lastName, mode: "insensitive" } }],
    },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      firstName: true,
      lastName: true,
      birthDate: true,
      sex: true,
      family: { select: { id: true, name: true } },
      foyers: { select: { familyId: true } },
    },
  });
  // Both names matching first: the child the parent means, before namesakes born the same day.
  const same = (x: string, y: string) => x.localeCompare(y, "fr", { sensitivity: "base" }) === 0;
  const exact = (c: { firstName: string; lastName: string }) => same(c.firstName, firstName) && same(c.lastName, lastName);
  children.sort((x, y) => Number(exact(y)) - Number(exact(x)));
  return children.slice(0, 10).map((c) => ({
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate,
    sex: c.sex,
    family: c.family,
    hasSecondFoyer: c.foyers.length > 0,
    alreadyLinked: c.foyers.some((f) => f.familyId === requestingFamilyId),
  }));
}
