import iconv from "iconv-lite";
import { parse } from "csv-parse/sync";

/*
 * A CSV as French offices export it: UTF-8 (with or without BOM) or Windows-1252 (Excel's « CSV (séparateur :
 * point-virgule) »), « ; » or « , » between columns. No zod, no database: the page, the command and the tests read
 * files through this one function.
 */

export interface CsvLine {
  /** The line's number in the file as a spreadsheet shows it (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface CsvFile {
  encoding: "UTF-8" | "Windows-1252";
  delimiter: ";" | ",";
  /** The header's cells as written, and the column key each was matched to (null: unknown column, ignored). */
  headers: { text: string; key: string | null }[];
  lines: CsvLine[];
}

/** « Date de naissance », « DATE_DE_NAISSANCE », « date-de-naissance » → "date de naissance". */
export function headerKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A file that is not valid UTF-8 is Windows-1252: Excel writes it so on French Windows, and every byte decodes. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvFile["encoding"] } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "UTF-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "win1252"), encoding: "Windows-1252" };
  }
}

/** « ; » unless the header line has more « , » than « ; » (outside quotes). */
function detectDelimiter(text: string): CsvFile["delimiter"] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(",") > count(";") ? "," : ";";
}

export class CsvError extends Error {}

/**
 * Reads the file: its header names the columns (matched to `columns` by `headerKey`, so accents, case and « _ »
 * do not matter), each following non-empty line gives one record. Throws a CsvError (French) for a file that is
 * not a CSV at all.
 */
export function readCsv(bytes: Uint8Array, columns: { key: string; aliases: string[] }[]): CsvFile {
  const { text, encoding } = decodeText(bytes);
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") throw new CsvError("le fichier est vide.");
  const delimiter = detectDelimiter(body);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[]; // csv-parse types `info: true` results as plain records
  } catch (error) {
    const where = error instanceof Error && "lines" in error ? ` (ligne ${String((error as { lines: number }).lines)})` : "";
    throw new CsvError(`ce fichier n'est pas un CSV lisible${where} : vérifiez qu'il est enregistré au format CSV.`);
  }
  const [first, ...rest] = records;
  const header = first?.record ?? [];
  const byAlias = new Map<string, string>();
  for (const column of columns) for (const alias of [column.key, ...column.aliases]) byAlias.set(headerKey(alias), column.key);
  const headers = header.map((cell) => ({ text: cell.trim(), key: byAlias.get(headerKey(cell)) ?? null }));
  const lines: CsvLine[] = [];
  for (const { record: cells, info } of rest) {
    if (cells.every((cell) => cell.trim() === "")) continue;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h.key && values[h.key] === undefined) values[h.key] = (cells[i] ?? "").trim();
    });
    // The line where the record ends (a quoted cell may span lines), as a spreadsheet numbers them.
    lines.push({ line: info.lines, values });
  }
  return { encoding, delimiter, headers, lines };
}
