import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { requestInscription, duplicateInscriptionMessage } from "@/lib/inscriptions/request-inscription";
import { validateInscription, cancelInscription, refuseInscription, withdrawInscription } from "@/lib/inscriptions/decide-inscription";
import { inscriptionAttestation } from "@/lib/inscriptions/render-inscription-attestation";
import { addPeriod, deletePeriod } from "@/lib/activities/manage-periods";
import { addCalendarException } from "@/lib/activities/add-calendar-exception";
import { setCapacityOverride } from "@/lib/activities/set-capacity-override";
import { createActivity, updateActivity } from "@/lib/activities/manage-activity";
import { activitySchema, tariffsSchema } from "@/lib/activities/schemas";
import { createReservation, IllegalTransitionError, SYSTEM, actorFromUser } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { prisma, staffActor, expectNothingChanged } from "./helpers";
import { activityForm } from "./fixtures";

const NOW = new Date("2026-11-24T10:00:00Z");

async function world(options: { max?: number | null; automatic?: boolean; opensAt?: Date | null; residentsAt?: Date | null } = {}) {
  const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}`, city: "Lille" } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await prisma.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: "Mercredis",
      maxInscriptions: options.max ?? null,
      inscriptionValidation: options.automatic ? "AUTOMATIC" : "MANUAL",
      inscriptionsOpenAt: options.opensAt ?? null,
      residentsOpenAt: options.residentsAt ?? null,
      ageGroups: {
        create: [
          { name: "Maternelle", minAgeMonths: 36, maxAgeMonths: 71 },
          { name: "Élémentaire +6 ans", minAgeMonths: 72, maxAgeMonths: 155 },
        ],
      },
    },
    include: { ageGroups: true },
  });
  const period = await prisma.period.create({
    data: {
      activityId: activity.id,
      name: "Hiver",
      startDate: new Date("2027-01-06T00:00:00Z"),
      endDate: new Date("2027-03-31T00:00:00Z"),
    },
  });
  const unit = await prisma.timeUnit.create({
    data: { activityId: activity.id, name: "Journée", startTime: "08:30", endTime: "17:30", capacity: 10 },
  });
  const maternelle = activity.ageGroups.find((g) => g.name === "Maternelle")!;
  return { structure, activity, period, unit, maternelle, elementaire: activity.ageGroups.find((g) => g.name !== "Maternelle")! };
}

async function familyWith(birthDate = "2022-06-01") {
  return createFamily(prisma, { children: [{ firstName: "Léna", birthDate, sex: "F" }] });
}

describe("requestInscription", () => {
  it("records a pending request in the group that fits, and refuses a duplicate and a group that does not fit", async () => {
    const w = await world();
    const f = await familyWith();
    const base = {
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      actor: actorFromUser(f.user),
      now: NOW,
    };
    await expectNothingChanged(() =>
      expect(requestInscription({ ...base, ageGroupId: w.elementaire.id })).rejects.toThrow(
        "Groupe : choisissez un groupe qui correspond à l'âge de l'enfant.",
      ),
    );
    const result = await requestInscription({ ...base, ageGroupId: w.maternelle.id });
    expect(result).toMatchObject({ status: "PENDING", waitlistPosition: 0 });
    await expectNothingChanged(() =>
      expect(requestInscription({ ...base, ageGroupId: w.maternelle.id })).rejects.toThrow(duplicateInscriptionMessage("Léna")),
    );
    expect(await prisma.inscription.count({ where: { childId: f.children[0].id } })).toBe(1);
  });

  it("explains why no group fits a child", async () => {
    const w = await world();
    const baby = await familyWith("2025-09-01");
    await expectNothingChanged(() =>
      expect(
        requestInscription({
          familyId: baby.family.id,
          childId: baby.children[0].id,
          activityId: w.activity.id,
          periodId: w.period.id,
          ageGroupId: null,
          actor: actorFromUser(baby.user),
          now: NOW,
        }),
      ).rejects.toThrow(
        "Léna n'a l'âge d'aucun groupe de cette activité au début de la période (Maternelle (de 3 à 5 ans), Élémentaire +6 ans (de 6 à 12 ans)).",
      ),
    );
    expect(await prisma.inscription.count({ where: { familyId: baby.family.id } })).toBe(0);
  });

  it("says when inscriptions open, earlier for families of the town", async () => {
    const w = await world({ opensAt: new Date("2026-12-01T07:00:00Z"), residentsAt: new Date("2026-11-20T07:00:00Z") });
    const outsider = await familyWith();
    await prisma.family.update({ where: { id: outsider.family.id }, data: { isResident: false } });
    const input = (f: Awaited<ReturnType<typeof familyWith>>) => ({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(f.user),
      now: NOW,
    });
    await expectNothingChanged(() =>
      expect(requestInscription(input(outsider))).rejects.toThrow("Les inscriptions à cette activité ouvrent le 01/12/2026 à 8\u00a0h."),
    );
    const resident = await familyWith();
    expect((await requestInscription(input(resident))).status).toBe("PENDING");
  });

  it("reads « résident » from the lieu's communes when it lists them, as the tariffs do (ADR 055)", async () => {
    const w = await world({ opensAt: new Date("2026-12-01T07:00:00Z"), residentsAt: new Date("2026-11-20T07:00:00Z") });
    await prisma.structure.update({ where: { id: w.structure.id }, data: { residentCommunes: ["Roubaix", "59000"] } });
    const input = (f: Awaited<ReturnType<typeof familyWith>>) => ({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(f.user),
      now: NOW,
    });
    // Flagged résident by staff but living in Tourcoing, a commune the lieu does not list: the common opening.
    const flagged = await familyWith();
    await prisma.family.update({ where: { id: flagged.family.id }, data: { postalCode: "59200", city: "Tourcoing", isResident: true } });
    await expectNothingChanged(() =>
      expect(requestInscription(input(flagged))).rejects.toThrow("Les inscriptions à cette activité ouvrent le 01/12/2026 à 8\u00a0h."),
    );
    // Not flagged, but in Lille (59000, listed): the résidents' phase.
    const listed = await familyWith();
    await prisma.family.update({ where: { id: listed.family.id }, data: { isResident: false } });
    expect((await requestInscription(input(listed))).status).toBe("PENDING");
  });

  it("validates automatically when the activity is set so, and e-mails the seed's text", async () => {
    const w = await world({ automatic: true });
    const f = await familyWith();
    const result = await requestInscription({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(f.user),
      now: NOW,
    });
    expect(result.status).toBe("VALIDATED");
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { to: f.user.email, template: "inscription-validated" } });
    expect(email.text).toContain(
      `Votre demande de création d'inscription pour l'individu Léna Testeur à l'activité ${w.activity.name} a été validée.\nL'inscription commence le mercredi 6 janvier 2027 et finit le mercredi 31 mars 2027.`,
    );
    expect(email.text).not.toContain("(");
    const log = await prisma.transitionLog.findMany({ where: { entityId: result.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => `${l.fromStatus ?? "-"}>${l.toStatus}:${l.actorRole}`)).toEqual(["->PENDING:PARENT", "PENDING>VALIDATED:SYSTEM"]);
  });

  it("never exceeds the maximum, even with many parents at once: the rest wait in order", async () => {
    const w = await world({ max: 3 });
    const families = await Promise.all(Array.from({ length: 12 }, () => familyWith()));
    const results = await Promise.allSettled(
      families.map((f) =>
        requestInscription({
          familyId: f.family.id,
          childId: f.children[0].id,
          activityId: w.activity.id,
          periodId: w.period.id,
          ageGroupId: w.maternelle.id,
          actor: actorFromUser(f.user),
          now: NOW,
        }),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const rows = await prisma.inscription.findMany({ where: { activityId: w.activity.id }, select: { status: true, waitlistRank: true } });
    expect(rows.filter((r) => r.status === "PENDING")).toHaveLength(3);
    const ranks = rows
      .filter((r) => r.status === "WAITLISTED")
      .map((r) => r.waitlistRank)
      .sort((a, b) => a! - b!);
    expect(ranks).toHaveLength(9);
    expect(new Set(ranks).size).toBe(9);

    // A waiting request cannot be accepted while the activity is full; once a place frees, it can.
    const waiting = await prisma.inscription.findFirstOrThrow({
      where: { activityId: w.activity.id, status: "WAITLISTED" },
      orderBy: { waitlistRank: "asc" },
    });
    const staff = await staffActor();
    await expectNothingChanged(() =>
      expect(validateInscription({ id: waiting.id, actor: staff })).rejects.toThrow("Plus de place disponible"),
    );
    const pending = await prisma.inscription.findFirstOrThrow({ where: { activityId: w.activity.id, status: "PENDING" } });
    await refuseInscription({ id: pending.id, reason: "Dossier incomplet", actor: staff });
    await validateInscription({ id: waiting.id, actor: staff });
    expect(await prisma.inscription.count({ where: { activityId: w.activity.id, status: { in: ["PENDING", "VALIDATED"] } } })).toBe(3);
  });

  it("withdrawal: only the family's own, only while pending", async () => {
    const w = await world();
    const a = await familyWith();
    const b = await familyWith();
    const { id } = await requestInscription({
      familyId: a.family.id,
      childId: a.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(a.user),
      now: NOW,
    });
    await expectNothingChanged(() =>
      expect(withdrawInscription({ id, familyId: b.family.id, actor: actorFromUser(b.user) })).rejects.toThrow("Élément introuvable."),
    );
    await validateInscription({ id, actor: await staffActor() });
    await expectNothingChanged(() =>
      expect(withdrawInscription({ id, familyId: a.family.id, actor: actorFromUser(a.user) })).rejects.toThrow(
        /^Déjà traitée : « Validée » \(par .+ le \d{2}\/\d{2}\/\d{4} à \d{1,2}\sh(?:\s\d{2})?\)\. Actualisez la page\.$/,
      ),
    );
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id } })).status).toBe("VALIDATED");
    expect(await prisma.transitionLog.count({ where: { entityId: id } })).toBe(2);
  });

  it("staff cancel a validated inscription with a reason, once its coming reservations are gone", async () => {
    const w = await world();
    const f = await familyWith();
    const { id } = await requestInscription({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(f.user),
      now: NOW,
    });
    const staff = await staffActor();
    await expectNothingChanged(() =>
      expect(cancelInscription({ id, reason: "Déménagement", actor: staff })).rejects.toBeInstanceOf(IllegalTransitionError),
    );
    expect((await prisma.inscription.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    await validateInscription({ id, actor: staff });
    const booked = await prisma.$transaction((tx) =>
      createReservation(
        tx,
        { inscriptionId: id, timeUnitId: w.unit.id, date: new Date("2027-01-13T00:00:00Z"), status: "RESERVED" },
        SYSTEM,
      ),
    );
    const today = new Date("2026-12-01T00:00:00Z");
    await expectNothingChanged(() =>
      expect(cancelInscription({ id, reason: "Déménagement", actor: staff, today })).rejects.toThrow(
        "1 réservation à venir dans cette inscription",
      ),
    );
    await prisma.reservation.update({ where: { id: booked.id }, data: { status: "ABSENT_EXCUSED" } });
    await expectNothingChanged(() =>
      expect(cancelInscription({ id, reason: " ", actor: staff, today })).rejects.toThrow("Indiquez le motif."),
    );
    await expectNothingChanged(() =>
      expect(cancelInscription({ id, reason: "Déménagement", actor: actorFromUser(f.user), today })).rejects.toBeInstanceOf(
        IllegalTransitionError,
      ),
    );
    await cancelInscription({ id, reason: "Déménagement", actor: staff, today });
    expect(await prisma.inscription.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CANCELLED", reason: "Déménagement" });
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { to: f.user.email, template: "inscription-cancelled" } });
    expect(email.text).toContain("Motif : Déménagement");
  });

  it("the attestation is a PDF of a validated inscription of the family only", async () => {
    const w = await world();
    const a = await familyWith();
    const b = await familyWith();
    const { id } = await requestInscription({
      familyId: a.family.id,
      childId: a.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(a.user),
      now: NOW,
    });
    await expectNothingChanged(() =>
      expect(inscriptionAttestation({ id, familyId: a.family.id })).rejects.toThrow(
        "Une attestation n'est délivrée que pour une inscription validée.",
      ),
    );
    await validateInscription({ id, actor: await staffActor() });
    await expectNothingChanged(() => expect(inscriptionAttestation({ id, familyId: b.family.id })).rejects.toThrow("Élément introuvable."));
    const { bytes, fileName } = await inscriptionAttestation({ id, familyId: a.family.id });
    expect(fileName).toBe("attestation-inscription-lena-testeur.pdf");
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain("Léna TESTEUR");
    expect(text).toContain("Du 06/01/2027 au 31/03/2027");
  });
});

describe("activity configuration", () => {
  it("opening days skip school holidays and closures; overlapping periods are refused", async () => {
    const w = await world();
    await prisma.calendarException.create({
      data: {
        structureId: w.structure.id,
        kind: "VACANCES_SCOLAIRES",
        label: "Vacances d'hiver",
        startDate: new Date("2027-02-20T00:00:00Z"),
        endDate: new Date("2027-03-07T00:00:00Z"),
      },
    });
    const spring = await addPeriod(
      { activityId: w.activity.id, name: "Printemps", startDate: "2027-04-01", endDate: "2027-04-30", weekdays: ["3"], inHolidays: "non" },
      "2026-11-24",
      ALL_LIEUX,
    );
    expect(spring.openingDays).toBe(4);
    await expectNothingChanged(() =>
      expect(
        addPeriod(
          {
            activityId: w.activity.id,
            name: "Chevauche",
            startDate: "2027-03-15",
            endDate: "2027-04-10",
            weekdays: ["3"],
            inHolidays: "non",
          },
          "2026-11-24",
          ALL_LIEUX,
        ),
      ).rejects.toThrow("chevauchent la période « Hiver »"),
    );
    // A period that falls entirely in the school holidays opens only if it runs during them.
    await deletePeriod(w.period.id, ALL_LIEUX);
    const holidays = {
      activityId: w.activity.id,
      name: "Février",
      startDate: "2027-02-22",
      endDate: "2027-02-26",
      weekdays: ["1", "2", "3", "4", "5"] as ("1" | "2" | "3" | "4" | "5")[],
    };
    await expectNothingChanged(() =>
      expect(addPeriod({ ...holidays, inHolidays: "non" }, "2026-11-24", ALL_LIEUX)).rejects.toThrow("aucun jour ouvert avec ces dates"),
    );
    expect((await addPeriod({ ...holidays, inHolidays: "oui" }, "2026-11-24", ALL_LIEUX)).openingDays).toBe(5);
  });

  it("changes that would break inscriptions or reservations are refused", async () => {
    const w = await world();
    const f = await familyWith();
    const { id } = await requestInscription({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(f.user),
      now: NOW,
    });
    await expectNothingChanged(() =>
      expect(deletePeriod(w.period.id, ALL_LIEUX)).rejects.toThrow("Cette période a 1 inscription : elle ne peut pas être supprimée."),
    );
    const settings = activitySchema.parse(activityForm(w.structure.id));
    await validateInscription({ id, actor: await staffActor() });
    await prisma.inscription.create({
      data: {
        familyId: f.family.id,
        childId: f.children[0].id,
        activityId: w.activity.id,
        periodId: w.period.id,
        status: "PENDING",
        startDate: w.period.startDate,
        endDate: w.period.endDate,
      },
    });
    await expectNothingChanged(() =>
      expect(updateActivity(w.activity.id, { ...settings, maxInscriptions: 1 }, ALL_LIEUX)).rejects.toThrow(
        "2 inscriptions sont déjà validées ou en attente",
      ),
    );
    await prisma.$transaction((tx) =>
      createReservation(
        tx,
        { inscriptionId: id, timeUnitId: w.unit.id, date: new Date("2027-01-13T00:00:00Z"), status: "RESERVED" },
        SYSTEM,
      ),
    );
    await expectNothingChanged(() =>
      expect(
        setCapacityOverride({ timeUnitId: w.unit.id, date: "2027-01-13", capacity: 0 }, new Date("2026-12-01T10:00:00Z"), ALL_LIEUX),
      ).rejects.toThrow("1 place est déjà réservée ce jour-là."),
    );
    await expectNothingChanged(() =>
      expect(
        addCalendarException(
          {
            structureId: w.structure.id,
            kind: "FERMETURE",
            label: "Travaux",
            startDate: "2027-01-11",
            endDate: "2027-01-15",
          },
          ALL_LIEUX,
        ),
      ).rejects.toThrow("1 réservation existe sur ces jours"),
    );
    expect(await prisma.calendarException.count({ where: { structureId: w.structure.id } })).toBe(0);
  });

  it("creates an activity with its type d'accueil, and refuses a duplicate name", async () => {
    const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}` } });
    const data = activitySchema.parse({
      structureId: structure.id,
      careKind: "PERISCOLAIRE",
      name: "Garderie",
      description: "",
      inscriptionValidation: "AUTOMATIC",
      reservationValidation: "MANUAL",
      bookingDeadline: "mercredi_precedent 23:59",
      cancellationDeadline: "J-1 18:00",
      inscriptionsOpenAt: "2027-06-01T08:00",
      residentsOpenAt: "",
      maxInscriptions: "40",
      isPreRegistration: "non",
      // The attestation's radio left unanswered: the form sends null, read as absent (« oui » for a garderie).
      taxCertificateEligible: null,
    });
    const { id } = await createActivity(data, ALL_LIEUX);
    const activity = await prisma.activity.findUniqueOrThrow({ where: { id }, include: { careType: true } });
    expect(activity).toMatchObject({
      bookingDeadline: "MERCREDI_PRECEDENT 23:59",
      maxInscriptions: 40,
      careType: { kind: "PERISCOLAIRE" },
      taxCertificateEligible: true,
    });
    expect(activity.inscriptionsOpenAt?.toISOString()).toBe("2027-06-01T06:00:00.000Z");
    await expectNothingChanged(() => expect(createActivity(data, ALL_LIEUX)).rejects.toThrow("une activité porte déjà ce nom"));
  });

  it("tariff brackets: from 0, contiguous, last one open-ended, no negative price", () => {
    const parse = (brackets: { qfMin: string; qfMax: string; price: string }[]) => tariffsSchema.safeParse({ timeUnitId: "u", brackets });
    expect(
      parse([
        { qfMin: "0", qfMax: "500", price: "2,50" },
        { qfMin: "501", qfMax: "", price: "4" },
      ]).data?.brackets,
    ).toEqual([
      { qfMin: 0, qfMax: 500, price: 250, nonResidentPrice: null },
      { qfMin: 501, qfMax: null, price: 400, nonResidentPrice: null },
    ]);
    const messages = (brackets: { qfMin: string; qfMax: string; price: string }[]) => parse(brackets).error?.issues.map((i) => i.message);
    expect(messages([{ qfMin: "100", qfMax: "", price: "1" }])).toContain("QF minimum : la première tranche commence à 0.");
    expect(
      messages([
        { qfMin: "0", qfMax: "500", price: "1" },
        { qfMin: "600", qfMax: "", price: "2" },
      ]),
    ).toContain("Tranche 2 : trou entre 500 et 600 (elle doit commencer à 501).");
    expect(
      messages([
        { qfMin: "0", qfMax: "500", price: "1" },
        { qfMin: "400", qfMax: "", price: "2" },
      ]),
    ).toContain("Tranche 2 : elle chevauche la tranche 1.");
    expect(messages([{ qfMin: "0", qfMax: "500", price: "1" }])).toContain("Dernière tranche : laissez le QF maximum vide (sans plafond).");
    expect(messages([{ qfMin: "0", qfMax: "", price: "-1" }])).toContain("Prix : pas de montant négatif.");
  });
});

describe("markers (seed 003)", () => {
  it("V validée, ? en attente, ! pré-inscription petite enfance non validée", async () => {
    const { markerOf } = await import("@/lib/inscriptions/list-inscriptions");
    expect(markerOf("VALIDATED", false)).toEqual({ symbol: "V", label: "Validée", tone: "done" });
    expect(markerOf("PENDING", false)).toEqual({ symbol: "?", label: "En attente de validation", tone: "waiting" });
    expect(markerOf("PENDING", true)).toEqual({ symbol: "!", label: "Pré-inscription non validée", tone: "waiting" });
    expect(markerOf("WAITLISTED", false).label).toBe("En liste d'attente");
    expect(markerOf("REFUSED", false).label).toBe("Refusée");
  });
});

describe("locks taken before reading what they protect", () => {
  it("two validations of the same request at once: one validation, one « déjà validée » saying by whom, one e-mail", async () => {
    const w = await world();
    const f = await familyWith();
    const { id } = await requestInscription({
      familyId: f.family.id,
      childId: f.children[0].id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.maternelle.id,
      actor: actorFromUser(f.user),
      now: NOW,
    });
    const [first, second] = [await staffActor(), await staffActor()];
    const results = await Promise.allSettled([validateInscription({ id, actor: first }), validateInscription({ id, actor: second })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(
      /^Déjà traitée : « Validée » \(par .+ le \d{2}\/\d{2}\/\d{4} à \d{1,2}\sh(?:\s\d{2})?\)\. Actualisez la page\.$/,
    );
    expect(await prisma.transitionLog.count({ where: { entityId: id, toStatus: "VALIDATED" } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { to: f.user.email, template: "inscription-validated" } })).toBe(1);
    const row = await prisma.inscription.findUniqueOrThrow({ where: { id } });
    expect([first.userId, second.userId]).toContain(row.decidedById);
    expect(row.decidedAt).not.toBeNull();
  });

  it("a cancellation racing a booking never leaves an open reservation in a cancelled inscription", async () => {
    const w = await world();
    const staff = await staffActor();
    const today = new Date("2026-12-01T00:00:00Z");
    let cancelled = 0;
    let booked = 0;
    for (let round = 0; round < 12; round++) {
      const f = await familyWith();
      const { id } = await requestInscription({
        familyId: f.family.id,
        childId: f.children[0].id,
        activityId: w.activity.id,
        periodId: w.period.id,
        ageGroupId: w.maternelle.id,
        actor: actorFromUser(f.user),
        now: NOW,
      });
      await validateInscription({ id, actor: staff });
      const [cancel, book] = await Promise.allSettled([
        cancelInscription({ id, reason: "Départ", actor: staff, today }),
        prisma.$transaction((tx) =>
          createReservation(
            tx,
            { inscriptionId: id, timeUnitId: w.unit.id, date: new Date("2027-01-13T00:00:00Z"), status: "RESERVED" },
            SYSTEM,
          ),
        ),
      ]);
      const status = (await prisma.inscription.findUniqueOrThrow({ where: { id } })).status;
      const open = await prisma.reservation.count({
        where: { inscriptionId: id, status: { in: ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED"] } },
      });
      // Exactly one of the two wins, and the loser says why.
      expect([cancel.status, book.status].sort()).toEqual(["fulfilled", "rejected"]);
      if (status === "CANCELLED") {
        cancelled++;
        expect(open).toBe(0);
        expect(book.status === "rejected" && book.reason.message).toBe("Une réservation n'est possible que dans une inscription validée.");
      } else {
        booked++;
        expect(open).toBe(1);
        expect(cancel.status === "rejected" && cancel.reason.message).toContain("1 réservation à venir");
      }
    }
    expect(cancelled + booked).toBe(12);
  });
});
