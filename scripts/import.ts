/**
 * `npm run import -- --familles f.csv [--enfants e.csv] [--inscriptions i.csv] [--appliquer]`
 *
 * The same import as /admin/import, from the command line: a dry run unless `--appliquer`, with the same report
 * (counts per file, then each line created, updated or in error). Runs on DATABASE_URL, or on the embedded
 * database like `npm run db` (package.json starts it through scripts/with-db.ts, with the react-server condition
 * that lets it load the server-only domain).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runImport } from "../lib/import/run-import";
import { inviteImportedFamilies } from "../lib/import/invite-families";
import { FILE_LABELS, type ImportFileKind } from "../lib/import/columns";
import { SYSTEM } from "../lib/workflow";
import { db } from "../lib/db";

const WORDS = { CREATE: "création", UPDATE: "mise à jour", UNCHANGED: "inchangé", ERROR: "ERREUR" } as const;

async function main() {
  const { values } = parseArgs({
    options: {
      familles: { type: "string" },
      enfants: { type: "string" },
      inscriptions: { type: "string" },
      appliquer: { type: "boolean", default: false },
      inviter: { type: "boolean", default: false },
    },
  });
  const files: Partial<Record<ImportFileKind, Uint8Array>> = {};
  for (const kind of ["familles", "enfants", "inscriptions"] as const) if (values[kind]) files[kind] = readFileSync(values[kind]);
  if (Object.keys(files).length === 0) {
    console.error("Usage : npm run import -- --familles f.csv [--enfants e.csv] [--inscriptions i.csv] [--appliquer] [--inviter]");
    process.exit(2);
  }
  const started = Date.now();
  const report = await runImport({
    files,
    apply: values.appliquer,
    actor: SYSTEM,
    onProgress: ({ done, total }) => void process.stderr.write(`\rLot ${done}/${total}`),
  });
  if (report.applied) process.stderr.write("\n");
  for (const f of report.files) {
    const c = report.counts[f.kind];
    console.log(
      `${FILE_LABELS[f.kind]} (${f.encoding}, « ${f.delimiter} ») : ${c.CREATE} création(s), ${c.UPDATE} mise(s) à jour, ${c.UNCHANGED} inchangée(s), ${c.ERROR} erreur(s)`,
    );
  }
  for (const line of report.lines) {
    if (line.action === "UNCHANGED") continue;
    const detail =
      line.errors.length > 0
        ? line.errors.map((e) => (e.column ? `colonne « ${e.column} » : ${e.message}` : e.message)).join(" ; ")
        : line.changes.join(", ");
    console.log(`${FILE_LABELS[line.file]}, ligne ${line.line} — ${WORDS[line.action]} — ${line.label}${detail ? ` — ${detail}` : ""}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (report.errorCount > 0) console.log(`\n${report.errorCount} ligne(s) en erreur : rien n'a été enregistré (${seconds} s).`);
  else if (report.applied) console.log(`\nImport terminé en ${report.batches} lot(s) (${seconds} s).`);
  else console.log(`\nVérification seulement (${seconds} s) : relancez avec --appliquer pour importer.`);
  if (values.inviter && report.applied)
    console.log(`${(await inviteImportedFamilies({ resend: false })).sent} invitation(s) « Activer mon compte » en envoi.`);
  await db.$disconnect();
  process.exit(report.errorCount > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
