import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { INSCRIPTION_STATUSES, statusIn } from "@/lib/workflow";
import { familyChildWhere } from "./foyers";

/**
 * The family file, for its own family (Ma famille, Mes coordonnées) and for
 * staff. Every read is scoped by familyId: a child id of another family
 * returns null, exactly like a missing one.
 *
 * Garde alternée (ADR 051): the children are those the family reaches — its own and a shared child of another foyer,
 * whose record (identity, health, authorised persons, consents, inscriptions) is one. What is the foyer's own
 * (address, phones, adults, quotient, requests) is read on its own id only: nothing of the other foyer is in the file,
 * not even its name (staff read that apart, `listChildFoyers`).
 */
const adultSelect = {
  id: true,
  civility: true,
  lastName: true,
  firstName: true,
  birthDate: true,
  homePhone: true,
  mobilePhone: true,
  workPhone: true,
  email: true,
  isLegalGuardian: true,
  relationship: true,
  profession: true,
  employer: true,
  user: { select: { id: true, email: true, status: true } },
} as const;

const childSelect = {
  id: true,
  status: true,
  lastName: true,
  firstName: true,
  birthDate: true,
  sex: true,
  school: true,
  schoolClass: true,
  hasAllergies: true,
  allergyNotes: true,
  hasPai: true,
  mealType: true,
  dietNotes: true,
  doctorName: true,
  doctorPhone: true,
  cafAllocataireNumber: true,
  photoConsent: true,
  canLeaveAlone: true,
  emergencyCareConsent: true,
  authorizedPersons: { select: { id: true, fullName: true, phone: true, relationship: true }, orderBy: { createdAt: "asc" as const } },
  inscriptions: {
    where: { status: statusIn(INSCRIPTION_STATUSES.ACTIVE) },
    select: { id: true, status: true, activity: { select: { name: true, isPreRegistration: true } }, period: { select: { name: true } } },
    orderBy: { createdAt: "desc" as const },
  },
  familyId: true,
  _count: { select: { foyers: true } },
} as const;

type ChildRow = Prisma.ChildGetPayload<{ select: typeof childSelect }>;

/** The child as its family reads it: `foyer` says whether it is shared, and whether this family is its first foyer. */
function asFamilyChild(familyId: string, { familyId: first, _count, ...child }: ChildRow) {
  return { ...child, foyer: { isShared: _count.foyers > 0, isFirst: first === familyId } };
}

export async function getFamilyFile(familyId: string) {
  const [family, children] = await Promise.all([readFamily(familyId), readChildren(familyId)]);
  return family && { ...family, children };
}

const readChildren = async (familyId: string) =>
  (
    await db.child.findMany({
      where: familyChildWhere(familyId),
      select: childSelect,
      orderBy: [{ birthDate: "asc" }, { id: "asc" }],
    })
  ).map((child) => asFamilyChild(familyId, child));

function readFamily(familyId: string) {
  return db.family.findUnique({
    where: { id: familyId },
    select: {
      id: true,
      name: true,
      street: true,
      addressComplement: true,
      postalCode: true,
      city: true,
      homePhone: true,
      quotientFamilial: true,
      cafNumber: true,
      anonymisedAt: true,
      adults: { select: adultSelect, orderBy: { createdAt: "asc" } },
      changeRequests: {
        where: { status: "PENDING" },
        select: { id: true, kind: true, targetId: true, after: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

export type FamilyFile = NonNullable<Awaited<ReturnType<typeof getFamilyFile>>>;

export async function getChildOfFamily(familyId: string, childId: string) {
  const child = await db.child.findFirst({ where: { id: childId, ...familyChildWhere(familyId) }, select: childSelect });
  return child && asFamilyChild(familyId, child);
}

/**
 * Staff only (the family page): for each shared child the family reaches, its two foyers by name — the other parent's
 * file to open, and the link to remove. Never read for a parent.
 */
export async function listChildFoyers(familyId: string) {
  const children = await db.child.findMany({
    where: { ...familyChildWhere(familyId), foyers: { some: {} } },
    select: {
      id: true,
      family: { select: { id: true, name: true } },
      foyers: { select: { family: { select: { id: true, name: true } } }, take: 1, orderBy: { createdAt: "asc" } },
    },
  });
  return new Map(children.map((c) => [c.id, { first: c.family, second: c.foyers[0]!.family }]));
}
export type ChildFoyers = Awaited<ReturnType<typeof listChildFoyers>>;
