import { describe, expect, it } from "vitest";
import { transaction } from "@/lib/db";
import { createFamily } from "@/prisma/factories";
import { prisma } from "./helpers";

/*
 * Inside a transaction Prisma loads the relations of one read side by side on the transaction's one connection; pg
 * deprecates a query sent while another runs (removed in pg 9). lib/db.ts chains them: no such warning, same rows.
 * (pg warns once per process: each test file is its own process, so this one sees it if it comes back.)
 */
describe("one query at a time on a connection", () => {
  it("a read with relations side by side, in a transaction, gives its rows without pg's « already executing a query » warning", async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on("warning", listen);
    try {
      const f = await createFamily(prisma, { children: [{ firstName: "Léna", birthDate: "2019-06-01", sex: "F" }] });
      const read = () =>
        transaction((tx) =>
          tx.family.findMany({
            where: { id: f.family.id },
            select: { adults: { select: { id: true } }, children: { select: { id: true } }, users: { select: { id: true } } },
          }),
        );
      const rows = await Promise.all([read(), read()]);
      expect(rows).toEqual(
        Array(2).fill([{ adults: [{ id: f.adult.id }], children: [{ id: f.children[0].id }], users: [{ id: f.user.id }] }]),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
    } finally {
      process.off("warning", listen);
    }
  });
});
