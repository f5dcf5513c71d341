import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { setQuotients } from "@/lib/billing/set-quotient";
import { createManyWithStatus, type Actor } from "@/lib/workflow";
import { NOT_ACTIVATED_PASSWORD_HASH } from "./not-activated";
import type { RowUpdate, Writes } from "./plan-import";

/*
 * Writes one planned batch set-based: one statement per table (INSERT … SELECT FROM unnest of one array per
 * column, UPDATE … FROM one JSON array), whatever the batch's size — ≈ 15 round trips for 500 families instead
 * of several per row. Statuses and their TransitionLog rows go through createManyWithStatus (lib/workflow).
 * Ids are the plan's (random UUIDs), so the plan and the rows written are the same.
 */

/** Columns an import may change on an existing row, with their SQL types (a whitelist: names are spliced). */
const UPDATABLE = {
  Family: { street: "text", addressComplement: "text", postalCode: "text", city: "text", homePhone: "text" },
  Adult: {
    civility: '"Civility"',
    lastName: "text",
    firstName: "text",
    birthDate: "date",
    mobilePhone: "text",
    homePhone: "text",
    workPhone: "text",
    email: "text",
  },
  Child: {
    sex: '"Sex"',
    school: "text",
    schoolClass: "text",
    hasAllergies: "boolean",
    allergyNotes: "text",
    hasPai: "boolean",
    mealType: '"MealType"',
    photoConsent: "boolean",
    canLeaveAlone: "boolean",
    emergencyCareConsent: "boolean",
  },
} as const;

/** Each row changes only the keys of its `data`: one UPDATE for all the rows of a table. */
async function updateRows(tx: Tx, table: keyof typeof UPDATABLE, rows: RowUpdate[], now: Date) {
  if (rows.length === 0) return;
  const types: Record<string, string> = UPDATABLE[table];
  const keys = new Set(rows.flatMap((r) => Object.keys(r.data)));
  for (const key of keys) if (!(key in types)) throw new Error(`Import : la colonne ${table}.${key} n'est pas modifiable.`);
  const sets = [...keys].map((key) => {
    const column = Prisma.raw(`"${key}"`);
    return Prisma.sql`${column} = CASE WHEN u.d ? ${key} THEN (u.d->>${key})::${Prisma.raw(types[key]!)} ELSE t.${column} END`;
  });
  await tx.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} t SET ${Prisma.join(sets, ", ")}, "updatedAt" = ${now}::timestamp(3)
    FROM (SELECT x->>'id' AS id, x->'data' AS d FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS x) AS u
    WHERE t."id" = u.id`;
}

const ids = (rows: { id: string }[]) => rows.map((r) => ({ id: r.id }));

export async function writeBatch(tx: Tx, w: Writes, input: { actor: Actor; now: Date; reason: string }): Promise<void> {
  const { actor, now, reason } = input;
  const at = now; // every row of the batch, created or changed, carries the run's time
  if (w.families.length > 0) {
    const f = w.families;
    await tx.$executeRaw`
      INSERT INTO "Family" ("id", "name", "street", "addressComplement", "postalCode", "city", "homePhone", "quotientFamilial", "cafNumber", "createdAt", "updatedAt")
      SELECT t.*, ${at}::timestamp(3), ${at}::timestamp(3)
      FROM unnest(${f.map((r) => r.id)}::text[], ${f.map((r) => r.name)}::text[], ${f.map((r) => r.street)}::text[],
        ${f.map((r) => r.addressComplement)}::text[], ${f.map((r) => r.postalCode)}::text[], ${f.map((r) => r.city)}::text[],
        ${f.map((r) => r.homePhone)}::text[], ${f.map((r) => r.quotientFamilial)}::int[], ${f.map((r) => r.cafNumber)}::text[]) AS t`;
  }
  if (w.adults.length > 0) {
    const a = w.adults;
    // The holder before the second adult of a family (the portal lists adults by creation time).
    const order = a.map((r, i) => (i > 0 && a[i - 1]!.familyId === r.familyId ? 1 : 0));
    await tx.$executeRaw`
      INSERT INTO "Adult" ("id", "familyId", "civility", "lastName", "firstName", "birthDate", "mobilePhone", "homePhone", "workPhone", "email", "isLegalGuardian", "createdAt", "updatedAt")
      SELECT t.id, t.family, t.civility::"Civility", t.last, t.first, t.birth, t.mobile, t.home, t.work, t.email, true,
        ${at}::timestamp(3) + t.n * interval '1 millisecond', ${at}::timestamp(3)
      FROM unnest(${a.map((r) => r.id)}::text[], ${a.map((r) => r.familyId)}::text[], ${a.map((r) => r.civility)}::text[],
        ${a.map((r) => r.lastName)}::text[], ${a.map((r) => r.firstName)}::text[], ${a.map((r) => r.birthDate)}::date[],
        ${a.map((r) => r.mobilePhone)}::text[], ${a.map((r) => r.homePhone)}::text[], ${a.map((r) => r.workPhone)}::text[],
        ${a.map((r) => r.email)}::text[], ${order}::int[]) AS t(id, family, civility, last, first, birth, mobile, home, work, email, n)`;
  }
  if (w.users.length > 0) {
    const u = w.users;
    const status = "ACTIVE" as const;
    await createManyWithStatus(tx, { machine: "USER_ACCOUNT", status, actor, reason }, async () => {
      await tx.$executeRaw`
        INSERT INTO "User" ("id", "email", "passwordHash", "role", "status", "displayName", "familyId", "adultId", "importedAt", "createdAt", "updatedAt")
        SELECT t.id, t.email, ${NOT_ACTIVATED_PASSWORD_HASH}, 'PARENT'::"Role", ${status}::"UserStatus", t.name, t.family, t.adult,
          ${at}::timestamp(3), ${at}::timestamp(3), ${at}::timestamp(3)
        FROM unnest(${u.map((r) => r.id)}::text[], ${u.map((r) => r.email)}::text[], ${u.map((r) => r.displayName)}::text[],
          ${u.map((r) => r.familyId)}::text[], ${u.map((r) => r.adultId)}::text[]) AS t(id, email, name, family, adult)`;
      return ids(u);
    });
  }
  await updateRows(tx, "Family", w.familyUpdates, now);
  await setQuotients(tx, w.quotients, undefined, now);
  await updateRows(tx, "Adult", w.adultUpdates, now);
  if (w.children.length > 0) {
    const c = w.children;
    const status = "VALIDATED" as const;
    await createManyWithStatus(tx, { machine: "CHILD", status, actor, reason }, async () => {
      await tx.$executeRaw`
        INSERT INTO "Child" ("id", "familyId", "status", "lastName", "firstName", "birthDate", "sex", "school", "schoolClass", "hasAllergies",
          "allergyNotes", "hasPai", "mealType", "photoConsent", "canLeaveAlone", "emergencyCareConsent", "createdAt", "updatedAt")
        SELECT t.id, t.family, ${status}::"ChildStatus", t.last, t.first, t.birth, t.sex::"Sex", t.school, t.class, t.allergies,
          t.notes, t.pai, t.meal::"MealType", t.photo, t.alone, t.care, ${at}::timestamp(3), ${at}::timestamp(3)
        FROM unnest(${c.map((r) => r.id)}::text[], ${c.map((r) => r.familyId)}::text[], ${c.map((r) => r.lastName)}::text[],
          ${c.map((r) => r.firstName)}::text[], ${c.map((r) => r.birthDate)}::date[], ${c.map((r) => r.sex)}::text[],
          ${c.map((r) => r.school)}::text[], ${c.map((r) => r.schoolClass)}::text[], ${c.map((r) => r.hasAllergies)}::boolean[],
          ${c.map((r) => r.allergyNotes)}::text[], ${c.map((r) => r.hasPai)}::boolean[], ${c.map((r) => r.mealType)}::text[],
          ${c.map((r) => r.photoConsent)}::boolean[], ${c.map((r) => r.canLeaveAlone)}::boolean[], ${c.map((r) => r.emergencyCareConsent)}::boolean[])
          AS t(id, family, last, first, birth, sex, school, class, allergies, notes, pai, meal, photo, alone, care)`;
      return ids(c);
    });
  }
  await updateRows(tx, "Child", w.childUpdates, now);
  const replaced = w.persons.filter((p) => p.replace).map((p) => p.childId);
  if (replaced.length > 0) await tx.$executeRaw`DELETE FROM "AuthorizedPerson" WHERE "childId" = ANY(${replaced}::text[])`;
  // Each child's persons in the file's order: their creation times follow it (the portal lists them so).
  const persons = w.persons.flatMap((p) => p.rows.map((r, n) => ({ childId: p.childId, n, ...r })));
  if (persons.length > 0)
    await tx.$executeRaw`
      INSERT INTO "AuthorizedPerson" ("id", "childId", "fullName", "phone", "relationship", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, t.child, t.name, t.phone, t.relationship, ${at}::timestamp(3) + t.n * interval '1 millisecond', ${at}::timestamp(3)
      FROM unnest(${persons.map((p) => p.childId)}::text[], ${persons.map((p) => p.fullName)}::text[], ${persons.map((p) => p.phone)}::text[],
        ${persons.map((p) => p.relationship)}::text[], ${persons.map((p) => p.n)}::int[]) AS t(child, name, phone, relationship, n)`;
  if (w.inscriptions.length > 0) {
    const i = w.inscriptions;
    const status = "VALIDATED" as const;
    await createManyWithStatus(tx, { machine: "INSCRIPTION", status, actor, reason }, async () => {
      await tx.$executeRaw`
        INSERT INTO "Inscription" ("id", "familyId", "childId", "activityId", "periodId", "ageGroupId", "status", "startDate", "endDate",
          "decidedAt", "decidedById", "createdAt", "updatedAt")
        SELECT t.id, t.family, t.child, t.activity, t.period, t.age, ${status}::"InscriptionStatus", t.start, t.end,
          ${at}::timestamp(3), ${actor.userId}, ${at}::timestamp(3), ${at}::timestamp(3)
        FROM unnest(${i.map((r) => r.id)}::text[], ${i.map((r) => r.familyId)}::text[], ${i.map((r) => r.childId)}::text[],
          ${i.map((r) => r.activityId)}::text[], ${i.map((r) => r.periodId)}::text[], ${i.map((r) => r.ageGroupId)}::text[],
          ${i.map((r) => r.startDate)}::date[], ${i.map((r) => r.endDate)}::date[]) AS t(id, family, child, activity, period, age, start, "end")`;
      return ids(i);
    });
  }
  if (w.edits.length > 0) {
    const e = w.edits;
    await tx.$executeRaw`
      INSERT INTO "StaffEdit" ("id", "familyId", "kind", "targetId", "before", "after", "actorId", "createdAt")
      SELECT gen_random_uuid()::text, t.family, t.kind::"StaffEditKind", t.target, t.before, t.after, ${actor.userId}, ${at}::timestamp(3)
      FROM unnest(${e.map((r) => r.familyId)}::text[], ${e.map((r) => r.kind)}::text[], ${e.map((r) => r.targetId)}::text[],
        ${e.map((r) => JSON.stringify(r.before))}::jsonb[], ${e.map((r) => JSON.stringify(r.after))}::jsonb[]) AS t(family, kind, target, before, after)`;
  }
}
