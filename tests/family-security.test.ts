import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Security matrix of the family file: a parent of family A calls every parent
 * action with the ids of family B, and every staff action. Only the session is
 * simulated (what next-auth returns for the cookie); the rest is real.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as familyActions from "@/app/ma-famille/actions";
import * as detailsActions from "@/app/mes-coordonnees/actions";
import * as changeActions from "@/app/admin/demandes-de-modification/actions";
import * as staffFamilyActions from "@/app/admin/familles/[familyId]/actions";
import * as accountActions from "@/app/admin/demandes-de-compte/actions";
import { createFamily } from "@/prisma/factories";
import { prisma } from "./helpers";
import { childForm } from "./fixtures";

const child = childForm({ identity: { lastName: "Alpha", firstName: "Intrus", birthDate: "2019-01-01", sex: "M" } });
const phones = { homePhone: "", mobilePhone: "07 99 99 99 99", workPhone: "" };

async function twoFamilies() {
  const a = await createFamily(prisma, { lastName: "Alpha", children: [{ firstName: "Anna", birthDate: "2018-01-01", sex: "F" }] });
  const b = await createFamily(prisma, {
    lastName: "Bravo",
    children: [{ firstName: "Bruno", birthDate: "2017-01-01", sex: "M", hasAllergies: true, allergyNotes: "Gluten" }],
  });
  const request = await prisma.changeRequest.create({
    data: {
      familyId: b.family.id,
      kind: "ADDRESS",
      targetId: b.family.id,
      before: {},
      after: { street: "1 rue B", addressComplement: null, postalCode: "59000", city: "Lille" },
    },
  });
  return { a, b, request };
}

async function snapshotOf(familyId: string) {
  return prisma.family.findUniqueOrThrow({
    where: { id: familyId },
    include: { adults: true, children: { include: { authorizedPersons: true } }, changeRequests: true },
  });
}

beforeEach(() => {
  session.current = null;
});

describe("a parent of family A with the ids of family B", () => {
  it("is refused exactly as with a missing id, and B is left untouched", async () => {
    const { a, b } = await twoFamilies();
    session.current = { user: { id: a.user.id } };
    const before = await snapshotOf(b.family.id);
    const calls: [string, (id: string) => Promise<unknown>][] = [
      ["updateChildAction", (id) => familyActions.updateChildAction({ ...child, childId: id })],
      ["requestPhonesChangeAction", (id) => detailsActions.requestPhonesChangeAction({ ...phones, adultId: id })],
      ["updatePreferencesAction", (id) => detailsActions.updatePreferencesAction({ profession: "Pirate", employer: "", adultId: id })],
    ];
    const targetOf: Record<string, string> = {
      updateChildAction: b.children[0].id,
      requestPhonesChangeAction: b.adult.id,
      updatePreferencesAction: b.adult.id,
    };
    for (const [name, call] of calls) {
      const foreign = await call(targetOf[name]);
      const missing = await call("identifiant-inexistant");
      expect(foreign, name).toEqual({ ok: false, error: "Élément introuvable." });
      expect(missing, name).toEqual(foreign);
    }
    expect(await snapshotOf(b.family.id)).toEqual(before);
  });

  it("actions without ids act on A's own family only, whatever extra ids are sent", async () => {
    const { a, b } = await twoFamilies();
    session.current = { user: { id: a.user.id } };
    const before = await snapshotOf(b.family.id);
    expect((await familyActions.addChildAction({ ...child, familyId: b.family.id })).ok).toBe(true);
    expect(
      (
        await detailsActions.requestAddressChangeAction({
          street: "9 rue A",
          addressComplement: "",
          postalCode: "59000",
          city: "Lille",
          familyId: b.family.id,
        })
      ).ok,
    ).toBe(true);
    expect(
      (await detailsActions.requestQuotientChangeAction({ quotientFamilial: "999", cafNumber: "1234567", familyId: b.family.id })).ok,
    ).toBe(true);
    expect(
      (
        await familyActions.addAdultAction({
          civility: "M",
          lastName: "Alpha",
          firstName: "Paul",
          birthDate: "1980-01-01",
          mobilePhone: "0611111111",
          email: "",
          relationship: "",
          familyId: b.family.id,
        })
      ).ok,
    ).toBe(true);
    expect(await snapshotOf(b.family.id)).toEqual(before);
    expect(await prisma.child.count({ where: { familyId: a.family.id, firstName: "Intrus" } })).toBe(1);
    expect(await prisma.changeRequest.count({ where: { familyId: a.family.id } })).toBe(3);
  });

  it("cannot call any staff action", async () => {
    const { a, b, request } = await twoFamilies();
    session.current = { user: { id: a.user.id } };
    const before = await snapshotOf(b.family.id);
    const results = await Promise.all([
      changeActions.validateChangeRequestAction({ id: request.id }),
      changeActions.refuseChangeRequestAction({ id: request.id, reason: "Non" }),
      changeActions.decideChangeRequestsAction({ decision: "validate", ids: [request.id] }),
      changeActions.validateChildLinkAction({ id: request.id, childId: b.children[0].id }),
      staffFamilyActions.linkChildFoyerAction({ childId: b.children[0].id, familyId: a.family.id }),
      staffFamilyActions.unlinkChildFoyerAction({ childId: b.children[0].id, familyId: a.family.id }),
      staffFamilyActions.staffUpdateAddressAction({
        familyId: b.family.id,
        street: "1 rue Pirate",
        addressComplement: "",
        postalCode: "59000",
        city: "Lille",
      }),
      staffFamilyActions.staffUpdateQuotientAction({ familyId: b.family.id, quotientFamilial: "1", cafNumber: "1234567" }),
      staffFamilyActions.staffUpdateAdultAction({
        familyId: b.family.id,
        adultId: b.adult.id,
        civility: "M",
        lastName: "Pirate",
        firstName: "Jack",
        birthDate: "1980-01-01",
        mobilePhone: "0611111111",
        email: "",
        relationship: "",
      }),
      staffFamilyActions.staffChangeLoginEmailAction({ familyId: b.family.id, userId: b.user.id, email: "pirate@exemple.fr" }),
      staffFamilyActions.staffUpdateChildAction({ ...child, familyId: b.family.id, childId: b.children[0].id }),
      staffFamilyActions.staffUpdatePhonesAction({ ...phones, familyId: b.family.id, adultId: b.adult.id }),
      staffFamilyActions.staffUpdatePreferencesAction({ profession: "Pirate", employer: "", familyId: b.family.id, adultId: b.adult.id }),
      accountActions.decideAccountRequestsAction({ decision: "refuse", ids: ["x"], reason: "Non" }),
    ]);
    for (const result of results) expect(result).toEqual({ ok: false, error: "Accès refusé." });
    expect(await snapshotOf(b.family.id)).toEqual(before);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: b.user.id } })).email).toBe(b.user.email);
  });
});
