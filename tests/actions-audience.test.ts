import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Authorization by construction: every export of every `actions.ts` is built
 * by one of the wrappers of lib/action.ts, which checks who calls before it
 * reads the input. The list of actions is read from the files themselves, so
 * a new action cannot be forgotten here.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { audienceOf, type Audience } from "@/lib/action";
import { createFamily, createStaffUser } from "@/prisma/factories";
import { prisma } from "./helpers";

const modules = import.meta.glob("../app/**/actions.ts", { eager: true }) as Record<string, Record<string, unknown>>;
const actions = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports).map(([name, action]) => ({ file: file.replace("../", ""), name, action })),
);

/** The only actions anyone may call without signing in. Adding one here is a decision. */
const PUBLIC = ["requestAccountAction", "requestPasswordResetAction", "resetPasswordAction"];

/** Who is refused, for each audience. */
const WRONG_ROLE: Record<Exclude<Audience, "PUBLIC" | "USER">, ("PARENT" | "STAFF")[]> = {
  PARENT: ["STAFF"],
  STAFF: ["PARENT"],
  ADMIN: ["PARENT", "STAFF"],
};

let users: Record<"PARENT" | "STAFF", string>;
beforeAll(async () => {
  users = { PARENT: (await createFamily(prisma)).user.id, STAFF: (await createStaffUser(prisma)).id };
});

describe("every server action", () => {
  it("is found (the glob reads every actions.ts)", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(13);
    expect(actions.length).toBeGreaterThanOrEqual(40);
  });

  it("is an export of an actions.ts, never a closure declared in a page or a component (posted without its bound arguments, one answers 500)", () => {
    const root = path.resolve(__dirname, "..");
    const inline = ["app", "components"]
      .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((file) => path.join(dir, file)))
      .filter((file) => /\.tsx?$/.test(file) && !/(^|\/)actions\.ts$/.test(file))
      .filter((file) => /^\s*["']use server["']/m.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(inline).toEqual([]);
  });

  it.each(actions.map((a) => [`${a.file} › ${a.name}`, a] as const))(
    "%s is built by a wrapper and refuses who may not call it",
    async (_label, { name, action }) => {
      const audience = audienceOf(action);
      expect(audience, `${name} n'est pas construite par publicAction/userAction/parentAction/staffAction/adminAction`).toBeDefined();
      expect(audience === "PUBLIC").toBe(PUBLIC.includes(name));
      if (audience === "PUBLIC") return;
      const call = action as (input: unknown) => Promise<unknown>;
      // Anonymous: refused before the input is read (no field-by-field errors for a stranger).
      session.current = null;
      expect(await call({})).toEqual({ ok: false, error: "Votre session a expiré. Reconnectez-vous." });
      for (const role of audience === "USER" ? [] : WRONG_ROLE[audience!]) {
        session.current = { user: { id: users[role] } };
        expect(await call({}), `${name} appelée par ${role}`).toEqual({ ok: false, error: "Accès refusé." });
      }
    },
  );
});
