import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Server actions check the session and the role themselves, whatever the
 * proxy or the layout did. The session is what next-auth would return for the
 * cookie; everything below it (database, workflow) is real.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { refuseAccountRequestAction, validateAccountRequestAction } from "@/app/admin/demandes-de-compte/actions";
import { retryEmailAction } from "@/app/admin/courriels/actions";
import { setPaymentProviderAction } from "@/app/admin/structures/[id]/paiement-en-ligne/actions";
import { requestAccountAction } from "@/app/creer-mon-compte/actions";
import { accountRequestSchema } from "@/lib/accounts/schemas";
import { requestAccount } from "@/lib/accounts/request-account";
import { setResidentCommunesAction } from "@/app/admin/structures/[id]/communes/actions";
import { deleteTariffRuleAction, setTariffRuleAction, setTariffsAction } from "@/app/admin/activites/actions";
import { createBookableWorld, createFamily, createStaffUser, uniqueEmail } from "@/prisma/factories";
import { expectNothingChanged } from "./helpers";
import { prisma } from "./helpers";

async function pendingRequest(): Promise<{ id: string }> {
  const result = await requestAccount(
    accountRequestSchema.parse({
      civility: "M",
      lastName: "Action",
      firstName: "Test",
      birthDate: "1980-01-01",
      mobilePhone: "0611223344",
      email: uniqueEmail("action"),
      street: "1 rue A",
      postalCode: "59000",
      city: "Lille",
      password: "Motdepasse-2026",
      passwordConfirmation: "Motdepasse-2026",
    }),
    null,
  );
  if (result.outcome !== "REQUESTED") throw new Error("demande non créée");
  return result;
}

beforeEach(() => {
  session.current = null;
});

describe("staff actions refuse anyone but staff", () => {
  it.each([
    ["a visitor", async () => null],
    ["a parent", async () => ({ user: { id: (await createFamily(prisma)).user.id } })],
    [
      "a deactivated staff member",
      async () => {
        const staff = await createStaffUser(prisma);
        await prisma.user.update({ where: { id: staff.id }, data: { status: "DEACTIVATED" } });
        return { user: { id: staff.id } };
      },
    ],
  ])("%s cannot validate, refuse or resend", async (_who, makeSession) => {
    const { id } = await pendingRequest();
    session.current = await makeSession();
    const validate = await validateAccountRequestAction({ id });
    const refuse = await refuseAccountRequestAction({ id, reason: "Non" });
    const retry = await retryEmailAction({ id: "inexistant" });
    // « Paiement en ligne » of a lieu (ADR 054): its provider unchanged.
    const structure = await prisma.structure.create({ data: { name: `Lieu action ${id}` } });
    const provider = await setPaymentProviderAction({ structureId: structure.id, paymentProvider: "PAYFIP", payfipClientNumber: "012345" });
    expect((await prisma.structure.findUniqueOrThrow({ where: { id: structure.id } })).paymentProvider).toBe("STRIPE");
    for (const result of [validate, refuse, retry, provider]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/Accès refusé|session a expiré/);
    }
    expect((await prisma.accountRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await prisma.transitionLog.count({ where: { entityId: id } })).toBe(1);
  });

  it("staff can, and a second decision on the same request is refused clearly", async () => {
    const { id } = await pendingRequest();
    const staff = await createStaffUser(prisma);
    session.current = { user: { id: staff.id } };
    expect(await validateAccountRequestAction({ id })).toEqual({ ok: true, data: null });
    const again = await refuseAccountRequestAction({ id, reason: "Doublon" });
    expect(again).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Déjà traitée : « Validée » \(par .+ le \d{2}\/\d{2}\/\d{4} à \d{1,2}\sh(?:\s\d{2})?\)\. Actualisez la page\.$/,
      ),
    });
    expect((await prisma.accountRequest.findUniqueOrThrow({ where: { id } })).status).toBe("VALIDATED");
  });

  it("bad input is answered in French, field by field, and writes nothing", async () => {
    const staff = await createStaffUser(prisma);
    session.current = { user: { id: staff.id } };
    const { id } = await pendingRequest();
    const result = await refuseAccountRequestAction({ id, reason: "x".repeat(501) });
    expect(result).toMatchObject({ ok: false, fieldErrors: { reason: "Motif du refus : 500 caractères au maximum." } });
    const empty = await requestAccountAction({});
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.fieldErrors).toMatchObject({ lastName: "Nom : champ obligatoire.", email: "E-mail : champ obligatoire." });
    expect((await prisma.accountRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });
});

describe("tariff actions (ADR 055): staff only, bad input in French, nothing written", () => {
  it("a visitor and a parent are refused; staff's bad input is answered field by field", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 5 }],
    });
    const rule = await prisma.tariffRule.create({ data: { activityId: w.activity.id, validFrom: new Date("2027-04-01T00:00:00Z") } });
    const good = {
      activityId: w.activity.id,
      validFrom: "01/03/2027",
      mode: "HOURLY",
      siblingSecondPercent: "10",
      siblingThirdPercent: "20",
      siblingScope: "DAY",
    };
    const communes = { structureId: w.structure.id, communes: "Lille" };
    const tariffs = { timeUnitId: w.units[0]!.id, brackets: [{ qfMin: "0", qfMax: "", price: "2", nonResidentPrice: "3" }] };
    for (const who of [null, { user: { id: (await createFamily(prisma)).user.id } }]) {
      session.current = who;
      await expectNothingChanged(async () => {
        for (const result of [
          await setTariffRuleAction(good),
          await deleteTariffRuleAction({ id: rule.id }),
          await setResidentCommunesAction(communes),
          await setTariffsAction(tariffs),
        ]) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error).toMatch(/Accès refusé|session a expiré/);
        }
      });
    }
    session.current = { user: { id: (await createStaffUser(prisma)).id } };
    await expectNothingChanged(async () => {
      expect(await setTariffRuleAction({ ...good, siblingSecondPercent: "150" })).toMatchObject({
        ok: false,
        fieldErrors: { siblingSecondPercent: "Fratrie, 2e enfant : 100 % au plus." },
      });
      expect(await setTariffsAction({ ...tariffs, brackets: [{ ...tariffs.brackets[0], nonResidentPrice: "-1" }] })).toMatchObject({
        ok: false,
      });
      expect(await setResidentCommunesAction({ ...communes, communes: "<script>" })).toMatchObject({ ok: false });
    });
    expect(await setTariffRuleAction(good)).toMatchObject({ ok: true });
    expect(await setResidentCommunesAction(communes)).toMatchObject({ ok: true });
    expect((await prisma.structure.findUniqueOrThrow({ where: { id: w.structure.id } })).residentCommunes).toEqual(["Lille"]);
  });
});
