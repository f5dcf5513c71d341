import { describe, expect, it } from "vitest";
import { addChild, MAX_CHILDREN } from "@/lib/families/add-child";
import { requestAddressChange } from "@/lib/families/request-contact-change";
import { addAdult, MAX_ADULTS } from "@/lib/families/add-adult";
import { adultSchema, childSchema } from "@/lib/families/schemas";
import { actorFromUser } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { prisma } from "./helpers";
import { childForm } from "./fixtures";

/** Issue 8: every limit of the family file is counted under the family's lock, whatever the concurrency. */
const child = (firstName: string) =>
  childSchema.parse(childForm({ identity: { lastName: "Course", firstName, schoolClass: "CP" }, consents: "oui" }));

const letters = "abcdefghijklmnopqrstuvwxyz";

describe("limits under parallel requests", () => {
  it(`20 parallel « Ajouter un enfant » for a family of 3 end at ${MAX_CHILDREN}, the others told why`, async () => {
    const { family, user } = await createFamily(prisma, {
      children: [1, 2, 3].map((i) => ({ firstName: `Aîné${letters[i]}`, birthDate: "2015-01-01", sex: "M" as const })),
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        addChild({ familyId: family.id, data: child(`Enfant${letters[i]}`), actor: actorFromUser(user) }),
      ),
    );
    expect(await prisma.child.count({ where: { familyId: family.id } })).toBe(MAX_CHILDREN);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_CHILDREN - 3);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason.message).toBe("Nombre maximal d'enfants atteint pour ce foyer : contactez la structure.");
    }
    // Each accepted child has its one pending CHILD_ADDED request, no more.
    expect(await prisma.changeRequest.count({ where: { familyId: family.id, kind: "CHILD_ADDED" } })).toBe(MAX_CHILDREN - 3);
  });

  it(`10 parallel « Ajouter un responsable légal » end at ${MAX_ADULTS} adults`, async () => {
    const { family } = await createFamily(prisma);
    const adult = (i: number) =>
      addAdult({
        familyId: family.id,
        data: adultSchema.parse({
          civility: "MME",
          lastName: "Course",
          firstName: `Adulte${letters[i]}`,
          birthDate: "1980-01-01",
          mobilePhone: "0611223344",
          email: "",
          relationship: "",
        }),
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => adult(i)));
    expect(await prisma.adult.count({ where: { familyId: family.id } })).toBe(MAX_ADULTS);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_ADULTS - 1);
  });

  it("10 parallel address changes leave exactly one pending request", async () => {
    const { family, user } = await createFamily(prisma);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        requestAddressChange({
          familyId: family.id,
          data: { street: `${i + 1} rue Neuve`, addressComplement: null, postalCode: "59100", city: "Roubaix" },
          actor: actorFromUser(user),
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.changeRequest.count({ where: { familyId: family.id, kind: "ADDRESS", status: "PENDING" } })).toBe(1);
  });
});

describe("the add-adult form", () => {
  const base = {
    civility: "MME",
    lastName: "Forme",
    firstName: "Léa",
    birthDate: "1980-01-01",
    mobilePhone: "0611223344",
    email: "",
    relationship: "",
  };
  it("an invalid e-mail gets the field's French message; an empty one means none", () => {
    expect(adultSchema.safeParse({ ...base, email: "lea@" }).error?.issues[0]).toMatchObject({
      path: ["email"],
      message: "E-mail : adresse invalide (exemple : prenom.nom@exemple.fr).",
    });
    expect(adultSchema.parse({ ...base, email: "" }).email).toBeNull();
    expect(adultSchema.parse({ ...base, email: " Lea@Exemple.FR " }).email).toBe("lea@exemple.fr");
  });

  it("a birth date must be plausible for a responsable légal", () => {
    expect(adultSchema.safeParse({ ...base, birthDate: "1900-01-01" }).error?.issues[0].message).toBe(
      "Date de naissance : vérifiez l'année.",
    );
    expect(adultSchema.safeParse({ ...base, birthDate: "2020-01-01" }).error?.issues[0].message).toBe(
      "Date de naissance : un responsable légal a au moins 16 ans.",
    );
    expect(adultSchema.safeParse({ ...base, birthDate: "2999-01-01" }).error?.issues[0].message).toBe(
      "Date de naissance : elle ne peut pas être dans le futur.",
    );
  });
});
