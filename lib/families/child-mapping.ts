import type { ChildData, ChildFormInput } from "./schemas";
import type { MealType, Sex } from "@/lib/generated/prisma/enums";

/** The health columns of Child, as stored (and as a CHILD_HEALTH change request carries them). */
export type ChildHealthRecord = {
  hasAllergies: boolean;
  allergyNotes: string | null;
  hasPai: boolean;
  mealType: MealType;
  dietNotes: string | null;
  doctorName: string | null;
  doctorPhone: string | null;
  cafAllocataireNumber: string | null;
};

export const HEALTH_KEYS: (keyof ChildHealthRecord)[] = [
  "hasAllergies",
  "allergyNotes",
  "hasPai",
  "mealType",
  "dietNotes",
  "doctorName",
  "doctorPhone",
  "cafAllocataireNumber",
];

export function healthRecordOf(data: ChildData): ChildHealthRecord {
  const h = data.health;
  return {
    hasAllergies: h.hasAllergies === "oui",
    allergyNotes: h.hasAllergies === "oui" ? h.allergyNotes : null,
    hasPai: h.hasPai === "oui",
    mealType: h.mealType,
    dietNotes: h.dietNotes,
    doctorName: h.doctorName,
    doctorPhone: h.doctorPhone,
    cafAllocataireNumber: h.cafAllocataireNumber,
  };
}

export function identityRecordOf(data: ChildData) {
  return {
    lastName: data.identity.lastName,
    firstName: data.identity.firstName,
    birthDate: new Date(`${data.identity.birthDate}T00:00:00Z`),
    sex: data.identity.sex as Sex,
    school: data.identity.school,
    schoolClass: data.identity.schoolClass,
    photoConsent: data.consents.photoConsent === "oui",
    canLeaveAlone: data.consents.canLeaveAlone === "oui",
    emergencyCareConsent: data.consents.emergencyCareConsent === "oui",
  };
}

export function sameHealth(a: ChildHealthRecord, b: ChildHealthRecord): boolean {
  return HEALTH_KEYS.every((key) => a[key] === b[key]);
}

const yesNo = (value: boolean) => (value ? "oui" : "non") as "oui" | "non";

/** A stored child → the values of the child form (to edit it). */
export function childFormOf(
  child: ChildHealthRecord & {
    lastName: string;
    firstName: string;
    birthDate: Date;
    sex: Sex;
    school: string | null;
    schoolClass: string | null;
    photoConsent: boolean;
    canLeaveAlone: boolean;
    emergencyCareConsent: boolean;
    authorizedPersons: { fullName: string; phone: string; relationship: string }[];
  },
): ChildFormInput {
  return {
    identity: {
      lastName: child.lastName,
      firstName: child.firstName,
      birthDate: child.birthDate.toISOString().slice(0, 10),
      sex: child.sex,
      school: child.school ?? "",
      schoolClass: child.schoolClass ?? "",
    },
    health: {
      hasAllergies: yesNo(child.hasAllergies),
      allergyNotes: child.allergyNotes ?? "",
      hasPai: yesNo(child.hasPai),
      mealType: child.mealType,
      dietNotes: child.dietNotes ?? "",
      doctorName: child.doctorName ?? "",
      doctorPhone: child.doctorPhone ?? "",
      cafAllocataireNumber: child.cafAllocataireNumber ?? "",
    },
    contacts: {
      authorizedPersons: child.authorizedPersons.map(({ fullName, phone, relationship }) => ({ fullName, phone, relationship })),
    },
    consents: {
      photoConsent: yesNo(child.photoConsent),
      canLeaveAlone: yesNo(child.canLeaveAlone),
      emergencyCareConsent: yesNo(child.emergencyCareConsent),
    },
  };
}
