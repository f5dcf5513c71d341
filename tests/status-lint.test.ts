import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * The meaning of a status is said once, in lib/workflow (docs/decisions/024): ESLint refuses, anywhere else
 * in app/, components/ and lib/, a list of statuses written inline in a Prisma filter and a status compared
 * with a word. Each form is linted here as if it were a file of the project (the real eslint.config.mjs).
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function statusErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const FORBIDDEN: Record<string, string> = {
  "a Prisma list (in)": `export const where = { familyId: "f", status: { in: ["PENDING", "WAITLISTED"] } };`,
  "a Prisma list (notIn)": `export const where = { status: { notIn: ["REFUSED"] } };`,
  "a list under another status field": `export const where = { paymentStatus: { in: ["PENDING"] } };`,
  "x.status === word": `export const f = (x: { status: string }) => x.status === "VALIDATED";`,
  "x.status !== word": `export const f = (x: { status: string }) => x.status !== "CLOSED";`,
  "x?.status !== word": `export const f = (x: { status: string } | null) => x?.status !== "REQUESTED";`,
  "a bare status": `export const f = (status: string) => status === "ACTIVE";`,
  "a *Status variable": `export const f = (runStatus: string) => runStatus == "RUNNING";`,
  "word === x.status": `export const f = (x: { status: string }) => "PAID" === x.status;`,
  "a single-quoted word": `export const f = (x: { status: string }) => x.status === 'DRAFT';`,
};

describe("no status written inline outside lib/workflow", () => {
  for (const [form, code] of Object.entries(FORBIDDEN)) {
    it(`refuses ${form} in lib/, app/ and components/`, async () => {
      for (const file of ["lib/billing/example.ts", "app/mes-factures/example.tsx", "components/billing/example.tsx"]) {
        const errors = await statusErrors(code, file);
        expect(errors, file).toHaveLength(1);
        expect(errors[0]).toContain("lib/workflow");
      }
    });
  }

  it("allows the same code in lib/workflow, which owns every status", async () => {
    for (const code of Object.values(FORBIDDEN)) expect(await statusErrors(code, "lib/workflow/example.ts")).toEqual([]);
  });

  it("allows the named sets, predicates and allowed actions, and what is not a status", async () => {
    const code = `
      import { allowedActions, INVOICE_STATUSES, isIn, statusIn } from "@/lib/workflow/machines";
      export const where = { status: statusIn(INVOICE_STATUSES.PAYABLE), kind: { in: ["INVOICE"] } };
      export const paid = (i: { status: "PAID" | "DRAFT" }) => isIn(INVOICE_STATUSES.SETTLED, i.status);
      export const offer = allowedActions("INVOICE", "DRAFT", "STAFF").issue;
      export const isCredit = (i: { kind: string }) => i.kind === "CREDIT_NOTE";
      export const count = (x: { status: number }) => x.status === 200;
    `;
    expect(await statusErrors(code, "lib/billing/example.ts")).toEqual([]);
  });
});
