import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STATUS_MACHINES_DOC, statusMachinesMarkdown } from "@/scripts/lib/status-machines-doc";
import { machines } from "@/lib/workflow/machines";

/**
 * docs/status-machines.md is generated from lib/workflow/machines.ts: a machine, a rule, a label or a named set
 * changed without running `npx tsx scripts/status-machines-doc.ts` makes this test fail, so the document cannot drift.
 */
const ROOT = path.resolve(__dirname, "..");

describe("docs/status-machines.md", () => {
  it("is exactly what scripts/status-machines-doc.ts writes from machines.ts (run it after changing a machine)", () => {
    const written = fs.readFileSync(path.join(ROOT, STATUS_MACHINES_DOC), "utf8");
    expect(written).toBe(statusMachinesMarkdown(ROOT));
  });

  it("has every machine, every rule and every named set", () => {
    const doc = statusMachinesMarkdown(ROOT);
    for (const machine of Object.values(machines)) {
      expect(doc).toContain(`## \`${machine.name}\``);
      // One table row per rule, below the machine's heading.
      const section = doc.split(`## \`${machine.name}\``)[1]!.split("\n## ")[0]!;
      const ruleRows = section.split("| De | Vers |")[1]!.trim().split("\n").slice(2);
      expect(ruleRows).toHaveLength(machine.rules.length);
    }
    for (const set of ["INSCRIPTION_STATUSES", "INVOICE_STATUSES", "RESERVATION_STATUSES", "REQUEST_STATUSES"]) {
      expect(doc).toContain(`### \`${set}\``);
    }
    expect(doc).toContain("| `BILLABLE` | `RESERVED`, `PRESENT`, `ABSENT_BILLED` | Billed by a month's invoice");
  });
});
