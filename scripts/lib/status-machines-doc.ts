/**
 * Writes docs/status-machines.md from lib/workflow/machines.ts: every machine's states (code ↔ French label), its
 * transitions (who, reason required or not), its screen actions, and the named sets of statuses. The document is
 * never edited by hand: `npx tsx scripts/status-machines-doc.ts` rewrites it, and tests/status-machines-doc.test.ts
 * fails when it no longer matches the machines.
 */
import fs from "node:fs";
import path from "node:path";
import * as workflow from "../../lib/workflow/machines";
import type { ActorKind, Machine } from "../../lib/workflow/machines";

export const STATUS_MACHINES_DOC = path.join("docs", "status-machines.md");
const MACHINES_SOURCE = path.join("lib", "workflow", "machines.ts");

/** What each machine governs, in the README glossary's words. A new machine without a line here is named by its code. */
const MACHINE_TITLES: Record<string, string> = {
  USER_ACCOUNT: "Compte de connexion (`User.status`)",
  CHILD: "Enfant (`Child.status`)",
  ACCOUNT_REQUEST: "Demande de création de compte (`AccountRequest.status`)",
  CHANGE_REQUEST: "Demande de modification (`ChangeRequest.status`)",
  INSCRIPTION: "Inscription (`Inscription.status`)",
  RESERVATION: "Réservation, case du calendrier (`Reservation.status`)",
  INVOICE: "Facture (`Invoice.status`)",
  PAYMENT: "Paiement (`Payment.status`)",
  DOCUMENT: "Document (`Document.status`)",
  MESSAGE_THREAD: "Conversation, Mes messages (`MessageThread.status`)",
};

const ACTORS: Record<ActorKind, string> = { VISITOR: "visiteur", PARENT: "parent", STAFF: "accueil", SYSTEM: "système" };

const TONES: Record<string, string> = { waiting: "en attente", done: "fait", refused: "refusé", closed: "clos" };

const code = (value: string) => `\`${value}\``;

/** The comment (`/** … *\/`) written above each key of the named set `group` in machines.ts, on one line. */
function setComments(source: string, group: string): Map<string, string> {
  const out = new Map<string, string>();
  const start = source.indexOf(`export const ${group} =`);
  if (start < 0) return out;
  const end = source.indexOf("\n}", start);
  for (const match of source.slice(start, end < 0 ? undefined : end).matchAll(/\/\*\*([\s\S]*?)\*\/\s*([A-Z_]+):\s*\[/g)) {
    const text = match[1]!
      .split("\n")
      .map((line) => line.replace(/^\s*\*\s?/, "").trim())
      .filter(Boolean)
      .join(" ");
    out.set(match[2]!, text);
  }
  return out;
}

function machineSection(machine: Machine<string>): string[] {
  const lines: string[] = [];
  const label = (status: string | null) => (status === null ? "(création)" : `${code(status)} ${machine.labels[status]}`);
  lines.push(`## ${code(machine.name)} — ${MACHINE_TITLES[machine.name] ?? machine.name}`, "");
  const actionsTo = (status: string) =>
    Object.entries(machine.actions)
      .filter(([, to]) => to === status)
      .map(([name]) => code(name))
      .join(", ");
  const withCodes = machine.name === "RESERVATION";
  lines.push(
    withCodes ? "| Code | Libellé | Case | Ton | Final | Action d'écran |" : "| Code | Libellé | Ton | Final | Action d'écran |",
    withCodes ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|",
  );
  for (const status of machine.states) {
    const cells = [
      code(status),
      machine.labels[status]!,
      ...(withCodes ? [workflow.RESERVATION_CODES[status as keyof typeof workflow.RESERVATION_CODES] || "—"] : []),
      TONES[machine.tones[status]!] ?? machine.tones[status]!,
      machine.terminal.includes(status) ? "oui" : "",
      actionsTo(status),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push("", "| De | Vers | Qui | Motif obligatoire |", "|---|---|---|---|");
  for (const rule of machine.rules) {
    lines.push(
      `| ${label(rule.from)} | ${label(rule.to)} | ${rule.by.map((a) => ACTORS[a]).join(", ")} | ${rule.requiresReason ? "oui" : ""} |`,
    );
  }
  lines.push("");
  return lines;
}

/** The whole document, as `npx tsx scripts/status-machines-doc.ts` writes it. */
export function statusMachinesMarkdown(root = process.cwd()): string {
  const source = fs.readFileSync(path.join(root, MACHINES_SOURCE), "utf8");
  const lines = [
    "# Les machines à statuts",
    "",
    "<!-- Généré par `npx tsx scripts/status-machines-doc.ts` depuis lib/workflow/machines.ts : ne pas modifier à la main.",
    "     tests/status-machines-doc.test.ts échoue quand ce fichier ne correspond plus aux machines. -->",
    "",
    "Chaque statut du portail appartient à une machine de `lib/workflow/machines.ts` (décision 010). Une transition",
    "absente de ces tables est refusée par `applyTransition()` / `createWithStatus()` (« Cette action n'est pas possible",
    "dans l'état actuel de la demande. ») ; quand « Motif obligatoire » dit oui, un motif vide est refusé (« Indiquez le",
    "motif. »). « (création) » est l'insertion de la ligne. Qui : « parent », « accueil » (un administrateur agit comme",
    "l'accueil), « visiteur » (anonyme), « système » (worker, webhook, validation automatique). « Action d'écran » : le nom",
    "que `allowedActions()` donne aux boutons qui mènent à ce statut. Le libellé est le seul mot français du statut, sur",
    "chaque écran et dans chaque e-mail (`statusLabel()`, glossaire du README).",
    "",
  ];
  for (const machine of Object.values(workflow.machines) as Machine<string>[]) lines.push(...machineSection(machine));
  lines.push(
    "## Ensembles nommés",
    "",
    "Une requête ou une page qui a besoin d'un groupe de statuts prend l'un de ces ensembles (`statusIn()` pour Prisma,",
    "`isIn()` pour un test en mémoire) au lieu d'écrire la liste. Le sens est le commentaire de `machines.ts` (en anglais, comme tout commentaire du code).",
    "",
  );
  // Sorted: a module namespace lists its exports in a different order under tsx (CommonJS) and Vitest (ESM).
  for (const [group, value] of Object.entries(workflow).sort(([a], [b]) => a.localeCompare(b))) {
    if (!/_STATUSES$/.test(group) || typeof value !== "object" || value === null) continue;
    const comments = setComments(source, group);
    lines.push(`### ${code(group)}`, "", "| Ensemble | Statuts | Sens |", "|---|---|---|");
    for (const [name, statuses] of Object.entries(value as Record<string, readonly string[]>)) {
      lines.push(`| ${code(name)} | ${statuses.map(code).join(", ")} | ${comments.get(name) ?? ""} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
