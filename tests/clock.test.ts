import { describe, expect, it } from "vitest";
import { prisma } from "./helpers";

describe("the clock", () => {
  // `npm run test:faketime` moves the machine's clock ahead for Node and the embedded PostgreSQL alike
  // (LD_PRELOAD is inherited): `now()` in SQL (createdAt defaults, expiry checks) and `new Date()` must agree.
  it("the database reads the same time as the application", async () => {
    const [{ now }] = await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(60_000);
  });
});
