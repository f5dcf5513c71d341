import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Staff searches ignore case **and accents**: « Zelie » finds « Zélie », « helene » finds « Hélène ». Prisma's
 * `contains … mode: "insensitive"` (ILIKE) ignores only case, so the names are compared folded in SQL — the accented
 * letters of French and neighbouring languages translated to their base letter, « œ » and « æ » spelled out, then
 * lower-cased — against the word folded the same way here. `translate` and `replace` are in every PostgreSQL (no
 * `unaccent` extension to install), and work whatever the database's locale (`lower` alone would leave « É » in a
 * C-locale database: it is translated first).
 */
const ACCENTED = "àáâãäåāăąçćĉčďèéêëēĕėęěìíîïĩīĭįñńňòóôõöōŏőùúûüũūŭůűųýÿźżžśšşţťŕřĺľł";
/** Each letter of ACCENTED without its accent, upper-case letters after the lower-case ones. */
const PLAIN = [...ACCENTED].map((c) => c.normalize("NFD").replace(/\p{M}/gu, "").replace("ł", "l")).join("");
const FROM = ACCENTED + ACCENTED.toUpperCase();
const TO = PLAIN + PLAIN;

/** A search word as the folded names are compared with it. */
export function foldWord(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/ł/giu, "l").replace(/œ/giu, "oe").replace(/æ/giu, "ae").toLowerCase();
}

/** The SQL of a name folded as `foldWord` folds a word. */
export const foldedSql = (column: Prisma.Sql) =>
  Prisma.sql`lower(replace(replace(replace(replace(translate(${column}, ${FROM}, ${TO}), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'))`;

/** `column` contains `word`, accents and case ignored (`%` and `_` typed in the word are plain characters). */
export const namesSql = (column: Prisma.Sql, word: string) =>
  Prisma.sql`${foldedSql(column)} LIKE ${`%${foldWord(word).replace(/[\\%_]/g, "\\$&")}%`}`;

/** Above this many matching rows the ids are not passed back to the query builder (bound parameters). */
const MAX_IDS = 10_000;

/**
 * The ids of `table`'s rows among `candidates` (an SQL condition on alias `t`, e.g. the queue's statuses) whose names
 * contain every word (accents and case ignored); `names(word)` says which columns name a row, joined in `joins`.
 * `null` when there are too many to pass back as ids: the caller then falls back to the case-insensitive filter.
 */
export async function idsNamingEveryWord(options: {
  table: "Inscription" | "Reservation" | "Family";
  joins: Prisma.Sql;
  candidates: Prisma.Sql;
  columns: Prisma.Sql[];
  words: string[];
}): Promise<string[] | null> {
  const everyWord = options.words.map(
    (word) =>
      Prisma.sql`(${Prisma.join(
        options.columns.map((c) => namesSql(c, word)),
        " OR ",
      )})`,
  );
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT t."id" FROM ${Prisma.raw(`"${options.table}"`)} t ${options.joins}
    WHERE ${options.candidates} AND ${Prisma.join(everyWord, " AND ")}
    LIMIT ${MAX_IDS + 1}`;
  return rows.length > MAX_IDS ? null : rows.map((r) => r.id);
}
