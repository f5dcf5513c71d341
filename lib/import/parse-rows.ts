import type { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { emailField, nameField, optionalText, PHONE_PATTERN, shiftYears, trimmed } from "@/lib/forms/fields";
import { frenchDateToIso } from "@/lib/forms/french-dates";
import { parisDay } from "@/lib/calendar/paris";
import { addressSchema, authorizedPersonSchema } from "@/lib/families/schemas";
import { MEAL_TYPES } from "@/lib/families/child-options";
import type { MealType } from "@/lib/generated/prisma/enums";
import { columnHeader, IMPORT_COLUMNS, type ImportFileKind } from "./columns";
import { CsvError, readCsv, type CsvFile, type CsvLine } from "./read-csv";

/*
 * From the files' lines to typed rows, each cell checked by the portal's own field rules (lib/forms/fields.ts,
 * lib/families/schemas.ts): an imported family obeys the rules of one typed in the portal. Phones are read in any
 * usual form (« +33 6 12… », « 0033612… », « 06.12… ») and written as the portal writes them (« 06 12 34 56 78 »).
 */

export interface ImportIssue {
  file: ImportFileKind;
  line: number;
  /** The column's header as in the template; null for the whole line. */
  column: string | null;
  message: string;
}

export interface AdultRow {
  civility: "M" | "MME";
  lastName: string;
  firstName: string;
  mobilePhone: string | null;
  email: string | null;
}

export interface FamilyRow {
  line: number;
  email: string;
  holder: AdultRow & { birthDate: string | null; homePhone: string | null; workPhone: string | null };
  second: AdultRow | null;
  street: string;
  addressComplement: string | null;
  postalCode: string;
  city: string;
  homePhone: string | null;
  quotientFamilial: number | null;
  cafNumber: string | null;
}

export interface ChildRow {
  line: number;
  familyEmail: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: "F" | "M";
  school: string | null;
  schoolClass: string | null;
  hasAllergies: boolean;
  allergyNotes: string | null;
  hasPai: boolean;
  mealType: MealType;
  authorizedPersons: { fullName: string; phone: string; relationship: string }[];
  photoConsent: boolean;
  canLeaveAlone: boolean;
  emergencyCareConsent: boolean;
}

export interface InscriptionRow {
  line: number;
  familyEmail: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  activity: string;
  period: string;
  ageGroup: string | null;
}

export interface ParsedImport {
  families: FamilyRow[];
  children: ChildRow[];
  inscriptions: InscriptionRow[];
  issues: ImportIssue[];
  /** Per file read: how it was read (shown on the report). */
  files: { kind: ImportFileKind; encoding: CsvFile["encoding"]; delimiter: CsvFile["delimiter"]; lines: number }[];
}

/** The key a child is matched by: its family, names (case and spaces aside) and birth date. */
export function childKey(familyEmail: string, lastName: string, firstName: string, birthDate: string): string {
  const norm = (v: string) => v.trim().replace(/\s+/g, " ").toLowerCase();
  return `${familyEmail}|${norm(lastName)}|${norm(firstName)}|${birthDate}`;
}

/** Ten digits from 0, in pairs or not, separated by nothing, spaces, dots or dashes: the portal's own rule. */
const NATIONAL_DIGITS = /^0[1-9](?:[ .-]?\d{2}){4}$/;

/** A phone in any usual form → « 06 12 34 56 78 »; null when it is not a French number. */
export function normalisePhone(value: string): string | null {
  // The usual form of an office's file, accepted as the portal accepts it typed (PHONE_PATTERN), written in pairs —
  // without libphonenumber, a quarter of the time of reading a file (bench/import.ts).
  const trimmedValue = value.trim();
  if (NATIONAL_DIGITS.test(trimmedValue)) return trimmedValue.replace(/\D/g, "").replace(/(\d{2})(?=\d)/g, "$1 ");
  const text = trimmedValue.replace(/^00/, "+");
  const parsed = parsePhoneNumberFromString(text, "FR");
  if (!parsed || !parsed.isValid()) return null;
  const national = parsed.formatNational();
  return PHONE_PATTERN.test(national) ? national : null;
}

const YES = new Set(["oui", "o", "x", "1", "vrai", "yes", "y"]);
const NO = new Set(["non", "n", "0", "faux", "no", ""]);

const fold = (v: string) =>
  v
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const MEALS = new Map<string, MealType>([
  ["", "STANDARD"],
  ["standard", "STANDARD"],
  ...Object.entries(MEAL_TYPES).flatMap(([key, label]) => [[fold(label), key as MealType] as const, [fold(key), key as MealType] as const]),
  ["panier repas", "PANIER_REPAS"],
  ["vegetarien", "VEGETARIEN"],
]);

/** One line's cells read one by one; each problem is noted with its column, the line goes on being read. */
class LineReader {
  readonly issues: ImportIssue[] = [];
  constructor(
    private readonly kind: ImportFileKind,
    private readonly csv: CsvLine,
  ) {}

  get line(): number {
    return this.csv.line;
  }

  raw(key: string): string {
    return this.csv.values[key] ?? "";
  }

  fail(key: string | null, message: string): null {
    this.issues.push({ file: this.kind, line: this.csv.line, column: key ? columnHeader(this.kind, key) : null, message });
    return null;
  }

  zod<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
    const result = schema.safeParse(this.raw(key));
    return result.success ? result.data : this.fail(key, result.error.issues[0]?.message ?? "valeur invalide.");
  }

  phone(key: string, label: string, required: boolean): string | null {
    const value = this.raw(key);
    if (value === "") return required ? this.fail(key, `${label} : champ obligatoire.`) : null;
    return (
      normalisePhone(value) ??
      this.fail(key, `${label} : numéro invalide (« ${value} ») ; attendu un numéro français, par exemple 06 12 34 56 78.`)
    );
  }

  yesNo(key: string, label: string): boolean {
    const value = fold(this.raw(key));
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
    this.fail(key, `${label} : répondez oui ou non (« ${this.raw(key)} »).`);
    return false;
  }

  civility(key: string, required: boolean): "M" | "MME" | null {
    const value = fold(this.raw(key));
    if (["mme", "madame", "mlle", "mademoiselle", "f"].includes(value)) return "MME";
    if (["m", "mr", "monsieur", "h"].includes(value)) return "M";
    if (value === "" && !required) return null;
    return this.fail(key, `Civilité : Mme ou M attendu (« ${this.raw(key)} »).`);
  }
}

function readFile<T>(kind: ImportFileKind, bytes: Uint8Array | undefined, out: ParsedImport, read: (reader: LineReader) => T | null): T[] {
  if (!bytes) return [];
  let csv: CsvFile;
  try {
    csv = readCsv(bytes, IMPORT_COLUMNS[kind]);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    out.issues.push({ file: kind, line: 1, column: null, message: `Fichier : ${error.message}` });
    return [];
  }
  out.files.push({ kind, encoding: csv.encoding, delimiter: csv.delimiter, lines: csv.lines.length });
  const present = new Set(csv.headers.map((h) => h.key));
  const missing = IMPORT_COLUMNS[kind].filter((c) => c.required && !present.has(c.key));
  if (missing.length > 0) {
    out.issues.push({
      file: kind,
      line: 1,
      column: null,
      message: `Colonnes obligatoires absentes de l'en-tête : ${missing.map((c) => `« ${c.header} »`).join(", ")} (voir le modèle).`,
    });
    return [];
  }
  const rows: T[] = [];
  for (const line of csv.lines) {
    const reader = new LineReader(kind, line);
    const row = read(reader);
    out.issues.push(...reader.issues);
    if (row && reader.issues.length === 0) rows.push(row);
  }
  return rows;
}

const emailOf = (r: LineReader, key: string) => r.zod(key, emailField);
const optionalEmail = (r: LineReader, key: string) => (r.raw(key) === "" ? null : r.zod(key, emailField));
const cafNumber = (r: LineReader) =>
  r.raw("cafNumber") === ""
    ? null
    : /^\d{7,10}$/.test(r.raw("cafNumber"))
      ? r.raw("cafNumber")
      : r.fail("cafNumber", "Numéro d'allocataire CAF : 7 à 10 chiffres.");

function quotient(r: LineReader): number | null {
  const value = r
    .raw("quotientFamilial")
    .replace(/[\s\u00A0\u202F]/g, "")
    .replace(/€$/, "");
  if (value === "") return null;
  if (!/^\d{1,5}$/.test(value))
    return r.fail("quotientFamilial", `Quotient familial : un nombre entier d'euros, positif ou nul (« ${r.raw("quotientFamilial")} »).`);
  const n = Number(value);
  return n <= 20_000 ? n : r.fail("quotientFamilial", "Quotient familial : vérifiez le montant (20 000 au plus).");
}

// Built once: a zod schema is costly to build, cheap to run (30 000 lines are read with these).
const activityName = trimmed("Activité", 200);
const periodName = trimmed("Période", 200);
const NAMES = {
  lastName: nameField("Nom"),
  firstName: nameField("Prénom"),
  lastName2: nameField("Nom 2"),
  firstName2: nameField("Prénom 2"),
  childLastName: nameField("Nom de l'enfant"),
  childFirstName: nameField("Prénom de l'enfant"),
};
const complement = optionalText("Complément d'adresse", 120);
const schoolText = optionalText("École", 120);
const classText = optionalText("Classe", 40);
const allergyNotesText = optionalText("Allergies", 1000);
const INVALID_DATE = "Date de naissance : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026).";

/**
 * The birth-date rule of lib/forms/fields.ts (birthDateField: never in the future, an age within bounds, the same
 * messages), with today read once per file rather than once per line.
 */
function birth(today: string, bounds: { minYears?: number; maxYears: number; tooYoung?: string; tooOld: string }) {
  return (r: LineReader, key: string): string | null => {
    const value = r.raw(key);
    if (value === "") return r.fail(key, "Date de naissance : champ obligatoire.");
    const iso = frenchDateToIso(value);
    if (!iso) return r.fail(key, INVALID_DATE);
    if (iso > today) return r.fail(key, "Date de naissance : elle ne peut pas être dans le futur.");
    if (bounds.minYears !== undefined && iso > shiftYears(today, -bounds.minYears)) return r.fail(key, bounds.tooYoung ?? INVALID_DATE);
    if (iso <= shiftYears(today, -bounds.maxYears)) return r.fail(key, bounds.tooOld);
    return iso;
  };
}

type Births = Record<"adult" | "child" | "any", (r: LineReader, key: string) => string | null>;

function readFamily(r: LineReader, line: number, births: Births): FamilyRow | null {
  const email = emailOf(r, "email");
  const civility = r.civility("civility", true);
  const lastName = r.zod("lastName", NAMES.lastName);
  const firstName = r.zod("firstName", NAMES.firstName);
  const birthDate = r.raw("birthDate") === "" ? null : births.adult(r, "birthDate");
  const mobilePhone = r.phone("mobilePhone", "Téléphone portable", true);
  const homePhone = r.phone("homePhone", "Téléphone domicile", false);
  const workPhone = r.phone("workPhone", "Téléphone professionnel", false);
  const street = r.zod("street", addressSchema.shape.street);
  const addressComplement = r.zod("addressComplement", complement);
  const postalCode = r.zod("postalCode", addressSchema.shape.postalCode);
  const city = r.zod("city", addressSchema.shape.city);
  const quotientFamilial = quotient(r);
  const caf = cafNumber(r);
  let second: AdultRow | null = null;
  const anySecond = ["civility2", "lastName2", "firstName2", "mobilePhone2", "email2"].some((k) => r.raw(k) !== "");
  if (anySecond) {
    const c2 = r.civility("civility2", true);
    const l2 = r.zod("lastName2", NAMES.lastName2);
    const f2 = r.zod("firstName2", NAMES.firstName2);
    const m2 = r.phone("mobilePhone2", "Téléphone portable 2", false);
    const e2 = optionalEmail(r, "email2");
    if (c2 && l2 && f2) second = { civility: c2, lastName: l2, firstName: f2, mobilePhone: m2, email: e2 };
  }
  if (r.issues.length > 0 || !email || !civility || !lastName || !firstName || !mobilePhone || !street || !postalCode || !city) return null;
  return {
    line,
    email,
    holder: { civility, lastName, firstName, birthDate, mobilePhone, homePhone, workPhone, email },
    second,
    street,
    addressComplement,
    postalCode,
    city,
    homePhone,
    quotientFamilial,
    cafNumber: caf,
  };
}

function readChild(r: LineReader, line: number, births: Births): ChildRow | null {
  const familyEmail = emailOf(r, "familyEmail");
  const lastName = r.zod("lastName", NAMES.lastName);
  const firstName = r.zod("firstName", NAMES.firstName);
  const birthDate = births.child(r, "birthDate");
  const sexText = fold(r.raw("sex"));
  const sex = ["f", "fille", "feminin"].includes(sexText)
    ? "F"
    : ["m", "g", "garcon", "masculin"].includes(sexText)
      ? "M"
      : r.fail("sex", `Sexe : F (fille) ou M (garçon) attendu (« ${r.raw("sex")} »).`);
  const school = r.zod("school", schoolText);
  const schoolClass = r.zod("schoolClass", classText);
  const allergyText = r.raw("allergies");
  const hasAllergies = !NO.has(fold(allergyText));
  const allergyNotes = hasAllergies ? r.zod("allergies", allergyNotesText) : null;
  if (hasAllergies && YES.has(fold(allergyText)))
    r.fail("allergies", "Allergies : indiquez lesquelles (par exemple « arachide »), ou « non ».");
  const hasPai = r.yesNo("pai", "PAI");
  const mealType =
    MEALS.get(fold(r.raw("mealType"))) ??
    r.fail("mealType", `Régime : ${Object.values(MEAL_TYPES).join(", ")} (« ${r.raw("mealType")} »).`);
  const authorizedPersons: ChildRow["authorizedPersons"] = [];
  const persons = r
    .raw("authorizedPersons")
    .split(/\s*[|\n]\s*/)
    .filter((p) => p.trim() !== "");
  if (persons.length > 6) r.fail("authorizedPersons", "Personnes autorisées : 6 au maximum.");
  for (const person of persons.slice(0, 6)) {
    const [fullName = "", relationship = "", phone = ""] = person.split(/\s*,\s*/);
    const normalised = normalisePhone(phone);
    const parsed = authorizedPersonSchema.safeParse({ fullName, relationship, phone: normalised ?? phone });
    if (!parsed.success || !normalised)
      r.fail(
        "authorizedPersons",
        `Personnes autorisées : « ${person} » — attendu « Nom Prénom, lien, téléphone », séparées par « | » (${
          parsed.success ? "Téléphone : numéro invalide." : parsed.error.issues[0]?.message
        })`,
      );
    else authorizedPersons.push(parsed.data);
  }
  const photoConsent = r.yesNo("photoConsent", "Droit à l'image");
  const canLeaveAlone = r.yesNo("canLeaveAlone", "Sortie seul");
  const emergencyCareConsent = r.yesNo("emergencyCareConsent", "Soins d'urgence");
  if (r.issues.length > 0 || !familyEmail || !lastName || !firstName || !birthDate || !sex || !mealType) return null;
  return {
    line,
    familyEmail,
    lastName,
    firstName,
    birthDate,
    sex,
    school,
    schoolClass,
    hasAllergies,
    allergyNotes,
    hasPai,
    mealType,
    authorizedPersons,
    photoConsent,
    canLeaveAlone,
    emergencyCareConsent,
  };
}

function readInscription(r: LineReader, line: number, births: Births): InscriptionRow | null {
  const familyEmail = emailOf(r, "familyEmail");
  const lastName = r.zod("lastName", NAMES.childLastName);
  const firstName = r.zod("firstName", NAMES.childFirstName);
  const birthDate = births.any(r, "birthDate");
  const activity = r.zod("activity", activityName);
  const period = r.zod("period", periodName);
  const ageGroup = r.raw("ageGroup") === "" ? null : r.raw("ageGroup");
  if (r.issues.length > 0 || !familyEmail || !lastName || !firstName || !birthDate || !activity || !period) return null;
  return { line, familyEmail, lastName, firstName, birthDate, activity, period, ageGroup };
}

/** Reads the files given; a line twice in its file (same e-mail, same child, same inscription) is an error on the second. */
export function parseImportFiles(files: Partial<Record<ImportFileKind, Uint8Array>>): ParsedImport {
  const out: ParsedImport = { families: [], children: [], inscriptions: [], issues: [], files: [] };
  const today = parisDay(new Date());
  const births: Births = {
    adult: birth(today, {
      minYears: 16,
      maxYears: 110,
      tooYoung: "Date de naissance : un responsable légal a au moins 16 ans.",
      tooOld: "Date de naissance : vérifiez l'année.",
    }),
    child: birth(today, { maxYears: 18, tooOld: "Date de naissance : l'enfant doit avoir moins de 18 ans." }),
    any: birth(today, { maxYears: 120, tooOld: "Date de naissance : vérifiez l'année." }),
  };
  const families = readFile("familles", files.familles, out, (r) => readFamily(r, r.line, births));
  const children = readFile("enfants", files.enfants, out, (r) => readChild(r, r.line, births));
  const inscriptions = readFile("inscriptions", files.inscriptions, out, (r) => readInscription(r, r.line, births));
  out.families = unique(out, "familles", families, (f) => f.email, "cet e-mail de connexion");
  out.children = unique(out, "enfants", children, (c) => childKey(c.familyEmail, c.lastName, c.firstName, c.birthDate), "cet enfant");
  out.inscriptions = unique(
    out,
    "inscriptions",
    inscriptions,
    (i) => `${childKey(i.familyEmail, i.lastName, i.firstName, i.birthDate)}|${fold(i.activity)}|${fold(i.period)}`,
    "cette inscription",
  );
  out.issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return out;
}

function unique<T extends { line: number }>(
  out: ParsedImport,
  kind: ImportFileKind,
  rows: T[],
  key: (row: T) => string,
  what: string,
): T[] {
  const seen = new Map<string, number>();
  const kept: T[] = [];
  for (const row of rows) {
    const k = key(row);
    const first = seen.get(k);
    if (first !== undefined) {
      out.issues.push({ file: kind, line: row.line, column: null, message: `Ligne en double : ${what} figure déjà ligne ${first}.` });
      continue;
    }
    seen.set(k, row.line);
    kept.push(row);
  }
  return kept;
}

export { fold as foldText };
