import "server-only";
import { db } from "@/lib/db";
import { INSCRIPTION_STATUSES, statusIn } from "@/lib/workflow";

/**
 * The family file, for its own family (Ma famille, Mes coordonnées) and for
 * staff. Every read is scoped by familyId: a child id of another family
 * returns null, exactly like a missing one.
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
} as const;

export async function getFamilyFile(familyId: string) {
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
      children: { select: childSelect, orderBy: { birthDate: "asc" } },
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
  return db.child.findFirst({ where: { id: childId, familyId }, select: childSelect });
}
