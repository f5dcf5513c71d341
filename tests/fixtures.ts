/** Inputs several test files need, written once. */

/** The eight-byte PNG signature and the start of an IHDR chunk: enough for file-type to say image/png. */
const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];

/** A small file that is a PNG by its bytes (100 bytes after the header, all `fill`). */
export function tinyPng(fill = 7): Uint8Array<ArrayBuffer> {
  return new Uint8Array([...PNG_START, ...new Array(100).fill(fill)]);
}

type YesNo = "oui" | "non";

/** What « Ajouter un enfant » posts (its four steps), before zod reads it. */
export function childForm(
  input: {
    identity?: Partial<{ lastName: string; firstName: string; birthDate: string; sex: string; school: string; schoolClass: string }>;
    hasAllergies?: YesNo;
    allergyNotes?: string;
    authorizedPersons?: { fullName: string; phone: string; relationship: string }[];
    consents?: YesNo;
  } = {},
) {
  const consent = input.consents ?? "non";
  return {
    identity: { lastName: "Test", firstName: "Lina", birthDate: "2019-04-04", sex: "F", school: "", schoolClass: "", ...input.identity },
    health: {
      hasAllergies: input.hasAllergies ?? "non",
      allergyNotes: input.allergyNotes ?? "",
      hasPai: "non",
      mealType: "STANDARD",
      dietNotes: "",
      doctorName: "",
      doctorPhone: "",
      cafAllocataireNumber: "",
    },
    contacts: { authorizedPersons: input.authorizedPersons ?? [] },
    consents: { photoConsent: consent, canLeaveAlone: "non", emergencyCareConsent: consent },
  };
}

/** The staff's activity form as its fields arrive (MANUAL validations, J-2 10:00 deadlines, no maximum), with changes. */
export const activityForm = (structureId: string, changes: Record<string, string> = {}) => ({
  structureId,
  careKind: "ALSH_MERCREDIS",
  name: "Mercredis",
  description: "",
  inscriptionValidation: "MANUAL",
  reservationValidation: "MANUAL",
  bookingDeadline: "J-2 10:00",
  cancellationDeadline: "J-2 10:00",
  inscriptionsOpenAt: "",
  residentsOpenAt: "",
  maxInscriptions: "",
  isPreRegistration: "non",
  ...changes,
});
