import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { dayOf } from "@/lib/calendar/paris";
import { CHILD_STATUSES, INSCRIPTION_STATUSES, isIn } from "@/lib/workflow";
import { isoToFrench } from "@/lib/format";
import type { ImportFileKind } from "./columns";
import { childKey, foldText, type ChildRow, type FamilyRow, type InscriptionRow, type ParsedImport } from "./parse-rows";

/*
 * The one planning function of an import: the dry run shows what it returns, and the apply writes what it
 * returns, planned again inside each batch's transaction under the families' locks — so the dry run cannot say
 * something the import would not do. Matching keys: a family by its login e-mail, a child by family + names +
 * birth date, an inscription by child + activity + period. An empty optional cell leaves what the portal holds.
 */

/** Families per batch: each batch is one transaction (ADR 028). */
export const IMPORT_BATCH = 500;

export { NOT_ACTIVATED_PASSWORD_HASH } from "./not-activated";

export type LineAction = "CREATE" | "UPDATE" | "UNCHANGED" | "ERROR";

export interface ReportLine {
  file: ImportFileKind;
  line: number;
  label: string;
  action: LineAction;
  /** What changes, in words (« adresse », « quotient familial »). */
  changes: string[];
  errors: { column: string | null; message: string }[];
}

/** The activities an inscription line may name, read once per run. */
export interface Catalog {
  activities: Map<
    string,
    {
      id: string;
      name: string;
      periods: Map<string, { id: string; name: string; startDate: Date; endDate: Date }>;
      ageGroups: Map<string, { id: string; name: string }>;
    }[]
  >;
}

export async function loadCatalog(client: Pick<Tx, "activity">): Promise<Catalog> {
  const rows = await client.activity.findMany({
    select: {
      id: true,
      name: true,
      periods: { select: { id: true, name: true, startDate: true, endDate: true } },
      ageGroups: { select: { id: true, name: true } },
    },
  });
  const activities: Catalog["activities"] = new Map();
  for (const a of rows) {
    const entry = {
      id: a.id,
      name: a.name,
      periods: new Map(a.periods.map((p) => [foldText(p.name), p])),
      ageGroups: new Map(a.ageGroups.map((g) => [foldText(g.name), g])),
    };
    const key = foldText(a.name);
    activities.set(key, [...(activities.get(key) ?? []), entry]);
  }
  return { activities };
}

/** The rows of a batch of families (by login e-mail): each family with its children and inscriptions. */
export interface ImportBatch {
  emails: string[];
  families: FamilyRow[];
  children: ChildRow[];
  inscriptions: InscriptionRow[];
}

export function batchesOf(parsed: ParsedImport, size = IMPORT_BATCH): ImportBatch[] {
  const order: string[] = [];
  const groups = new Map<string, ImportBatch>();
  const group = (email: string) => {
    let g = groups.get(email);
    if (!g) {
      g = { emails: [email], families: [], children: [], inscriptions: [] };
      groups.set(email, g);
      order.push(email);
    }
    return g;
  };
  for (const f of parsed.families) group(f.email).families.push(f);
  for (const c of parsed.children) group(c.familyEmail).children.push(c);
  for (const i of parsed.inscriptions) group(i.familyEmail).inscriptions.push(i);
  const batches: ImportBatch[] = [];
  for (let from = 0; from < order.length; from += size) {
    const part = order.slice(from, from + size).map((e) => groups.get(e)!);
    batches.push({
      emails: part.flatMap((g) => g.emails),
      families: part.flatMap((g) => g.families),
      children: part.flatMap((g) => g.children),
      inscriptions: part.flatMap((g) => g.inscriptions),
    });
  }
  return batches;
}

/** The activity and period an inscription line names, when both exist (its places are locked before planning). */
export function resolvePlace(catalog: Catalog, row: InscriptionRow) {
  const matches = catalog.activities.get(foldText(row.activity)) ?? [];
  if (matches.length !== 1) return null;
  const period = matches[0]!.periods.get(foldText(row.period));
  return period ? { activity: matches[0]!, period } : null;
}

/** What a batch writes: plain rows, written set-based by write-batch.ts (a few statements per batch). */
export interface NewFamily {
  id: string;
  name: string;
  street: string;
  addressComplement: string | null;
  postalCode: string;
  city: string;
  homePhone: string | null;
  quotientFamilial: number | null;
  cafNumber: string | null;
}
export interface NewAdult {
  id: string;
  familyId: string;
  civility: "M" | "MME";
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string | null;
  mobilePhone: string | null;
  homePhone: string | null;
  workPhone: string | null;
  email: string | null;
}
export interface NewChild {
  id: string;
  familyId: string;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: "F" | "M";
  school: string | null;
  schoolClass: string | null;
  hasAllergies: boolean;
  allergyNotes: string | null;
  hasPai: boolean;
  mealType: string;
  photoConsent: boolean;
  canLeaveAlone: boolean;
  emergencyCareConsent: boolean;
}
/** Fields to change on one row (only the keys given change), values as the database reads them (dates YYYY-MM-DD). */
export interface RowUpdate {
  id: string;
  data: Record<string, string | number | boolean | null>;
}
export interface Writes {
  families: NewFamily[];
  adults: NewAdult[];
  users: { id: string; email: string; displayName: string; familyId: string; adultId: string }[];
  familyUpdates: RowUpdate[];
  /** The quotient's history follows (lib/billing/set-quotient.ts): `before` is the quotient the family had. */
  quotients: { familyId: string; quotientFamilial: number | null; cafNumber: string | null; before: number | null }[];
  adultUpdates: RowUpdate[];
  children: NewChild[];
  childUpdates: RowUpdate[];
  /** Children whose authorised persons are replaced by the file's (new children included). */
  persons: { childId: string; replace: boolean; rows: { fullName: string; phone: string; relationship: string }[] }[];
  inscriptions: {
    id: string;
    familyId: string;
    childId: string;
    activityId: string;
    periodId: string;
    ageGroupId: string | null;
    startDate: string;
    endDate: string;
  }[];
  edits: {
    familyId: string;
    kind: "ADDRESS" | "QUOTIENT_FAMILIAL" | "ADULT" | "CHILD";
    targetId: string | null;
    before: object;
    after: object;
  }[];
}

export interface BatchPlan {
  lines: ReportLine[];
  writes: Writes;
  hasErrors: boolean;
}

const FIELD_WORDS: Record<string, string> = {
  street: "adresse",
  addressComplement: "complément d'adresse",
  postalCode: "code postal",
  city: "ville",
  homePhone: "téléphone domicile",
  quotientFamilial: "quotient familial",
  cafNumber: "numéro d'allocataire",
  civility: "civilité",
  lastName: "nom",
  firstName: "prénom",
  birthDate: "date de naissance",
  mobilePhone: "téléphone portable",
  workPhone: "téléphone professionnel",
  email: "e-mail",
  sex: "sexe",
  school: "école",
  schoolClass: "classe",
  hasAllergies: "allergies",
  allergyNotes: "allergies",
  hasPai: "PAI",
  mealType: "régime",
  photoConsent: "droit à l'image",
  canLeaveAlone: "sortie seul",
  emergencyCareConsent: "soins d'urgence",
  authorizedPersons: "personnes autorisées",
};

const comparable = (v: unknown): string | number | boolean | null =>
  v instanceof Date ? dayOf(v) : ((v ?? null) as string | number | boolean | null);

/** The fields of `wanted` (undefined: not given, left as it is) that differ from `current`. */
function changed<T extends Record<string, string | number | boolean | null | undefined>>(current: object, wanted: T): RowUpdate["data"] {
  const out: RowUpdate["data"] = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (v === undefined) continue;
    if (JSON.stringify(comparable((current as Record<string, unknown>)[k])) !== JSON.stringify(comparable(v))) out[k] = v;
  }
  return out;
}

const given = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const words = (keys: string[]) => [...new Set(keys.map((k) => FIELD_WORDS[k] ?? k))];
const pick = (o: object, keys: string[]) => Object.fromEntries(keys.map((k) => [k, comparable((o as Record<string, unknown>)[k])]));
const sameNames = (a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }) =>
  foldText(a.lastName) === foldText(b.lastName) && foldText(a.firstName) === foldText(b.firstName);

interface ExistingAdult {
  id: string;
  familyId: string;
  civility: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  mobilePhone: string | null;
  homePhone: string | null;
  workPhone: string | null;
  email: string | null;
}
interface ExistingChild {
  id: string;
  familyId: string;
  status: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: string;
  school: string | null;
  schoolClass: string | null;
  hasAllergies: boolean;
  allergyNotes: string | null;
  hasPai: boolean;
  mealType: string;
  photoConsent: boolean;
  canLeaveAlone: boolean;
  emergencyCareConsent: boolean;
  authorizedPersons: { fullName: string; phone: string; relationship: string }[];
  inscriptions: { activityId: string; periodId: string; status: string }[];
}
interface ExistingFamily {
  id: string;
  anonymisedAt: Date | null;
  street: string;
  addressComplement: string | null;
  postalCode: string;
  city: string;
  homePhone: string | null;
  quotientFamilial: number | null;
  cafNumber: string | null;
  adults: ExistingAdult[];
  children: ExistingChild[];
}
interface ExistingUser {
  id: string;
  email: string;
  role: string;
  adultId: string | null;
  family: ExistingFamily | null;
}

const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

/**
 * What the portal holds for a batch's login e-mails: three set-based reads (accounts with their families, the
 * families' adults, their children with authorised persons and inscriptions), whatever the batch's size.
 * Dates come as YYYY-MM-DD text, as the files give them.
 */
async function readExisting(client: Tx, emails: string[]): Promise<ExistingUser[]> {
  const users = await client.$queryRaw<
    (Omit<ExistingFamily, "id" | "adults" | "children"> & Omit<ExistingUser, "family"> & { familyId: string | null })[]
  >`
    SELECT u."id", u."email", u."role"::text AS "role", u."adultId", f."id" AS "familyId", f."anonymisedAt", f."street",
      f."addressComplement", f."postalCode", f."city", f."homePhone", f."quotientFamilial", f."cafNumber"
    FROM "User" u LEFT JOIN "Family" f ON f."id" = u."familyId"
    WHERE u."email" = ANY(${emails}::text[])`;
  const familyIds = users.flatMap((u) => (u.familyId ? [u.familyId] : []));
  const [adults, children] =
    familyIds.length === 0
      ? [[], []]
      : [
          await client.$queryRaw<ExistingAdult[]>`
            SELECT "id", "familyId", "civility"::text AS "civility", "lastName", "firstName", "birthDate"::text AS "birthDate",
              "mobilePhone", "homePhone", "workPhone", "email"
            FROM "Adult" WHERE "familyId" = ANY(${familyIds}::text[]) ORDER BY "createdAt", "id"`,
          await client.$queryRaw<ExistingChild[]>`
            SELECT c."id", c."familyId", c."status"::text AS "status", c."lastName", c."firstName", c."birthDate"::text AS "birthDate",
              c."sex"::text AS "sex", c."school", c."schoolClass", c."hasAllergies", c."allergyNotes", c."hasPai",
              c."mealType"::text AS "mealType", c."photoConsent", c."canLeaveAlone", c."emergencyCareConsent",
              COALESCE((SELECT json_agg(json_build_object('fullName', p."fullName", 'phone', p."phone", 'relationship', p."relationship")
                                        ORDER BY p."createdAt", p."id")
                        FROM "AuthorizedPerson" p WHERE p."childId" = c."id"), '[]'::json) AS "authorizedPersons",
              COALESCE((SELECT json_agg(json_build_object('activityId', i."activityId", 'periodId', i."periodId", 'status', i."status"))
                        FROM "Inscription" i WHERE i."childId" = c."id"), '[]'::json) AS "inscriptions"
            FROM "Child" c WHERE c."familyId" = ANY(${familyIds}::text[])`,
        ];
  const families = new Map<string, ExistingFamily>();
  for (const u of users)
    if (u.familyId)
      families.set(u.familyId, {
        id: u.familyId,
        anonymisedAt: u.anonymisedAt,
        street: u.street,
        addressComplement: u.addressComplement,
        postalCode: u.postalCode,
        city: u.city,
        homePhone: u.homePhone,
        quotientFamilial: u.quotientFamilial,
        cafNumber: u.cafNumber,
        adults: [],
        children: [],
      });
  for (const a of adults) families.get(a.familyId)?.adults.push(a);
  for (const c of children)
    families.get(c.familyId)?.children.push({
      ...c,
      authorizedPersons: json(c.authorizedPersons),
      inscriptions: json(c.inscriptions),
    });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    role: u.role,
    adultId: u.adultId,
    family: u.familyId ? families.get(u.familyId)! : null,
  }));
}

/**
 * Plans one batch against what the database holds now (`client`: the batch's transaction, or the pool for a
 * dry run). Pure reads: nothing is written here.
 */
export async function planBatch(client: Tx, batch: ImportBatch, catalog: Catalog): Promise<BatchPlan> {
  const lines: ReportLine[] = [];
  const writes: Writes = {
    families: [],
    adults: [],
    users: [],
    familyUpdates: [],
    quotients: [],
    adultUpdates: [],
    children: [],
    childUpdates: [],
    persons: [],
    inscriptions: [],
    edits: [],
  };
  const existing = new Map((await readExisting(client, batch.emails)).map((u) => [u.email, u]));
  /** Family id per login e-mail (existing, or created by this batch); null: refused. */
  const familyOf = new Map<string, string | null>();
  /** Children per key: existing or created by this batch. */
  const children = new Map<string, { id: string; status: string; inscriptions: ExistingChild["inscriptions"] }>();
  const edit = (familyId: string, kind: Writes["edits"][number]["kind"], targetId: string | null, before: object, after: object) =>
    writes.edits.push({ familyId, kind, targetId, before, after });

  for (const user of existing.values()) {
    if (!user.family || user.role !== "PARENT" || user.family.anonymisedAt) continue;
    familyOf.set(user.email, user.family.id);
    for (const c of user.family.children)
      children.set(childKey(user.email, c.lastName, c.firstName, c.birthDate), {
        id: c.id,
        status: c.status,
        inscriptions: c.inscriptions,
      });
  }
  const refusal = (email: string): string | null => {
    const user = existing.get(email);
    if (!user) return null;
    if (user.role !== "PARENT" || !user.family) return "cet e-mail est celui d'un compte de l'accueil, pas d'une famille.";
    if (user.family.anonymisedAt) return "la famille de cet e-mail a été anonymisée : elle ne peut plus être modifiée.";
    return null;
  };

  // ── Families
  for (const row of batch.families) {
    const label = `Famille ${row.holder.lastName.toUpperCase()} (${row.email})`;
    const problem = refusal(row.email);
    if (problem) {
      familyOf.set(row.email, null);
      lines.push({
        file: "familles",
        line: row.line,
        label,
        action: "ERROR",
        changes: [],
        errors: [{ column: "E-mail de connexion", message: problem }],
      });
      continue;
    }
    const user = existing.get(row.email);
    if (!user?.family) {
      const familyId = randomUUID();
      const holderId = randomUUID();
      familyOf.set(row.email, familyId);
      writes.families.push({
        id: familyId,
        name: `Famille ${row.holder.lastName.toUpperCase()}`,
        street: row.street,
        addressComplement: row.addressComplement,
        postalCode: row.postalCode,
        city: row.city,
        homePhone: row.homePhone,
        quotientFamilial: row.quotientFamilial,
        cafNumber: row.cafNumber,
      });
      writes.adults.push({
        id: holderId,
        familyId,
        civility: row.holder.civility,
        lastName: row.holder.lastName,
        firstName: row.holder.firstName,
        birthDate: row.holder.birthDate,
        mobilePhone: row.holder.mobilePhone,
        homePhone: row.holder.homePhone,
        workPhone: row.holder.workPhone,
        email: row.email,
      });
      if (row.second) writes.adults.push({ id: randomUUID(), familyId, ...row.second, birthDate: null, homePhone: null, workPhone: null });
      writes.users.push({
        id: randomUUID(),
        email: row.email,
        displayName: `${row.holder.firstName} ${row.holder.lastName}`,
        familyId,
        adultId: holderId,
      });
      lines.push({ file: "familles", line: row.line, label, action: "CREATE", changes: [], errors: [] });
      continue;
    }
    const family = user.family;
    const changes: string[] = [];
    const address = changed(family, {
      street: row.street,
      addressComplement: given(row.addressComplement),
      postalCode: row.postalCode,
      city: row.city,
      homePhone: given(row.homePhone),
    });
    if (Object.keys(address).length > 0) {
      writes.familyUpdates.push({ id: family.id, data: address });
      edit(family.id, "ADDRESS", null, pick(family, Object.keys(address)), pick(address, Object.keys(address)));
      changes.push(...Object.keys(address));
    }
    const quotient = changed(family, { quotientFamilial: given(row.quotientFamilial), cafNumber: given(row.cafNumber) });
    if (Object.keys(quotient).length > 0) {
      writes.quotients.push({
        familyId: family.id,
        quotientFamilial: "quotientFamilial" in quotient ? (quotient.quotientFamilial as number) : family.quotientFamilial,
        cafNumber: "cafNumber" in quotient ? (quotient.cafNumber as string) : family.cafNumber,
        before: family.quotientFamilial,
      });
      edit(family.id, "QUOTIENT_FAMILIAL", null, pick(family, Object.keys(quotient)), pick(quotient, Object.keys(quotient)));
      changes.push(...Object.keys(quotient));
    }
    const holder = family.adults.find((a) => a.id === user.adultId);
    const wantedHolder = {
      civility: row.holder.civility,
      lastName: row.holder.lastName,
      firstName: row.holder.firstName,
      birthDate: row.holder.birthDate ?? undefined,
      mobilePhone: row.holder.mobilePhone ?? undefined,
      homePhone: given(row.holder.homePhone),
      workPhone: given(row.holder.workPhone),
    };
    if (holder) {
      const diff = changed(holder, wantedHolder);
      if (Object.keys(diff).length > 0) {
        writes.adultUpdates.push({ id: holder.id, data: diff });
        edit(family.id, "ADULT", holder.id, pick(holder, Object.keys(diff)), pick(diff, Object.keys(diff)));
        changes.push(...Object.keys(diff));
      }
    }
    if (row.second) {
      const second = row.second;
      const other = family.adults.find((a) => a.id !== user.adultId && sameNames(a, second));
      if (!other) {
        writes.adults.push({ id: randomUUID(), familyId: family.id, ...second, birthDate: null, homePhone: null, workPhone: null });
        changes.push("second responsable ajouté");
      } else {
        const diff = changed(other, { civility: second.civility, mobilePhone: given(second.mobilePhone), email: given(second.email) });
        if (Object.keys(diff).length > 0) {
          writes.adultUpdates.push({ id: other.id, data: diff });
          edit(family.id, "ADULT", other.id, pick(other, Object.keys(diff)), pick(diff, Object.keys(diff)));
          changes.push(...Object.keys(diff).map((k) => `${FIELD_WORDS[k] ?? k} (2)`));
        }
      }
    }
    lines.push({
      file: "familles",
      line: row.line,
      label,
      action: changes.length > 0 ? "UPDATE" : "UNCHANGED",
      changes: words(changes),
      errors: [],
    });
  }

  // ── Children
  for (const row of batch.children) {
    const label = `${row.lastName.toUpperCase()} ${row.firstName} (${isoToFrench(row.birthDate)})`;
    const familyId = familyOf.get(row.familyEmail);
    const error = (message: string) =>
      lines.push({
        file: "enfants",
        line: row.line,
        label,
        action: "ERROR",
        changes: [],
        errors: [{ column: "E-mail de la famille", message }],
      });
    if (familyId === undefined) {
      error(`famille inconnue : ${row.familyEmail} n'est ni dans le fichier des familles ni un compte famille du portail.`);
      continue;
    }
    if (familyId === null) {
      error(refusal(row.familyEmail) ?? "la ligne de cette famille est en erreur.");
      continue;
    }
    const key = childKey(row.familyEmail, row.lastName, row.firstName, row.birthDate);
    const data = {
      lastName: row.lastName,
      firstName: row.firstName,
      birthDate: row.birthDate,
      sex: row.sex,
      school: row.school,
      schoolClass: row.schoolClass,
      hasAllergies: row.hasAllergies,
      allergyNotes: row.allergyNotes,
      hasPai: row.hasPai,
      mealType: row.mealType,
      photoConsent: row.photoConsent,
      canLeaveAlone: row.canLeaveAlone,
      emergencyCareConsent: row.emergencyCareConsent,
    };
    const found = children.get(key);
    if (!found) {
      const id = randomUUID();
      children.set(key, { id, status: "VALIDATED", inscriptions: [] });
      writes.children.push({ id, familyId, ...data });
      if (row.authorizedPersons.length > 0) writes.persons.push({ childId: id, replace: false, rows: row.authorizedPersons });
      lines.push({ file: "enfants", line: row.line, label, action: "CREATE", changes: [], errors: [] });
      continue;
    }
    const current = existing.get(row.familyEmail)!.family!.children.find((c) => c.id === found.id)!;
    const wanted = {
      sex: row.sex,
      school: given(row.school),
      schoolClass: given(row.schoolClass),
      hasAllergies: row.hasAllergies,
      allergyNotes: given(row.allergyNotes),
      hasPai: row.hasPai,
      mealType: row.mealType,
      photoConsent: row.photoConsent,
      canLeaveAlone: row.canLeaveAlone,
      emergencyCareConsent: row.emergencyCareConsent,
    };
    const diff = changed(current, wanted);
    const keys = Object.keys(diff);
    if (keys.length > 0) {
      writes.childUpdates.push({ id: current.id, data: diff });
      edit(familyId, "CHILD", current.id, pick(current, keys), pick(diff, keys));
    }
    const personsOf = (list: { fullName: string; phone: string; relationship: string }[]) =>
      JSON.stringify(list.map((p) => [p.fullName, p.phone, p.relationship]));
    if (row.authorizedPersons.length > 0 && personsOf(row.authorizedPersons) !== personsOf(current.authorizedPersons)) {
      writes.persons.push({ childId: current.id, replace: true, rows: row.authorizedPersons });
      keys.push("authorizedPersons");
    }
    lines.push({
      file: "enfants",
      line: row.line,
      label,
      action: keys.length > 0 ? "UPDATE" : "UNCHANGED",
      changes: words(keys),
      errors: [],
    });
  }

  // ── Inscriptions
  for (const row of batch.inscriptions) {
    const label = `${row.lastName.toUpperCase()} ${row.firstName} — ${row.activity} — ${row.period}`;
    const errors: ReportLine["errors"] = [];
    const matches = catalog.activities.get(foldText(row.activity)) ?? [];
    const activity = matches.length === 1 ? matches[0]! : null;
    if (matches.length === 0)
      errors.push({ column: "Activité", message: `activité inconnue : « ${row.activity} » (créez-la d'abord dans Activités).` });
    if (matches.length > 1)
      errors.push({
        column: "Activité",
        message: `plusieurs activités s'appellent « ${row.activity} » (dans des lieux différents) : renommez-en une.`,
      });
    const period = activity?.periods.get(foldText(row.period));
    if (activity && !period)
      errors.push({
        column: "Période",
        message: `période inconnue pour cette activité : « ${row.period} » (périodes : ${[...activity.periods.values()].map((p) => p.name).join(", ") || "aucune"}).`,
      });
    const ageGroup = row.ageGroup === null ? null : activity?.ageGroups.get(foldText(row.ageGroup));
    if (activity && row.ageGroup !== null && !ageGroup)
      errors.push({ column: "Groupe", message: `groupe inconnu pour cette activité : « ${row.ageGroup} ».` });
    const familyId = familyOf.get(row.familyEmail);
    const child = children.get(childKey(row.familyEmail, row.lastName, row.firstName, row.birthDate));
    if (!familyId)
      errors.push({
        column: "E-mail de la famille",
        message:
          familyId === null
            ? (refusal(row.familyEmail) ?? "la ligne de cette famille est en erreur.")
            : `famille inconnue : ${row.familyEmail}.`,
      });
    else if (!child)
      errors.push({
        column: null,
        message: "enfant inconnu : ni dans le fichier des enfants, ni dans cette famille du portail (nom, prénom et date de naissance).",
      });
    else if (!isIn(CHILD_STATUSES.INSCRIBABLE, child.status))
      errors.push({ column: null, message: "cet enfant attend encore la validation de la structure : validez-le d'abord." });
    if (errors.length > 0 || !activity || !period || !familyId || !child) {
      lines.push({ file: "inscriptions", line: row.line, label, action: "ERROR", changes: [], errors });
      continue;
    }
    const same = child.inscriptions.filter((i) => i.activityId === activity.id && i.periodId === period.id);
    if (same.some((i) => isIn(INSCRIPTION_STATUSES.CERTIFIABLE, i.status))) {
      lines.push({ file: "inscriptions", line: row.line, label, action: "UNCHANGED", changes: [], errors: [] });
      continue;
    }
    if (same.some((i) => isIn(INSCRIPTION_STATUSES.AWAITING_DECISION, i.status))) {
      lines.push({
        file: "inscriptions",
        line: row.line,
        label,
        action: "ERROR",
        changes: [],
        errors: [
          {
            column: null,
            message: "une demande de cet enfant pour cette activité et cette période attend une décision : décidez-la dans Inscriptions.",
          },
        ],
      });
      continue;
    }
    child.inscriptions = [...child.inscriptions, { activityId: activity.id, periodId: period.id, status: "VALIDATED" }];
    writes.inscriptions.push({
      id: randomUUID(),
      familyId,
      childId: child.id,
      activityId: activity.id,
      periodId: period.id,
      ageGroupId: ageGroup?.id ?? null,
      startDate: dayOf(period.startDate),
      endDate: dayOf(period.endDate),
    });
    lines.push({ file: "inscriptions", line: row.line, label, action: "CREATE", changes: [], errors: [] });
  }

  return { lines, writes, hasErrors: lines.some((l) => l.action === "ERROR") };
}
