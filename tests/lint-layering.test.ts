import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layering of docs/decisions/010 and 022, as the project's own ESLint configuration enforces it: each
 * forbidden import, written in a virtual file of app/, components/ or lib/, is an error; the allowed ones are not.
 */
const ROOT = path.resolve(__dirname, "..");
const NO_DATABASE = "Lisez et écrivez par une fonction du domaine (lib/…), pas par la base directement.";
const NO_PRISMA = "Pas de client Prisma dans app/ ou components/ : passez par lib/.";
const LIB_ALONE = "lib/ ne dépend ni des pages ni des composants.";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The layering errors of `code` written in `file`: each with its message. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the layering, enforced by lint", () => {
  it.each([
    ["app/x/page.tsx", `import { db } from "../../lib/db";\nexport const f = () => db;\n`, NO_DATABASE],
    ["app/x/y/page.tsx", `import { db } from "../../../lib/db";\nexport const f = () => db;\n`, NO_DATABASE],
    ["app/x/page.tsx", `import { db } from "@/lib/db";\nexport const f = () => db;\n`, NO_DATABASE],
    ["app/x/page.tsx", `export async function f() {\n  const { db } = await import("@/lib/db");\n  return db;\n}\n`, NO_DATABASE],
    ["app/x/page.tsx", `export async function f() {\n  const { db } = await import("../../lib/db");\n  return db;\n}\n`, NO_DATABASE],
    ["components/x.tsx", `import { db } from "@/lib/db";\nexport const f = () => db;\n`, NO_DATABASE],
    ["components/x.tsx", `import { db } from "../lib/db";\nexport const f = () => db;\n`, NO_DATABASE],
    ["app/x/page.tsx", `import type { User } from "@/lib/generated/prisma/models";\nexport type U = User;\n`, NO_PRISMA],
    ["app/x/page.tsx", `import { PrismaClient } from "@/lib/generated/prisma/client";\nexport const P = PrismaClient;\n`, NO_PRISMA],
    ["components/x.tsx", `import type { Family } from "../lib/generated/prisma/models/Family";\nexport type F = Family;\n`, NO_PRISMA],
    ["components/x.tsx", `export const f = () => import("@/lib/generated/prisma/client");\n`, NO_PRISMA],
    ["app/x/page.tsx", `import { Prisma } from "@prisma/client";\nexport const P = Prisma;\n`, NO_PRISMA],
    ["lib/x/y.ts", `import Home from "../../app/page";\nexport const f = Home;\n`, LIB_ALONE],
    ["lib/x/y.ts", `import Home from "@/app/page";\nexport const f = Home;\n`, LIB_ALONE],
    ["lib/x/y.ts", `import { Button } from "../../components/ui/button";\nexport const f = Button;\n`, LIB_ALONE],
    ["lib/x/y.ts", `import { Button } from "@/components/ui/button";\nexport const f = Button;\n`, LIB_ALONE],
    ["lib/y.ts", `export const f = () => import("@/components/ui/button");\n`, LIB_ALONE],
  ])("%s: refuses %j", async (file, code, message) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ["app/x/page.tsx", `import { formatDate } from "@/lib/format";\nexport const f = formatDate;\n`],
    ["app/x/page.tsx", `import type { Role } from "@/lib/generated/prisma/enums";\nexport type R = Role;\n`],
    ["components/x.tsx", `export const f = () => import("@/lib/accounts/schemas");\n`],
    ["components/x.tsx", `import { Button } from "@/components/ui/button";\nexport const f = Button;\n`],
    [
      "lib/x/y.ts",
      `import { db } from "../db";\nimport type { Family } from "@/lib/generated/prisma/models";\nexport const f = (x: Family) => [db, x];\n`,
    ],
  ])("%s: allows %j", async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
