import { describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));

import { GET as afterSignIn } from "@/app/connexion/suite/route";
import { hash } from "@node-rs/argon2";
import { authenticate } from "@/lib/accounts/authenticate";
import { hashPassword, needsRehash, PASSWORD_HASH_OPTIONS, verifyPassword } from "@/lib/auth/password";
import { createFamily, createStaffUser, DEMO_PASSWORD } from "@/prisma/factories";
import { prisma } from "./helpers";

describe("password hash parameters (ADR 037)", () => {
  it("hashes with argon2id at OWASP's minimum, never below it", async () => {
    const stored = await hashPassword("Un-mot-de-passe-2026");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(stored)).toBe(false);
    // OWASP: m ≥ 19 MiB with t ≥ 2 (or m ≥ 46 MiB with t = 1), p = 1.
    expect(PASSWORD_HASH_OPTIONS.memoryCost * PASSWORD_HASH_OPTIONS.timeCost).toBeGreaterThanOrEqual(19_456 * 2);
  });

  it("a hash with older parameters still verifies, and is replaced on the next successful sign-in only", async () => {
    const { user } = await createFamily(prisma);
    const old = await hash(DEMO_PASSWORD, { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    expect(needsRehash(old)).toBe(true);
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: old } });

    // A wrong password changes nothing.
    expect(await authenticate({ email: user.email, password: "mauvais-mot-de-passe", ip: null })).toMatchObject({ ok: false });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(old);

    expect(await authenticate({ email: user.email, password: DEMO_PASSWORD, ip: null })).toMatchObject({ ok: true });
    const renewed = (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(renewed).not.toBe(old);
    expect(renewed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(renewed, DEMO_PASSWORD)).toBe(true);
    // Signed in again: already at today's parameters, left as it is.
    expect(await authenticate({ email: user.email, password: DEMO_PASSWORD, ip: null })).toMatchObject({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(renewed);
  });
});

describe("after « Se connecter » (ADR 037)", () => {
  it("goes straight to the role's home without rendering a page; without a session, to the sign-in page", async () => {
    const go = async () => {
      const response = await afterSignIn(new Request("http://localhost/connexion/suite"), undefined);
      return [response.status, response.headers.get("location")];
    };
    session.current = null;
    expect(await go()).toEqual([303, "/connexion"]);
    session.current = { user: { id: (await createFamily(prisma)).user.id } };
    expect(await go()).toEqual([303, "/tableau-de-bord"]);
    session.current = { user: { id: (await createStaffUser(prisma)).id } };
    expect(await go()).toEqual([303, "/admin"]);
  });
});
