import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateOf, dayOf } from "@/lib/calendar/paris";
import { CHILD_STATUSES, INSCRIPTION_STATUSES, isIn } from "@/lib/workflow";
import { isoToFrench } from "@/lib/format";
import type { ImportFileKind } from "./columns";
import { NOT_ACTIVATED_PASSWORD_HASH } from "./not-activated";
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

export interface Writes {
  families: Prisma.FamilyCreateManyInput[];
  adults: Prisma.AdultCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  familyUpdates: { id: string; data: Prisma.FamilyUpdateInput }[];
  quotients: { familyId: string; quotientFamilial: number | null; cafNumber: string | null }[];
  adultUpdates: { id: string; data: Prisma.AdultUpdateInput }[];
  children: Prisma.ChildCreateManyInput[];
  childUpdates: { id: string; data: Prisma.ChildUpdateInput }[];
  /** Children whose authorised persons are replaced by the file's (new children included). */
  persons: { childId: string; replace: boolean; rows: { fullName: string; phone: string; relationship: string }[] }[];
  inscriptions: Prisma.InscriptionCreateManyInput[];
  edits: Prisma.StaffEditCreateManyInput[];
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

const comparable = (v: unknown) => (v instanceof Date ? dayOf(v) : (v ?? null));

/** The fields of `wanted` (undefined: not given, left as it is) that differ from `current`. */
function changed<T extends Record<string, unknown>>(current: Record<string, unknown>, wanted: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (v === undefined) continue;
    if (JSON.stringify(comparable(current[k])) !== JSON.stringify(comparable(v))) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

const given = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const words = (keys: string[]) => [...new Set(keys.map((k) => FIELD_WORDS[k] ?? k))];
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, comparable(o[k]) as Prisma.InputJsonValue]));
const sameNames = (a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }) =>
  foldText(a.lastName) === foldText(b.lastName) && foldText(a.firstName) === foldText(b.firstName);

async function readExisting(client: Tx, emails: string[]) {
  return client.user.findMany({
    where: { email: { in: emails } },
    select: {
      id: true,
      email: true,
      role: true,
      adultId: true,
      family: {
        select: {
          id: true,
          anonymisedAt: true,
          street: true,
          addressComplement: true,
          postalCode: true,
          city: true,
          homePhone: true,
          quotientFamilial: true,
          cafNumber: true,
          adults: {
            orderBy: { createdAt: "asc" },
            select: {
              id: true,
              civility: true,
              lastName: true,
              firstName: true,
              birthDate: true,
              mobilePhone: true,
              homePhone: true,
              workPhone: true,
              email: true,
            },
          },
          children: {
            select: {
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
              photoConsent: true,
              canLeaveAlone: true,
              emergencyCareConsent: true,
              authorizedPersons: { orderBy: { createdAt: "asc" }, select: { fullName: true, phone: true, relationship: true } },
              inscriptions: { select: { activityId: true, periodId: true, status: true } },
            },
          },
        },
      },
    },
  });
}

type ExistingChild = NonNullable<Awaited<ReturnType<typeof readExisting>>[number]["family"]>["children"][number];

/**
 * Plans one batch against what the database holds now (`client`: the batch's transaction, or the pool for a
 * dry run). Pure reads: nothing is written here.
 */
export async function planBatch(
  client: Tx,
  batch: ImportBatch,
  catalog: Catalog,
  input: { actorId: string | null; now: Date },
): Promise<BatchPlan> {
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
  const edit = (familyId: string, kind: Prisma.StaffEditCreateManyInput["kind"], targetId: string | null, before: object, after: object) =>
    writes.edits.push({ familyId, kind, targetId, before, after, actorId: input.actorId, createdAt: input.now });

  for (const user of existing.values()) {
    if (!user.family || user.role !== "PARENT" || user.family.anonymisedAt) continue;
    familyOf.set(user.email, user.family.id);
    for (const c of user.family.children)
      children.set(childKey(user.email, c.lastName, c.firstName, dayOf(c.birthDate)), {
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
        birthDate: row.holder.birthDate ? dateOf(row.holder.birthDate) : null,
        mobilePhone: row.holder.mobilePhone,
        homePhone: row.holder.homePhone,
        workPhone: row.holder.workPhone,
        email: row.email,
        isLegalGuardian: true,
      });
      if (row.second) writes.adults.push({ id: randomUUID(), familyId, ...row.second, isLegalGuardian: true });
      writes.users.push({
        id: randomUUID(),
        email: row.email,
        passwordHash: NOT_ACTIVATED_PASSWORD_HASH,
        role: "PARENT",
        displayName: `${row.holder.firstName} ${row.holder.lastName}`,
        familyId,
        adultId: holderId,
        importedAt: input.now,
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
        quotientFamilial: quotient.quotientFamilial ?? family.quotientFamilial,
        cafNumber: quotient.cafNumber ?? family.cafNumber,
      });
      edit(family.id, "QUOTIENT_FAMILIAL", null, pick(family, Object.keys(quotient)), pick(quotient, Object.keys(quotient)));
      changes.push(...Object.keys(quotient));
    }
    const holder = family.adults.find((a) => a.id === user.adultId);
    const wantedHolder = {
      civility: row.holder.civility,
      lastName: row.holder.lastName,
      firstName: row.holder.firstName,
      birthDate: row.holder.birthDate ? dateOf(row.holder.birthDate) : undefined,
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
        writes.adults.push({ id: randomUUID(), familyId: family.id, ...second, isLegalGuardian: true });
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
      civility: null,
      lastName: row.lastName,
      firstName: row.firstName,
      birthDate: dateOf(row.birthDate),
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
      writes.children.push({ id, familyId, status: "VALIDATED", ...data });
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
      status: "VALIDATED",
      startDate: period.startDate,
      endDate: period.endDate,
      decidedAt: input.now,
      decidedById: input.actorId,
    });
    lines.push({ file: "inscriptions", line: row.line, label, action: "CREATE", changes: [], errors: [] });
  }

  return { lines, writes, hasErrors: lines.some((l) => l.action === "ERROR") };
}
