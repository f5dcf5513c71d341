import { describe, expect, it } from "vitest";
import { addChild } from "@/lib/families/add-child";
import { updateChild } from "@/lib/families/update-child";
import { validateChangeRequest, ALREADY_PENDING_MESSAGE, refuseChangeRequest } from "@/lib/families/change-requests";
import { requestAddressChange, requestPhonesChange } from "@/lib/families/request-contact-change";
import { EMAIL_TAKEN_MESSAGE, staffChangeLoginEmail } from "@/lib/families/staff-change-login-email";
import { staffUpdateQuotient } from "@/lib/families/staff-update-quotient";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { childIdentitySchema, childSchema } from "@/lib/families/schemas";
import { forEachRequest } from "@/lib/bulk";
import { StaleStatusError, actorFromUser } from "@/lib/workflow";
import { createFamily, uniqueEmail } from "@/prisma/factories";
import { prisma, staffActor, expectNothingChanged } from "./helpers";
import { childForm } from "./fixtures";
import { getFamilyHistory } from "@/lib/families/get-family-history";

const childInput = (overrides: { hasAllergies?: "oui" | "non"; allergyNotes?: string } = {}) =>
  childSchema.parse(
    childForm({
      ...overrides,
      identity: { schoolClass: "CP" },
      authorizedPersons: [{ fullName: "Mamie Test", phone: "06 01 02 03 04", relationship: "Grand-mère" }],
      consents: "oui",
    }),
  );

const address = { street: "2 rue Neuve", addressComplement: null, postalCode: "59100", city: "Roubaix" };

describe("children", () => {
  it("validates a child's birth date: not in the future, under 18", () => {
    const base = { lastName: "A", firstName: "B", sex: "F", school: "", schoolClass: "" };
    expect(childIdentitySchema.safeParse({ ...base, birthDate: "2999-01-01" }).error?.issues[0].message).toBe(
      "Date de naissance : elle ne peut pas être dans le futur.",
    );
    expect(childIdentitySchema.safeParse({ ...base, birthDate: "2000-01-01" }).error?.issues[0].message).toBe(
      "Date de naissance : l'enfant doit avoir moins de 18 ans.",
    );
    expect(childIdentitySchema.safeParse({ ...base, birthDate: "2018-01-01" }).success).toBe(true);
  });

  it("a child added by a parent waits for staff; accepting validates it, once", async () => {
    const { family, user } = await createFamily(prisma);
    const { id } = await addChild({ familyId: family.id, data: childInput(), actor: actorFromUser(user) });
    expect(await prisma.child.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", photoConsent: true });
    expect(await prisma.authorizedPerson.count({ where: { childId: id } })).toBe(1);
    const request = await prisma.changeRequest.findFirstOrThrow({ where: { familyId: family.id, kind: "CHILD_ADDED" } });
    const staff = await staffActor();
    await validateChangeRequest({ id: request.id, actor: staff });
    expect((await prisma.child.findUniqueOrThrow({ where: { id } })).status).toBe("VALIDATED");
    // A second decision on the same request: already processed.
    await expectNothingChanged(() =>
      expect(validateChangeRequest({ id: request.id, actor: staff })).rejects.toBeInstanceOf(StaleStatusError),
    );
    const dashboard = await getFamilyDashboard(family.id, new Date("2026-12-01T10:00:00Z"));
    expect(dashboard?.requests.find((r) => r.id === request.id)).toMatchObject({
      label: "Ajout de l'enfant Lina",
      state: { label: "Validée", tone: "done" },
    });
    // The child's own status went through its machine, logged like any other.
    const childLog = await prisma.transitionLog.findMany({ where: { machine: "CHILD", entityId: id }, orderBy: { createdAt: "asc" } });
    expect(childLog.map((l) => `${l.fromStatus ?? "-"}>${l.toStatus}:${l.actorRole}`)).toEqual([
      "->PENDING:PARENT",
      "PENDING>VALIDATED:STAFF",
    ]);
  });

  it("health changes of a validated child wait for staff; other fields apply at once", async () => {
    const { family, user, children } = await createFamily(prisma, { children: [{ firstName: "Max", birthDate: "2018-08-08", sex: "M" }] });
    const parent = actorFromUser(user);
    const data = childInput({ hasAllergies: "oui", allergyNotes: "Lactose" });
    const result = await updateChild({ familyId: family.id, childId: children[0].id, data, actor: parent });
    expect(result).toEqual({ healthPending: true });
    let stored = await prisma.child.findUniqueOrThrow({ where: { id: children[0].id } });
    expect(stored).toMatchObject({ firstName: "Lina", schoolClass: "CP", hasAllergies: false, allergyNotes: null });
    // A second health change while the first waits is refused clearly.
    await expectNothingChanged(() =>
      expect(
        updateChild({
          familyId: family.id,
          childId: children[0].id,
          data: childInput({ hasAllergies: "oui", allergyNotes: "Œufs" }),
          actor: parent,
        }),
      ).rejects.toThrow(ALREADY_PENDING_MESSAGE),
    );
    const request = await prisma.changeRequest.findFirstOrThrow({
      where: { familyId: family.id, kind: "CHILD_HEALTH", status: "PENDING" },
    });
    await validateChangeRequest({ id: request.id, actor: await staffActor() });
    stored = await prisma.child.findUniqueOrThrow({ where: { id: children[0].id } });
    expect(stored).toMatchObject({ hasAllergies: true, allergyNotes: "Lactose" });
    // Staff apply health data directly.
    await updateChild({ familyId: family.id, childId: children[0].id, data: childInput(), actor: await staffActor() });
    expect((await prisma.child.findUniqueOrThrow({ where: { id: children[0].id } })).hasAllergies).toBe(false);
  });
});

describe("demandes de modification", () => {
  it("an accepted address change applies and e-mails the parent; a refused one keeps the file and says why", async () => {
    const { family, user } = await createFamily(prisma);
    const parent = actorFromUser(user);
    const { id } = await requestAddressChange({ familyId: family.id, data: address, actor: parent });
    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).city).toBe("Lille");
    await expectNothingChanged(() =>
      expect(requestAddressChange({ familyId: family.id, data: { ...address, city: "Tourcoing" }, actor: parent })).rejects.toThrow(
        ALREADY_PENDING_MESSAGE,
      ),
    );
    await validateChangeRequest({ id, actor: await staffActor() });
    expect(await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).toMatchObject(address);
    expect(await prisma.emailOutbox.count({ where: { to: user.email, template: "change-request-validated" } })).toBe(1);
    await expectNothingChanged(() =>
      expect(requestAddressChange({ familyId: family.id, data: address, actor: parent })).rejects.toThrow("Aucune modification"),
    );

    const phones = await requestPhonesChange({
      familyId: family.id,
      adultId: family.adults[0].id,
      data: { homePhone: null, mobilePhone: "07 01 02 03 04", workPhone: null },
      actor: parent,
    });
    await refuseChangeRequest({ id: phones.id, reason: "Numéro inconnu", actor: await staffActor() });
    expect((await prisma.adult.findUniqueOrThrow({ where: { id: family.adults[0].id } })).mobilePhone).toBe("06 12 34 56 78");
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { to: user.email, template: "change-request-refused" } });
    expect(email.text).toContain("Motif : Numéro inconnu");
  });

  it("bulk decisions go on past a request already decided, and report it", async () => {
    const { family, user } = await createFamily(prisma);
    const parent = actorFromUser(user);
    const first = await requestAddressChange({ familyId: family.id, data: address, actor: parent });
    const second = await requestPhonesChange({
      familyId: family.id,
      adultId: family.adults[0].id,
      data: { homePhone: null, mobilePhone: "07 01 02 03 05", workPhone: null },
      actor: parent,
    });
    const staff = await staffActor();
    await validateChangeRequest({ id: first.id, actor: staff });
    const result = await forEachRequest([first.id, second.id], (id) => validateChangeRequest({ id, actor: staff }));
    expect(result.done).toEqual([second.id]);
    expect(result.notDone).toEqual([
      {
        id: first.id,
        message: expect.stringMatching(
          /^Déjà traitée : « Validée » \(par .+ le \d{2}\/\d{2}\/\d{4} à \d{1,2}\sh(?:\s\d{2})?\)\. Actualisez la page\.$/,
        ),
      },
    ]);
  });
});

describe("staff edit", () => {
  it("changes a login e-mail only to a free address", async () => {
    const a = await createFamily(prisma);
    const b = await createFamily(prisma);
    const actor = await staffActor();
    await expectNothingChanged(() =>
      expect(staffChangeLoginEmail({ familyId: a.family.id, userId: a.user.id, email: b.user.email, actor })).rejects.toThrow(
        EMAIL_TAKEN_MESSAGE,
      ),
    );
    await expectNothingChanged(() =>
      expect(staffChangeLoginEmail({ familyId: b.family.id, userId: a.user.id, email: "x@exemple.fr", actor })).rejects.toThrow(
        "Élément introuvable.",
      ),
    );
    expect(await prisma.staffEdit.count({ where: { familyId: { in: [a.family.id, b.family.id] } } })).toBe(0);
    const fresh = `libre.${Date.now()}@exemple.fr`;
    await staffChangeLoginEmail({ familyId: a.family.id, userId: a.user.id, email: fresh, actor });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: a.user.id } })).email).toBe(fresh);
    expect((await prisma.adult.findUniqueOrThrow({ where: { id: a.adult.id } })).email).toBe(fresh);
  });

  it("every direct edit by staff is kept: who, when, before and after; shown in the family's history", async () => {
    const { family, user } = await createFamily(prisma);
    const actor = await staffActor();
    const before = await prisma.family.findUniqueOrThrow({ where: { id: family.id } });
    await staffUpdateQuotient({ familyId: family.id, data: { quotientFamilial: 455, cafNumber: "1234567" }, actor });
    // The same values again: nothing changed, nothing logged.
    await staffUpdateQuotient({ familyId: family.id, data: { quotientFamilial: 455, cafNumber: "1234567" }, actor });
    const fresh = uniqueEmail("connexion");
    await staffChangeLoginEmail({ familyId: family.id, userId: user.id, email: fresh, actor });
    const edits = await prisma.staffEdit.findMany({ where: { familyId: family.id }, orderBy: { createdAt: "asc" } });
    expect(edits.map((e) => ({ kind: e.kind, before: e.before, after: e.after, actorId: e.actorId }))).toEqual([
      {
        kind: "QUOTIENT_FAMILIAL",
        before: { quotientFamilial: before.quotientFamilial, cafNumber: before.cafNumber },
        after: { quotientFamilial: 455, cafNumber: "1234567" },
        actorId: actor.userId,
      },
      { kind: "LOGIN_EMAIL", before: { email: user.email }, after: { email: fresh }, actorId: actor.userId },
    ]);
    const history = await getFamilyHistory(family.id, new Date("2026-12-01T10:00:00Z"));
    expect(history.staffEdits.map((e) => e.what)).toEqual(["E-mail de connexion", "Quotient familial et numéro CAF"]);
    expect(history.staffEdits[1].changes).toContain(`Quotient familial : ${before.quotientFamilial ?? "(vide)"} → 455`);
  });
});
