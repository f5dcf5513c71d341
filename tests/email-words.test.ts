import { describe, expect, it } from "vitest";
import { transaction } from "@/lib/db";
import { count, formatClock, formatDateTime, formatHours, formatTime, plural } from "@/lib/format";
import { describeBounds } from "@/lib/activities/age-groups";
import { describeDeadline } from "@/lib/calendar/deadlines";
import { personName, salutation } from "@/lib/email/templates";
import { validateInscription } from "@/lib/inscriptions/decide-inscription";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { acceptReservations } from "@/lib/reservations/decide-reservations";
import { inscriptionDues } from "@/lib/billing/get-inscription-due";
import { setQuotient } from "@/lib/billing/set-quotient";
import { generateMonth } from "@/lib/billing/generate-month";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

const NBSP = "\u00a0";
const NOW = new Date("2026-12-01T10:00:00Z");
const WEDNESDAYS = ["2027-01-06", "2027-01-13", "2027-01-20"];

describe("one French way to write a time (lib/format.ts formatClock)", () => {
  it.each([
    ["07:30", `7${NBSP}h${NBSP}30`],
    ["23:59", `23${NBSP}h${NBSP}59`],
    ["17:00", `17${NBSP}h`],
    ["00:05", `0${NBSP}h${NBSP}05`],
  ])("%s → %j", (stored, written) => expect(formatClock(stored)).toBe(written));

  it("reads an instant in Paris, winter and summer, in times and date-times alike", () => {
    expect(formatTime(new Date("2027-01-06T06:30:00Z"))).toBe(`7${NBSP}h${NBSP}30`);
    expect(formatTime(new Date("2027-07-07T21:59:00Z"))).toBe(`23${NBSP}h${NBSP}59`);
    expect(formatDateTime(new Date("2027-01-04T09:00:00Z"))).toBe(`04/01/2027 à 10${NBSP}h`);
    expect(formatHours("08:30", "12:00")).toBe(`8${NBSP}h${NBSP}30${NBSP}–${NBSP}12${NBSP}h`);
    expect(describeDeadline("J-2 10:00")).toBe(`2 jours avant, jusqu'à 10${NBSP}h`);
    expect(describeDeadline("J-1 07:30")).toBe(`1 jour avant, jusqu'à 7${NBSP}h${NBSP}30`);
  });
});

describe("agreement with a number (plural, count)", () => {
  it("puts the verb in the singular for 0 and 1, the plural above", () => {
    const sentence = (n: number) =>
      `${count(n, "facture en brouillon", "factures en brouillon")} : ${plural(n, "elle passe", "elles passent")} « à payer »`;
    expect(sentence(1)).toBe("1 facture en brouillon : elle passe « à payer »");
    expect(sentence(3)).toBe("3 factures en brouillon : elles passent « à payer »");
    expect(plural(0, "annulation")).toBe("annulation");
    expect(plural(2, "annulation")).toBe("annulations");
  });
});

describe("ages and names as people say them", () => {
  it.each([
    [72, 155, "de 6 à 12 ans"],
    [36, 71, "de 3 à 5 ans"],
    [30, 71, "de 2 ans 6 mois à 5 ans"],
    [72, null, "à partir de 6 ans"],
    [null, 35, "jusqu'à 2 ans"],
    [null, null, "tous âges"],
  ])("%j–%j months → « %s »", (minAgeMonths, maxAgeMonths, words) => {
    expect(describeBounds({ minAgeMonths, maxAgeMonths })).toBe(words);
    expect(describeBounds({ minAgeMonths, maxAgeMonths })).not.toContain("(");
  });

  it.each([
    ["Nina", "LEFORT", "Nina Lefort"],
    ["Jean-Pierre", "LE GUEN", "Jean-Pierre Le Guen"],
    ["Inès", "DUPONT-MARTIN", "Inès Dupont-Martin"],
    ["Liam", "O'NEIL", "Liam O'Neil"],
    ["Lou", "de La Tour", "Lou de La Tour"],
    ["Léa", "Durand", "Léa Durand"],
  ])("%s %s → « %s »", (firstName, lastName, written) => expect(personName({ firstName, lastName })).toBe(written));

  it("greets « Madame Sophie Lefort, »", () =>
    expect(salutation({ civility: "MME", firstName: "Sophie", lastName: "LEFORT" })).toBe("Madame Sophie Lefort,"));
});

/** Sophie and Nina LEFORT (as the structure typed them), quotient 650, in an activity of three units. */
async function lefortFamily(options: { automatic?: boolean } = {}) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-03-31",
    weekdays: [3],
    automatic: options.automatic,
    units: [{ name: "Matin avec repas", capacity: 10, prices: [400, 600, 800, 1000] }],
  });
  const activity = await prisma.activity.update({
    where: { id: w.activity.id },
    data: { name: `ALSH des mercredis ${w.activity.name.slice(-6)}` },
  });
  const f = await createFamily(prisma, {
    lastName: "LEFORT",
    firstName: "Sophie",
    children: [{ firstName: "Nina", birthDate: "2018-03-02", sex: "F" }],
  });
  return { w: { ...w, activity }, f, actor: actorFromUser(f.user), unit: w.units[0]! };
}

const mail = (familyId: string, template: string) => prisma.emailOutbox.findFirstOrThrow({ where: { familyId, template } });

describe("the inscription and booking e-mails (seed 000's sentences, in people's words)", () => {
  it("« inscription validée »: Nina Lefort, the activity's own name, dates with their weekday, no empty fact in brackets", async () => {
    const { w, f } = await lefortFamily();
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id, "PENDING");
    await validateInscription({ id: inscription.id, actor: await staffActor() });
    const email = await mail(f.family.id, "inscription-validated");
    expect(email.text).toContain(
      [
        "Madame Sophie Lefort,",
        "",
        `Votre demande de création d'inscription pour l'individu Nina Lefort à l'activité ${w.activity.name} a été validée.`,
        "L'inscription commence le lundi 4 janvier 2027 et finit le mercredi 31 mars 2027.",
      ].join("\n"),
    );
    expect(email.text).not.toContain("(");
    expect(email.text).not.toContain("LEFORT");
    expect(email.text).not.toContain(w.structure.name);
  });

  it("« réservations validées »: each date with its weekday, and the solde dû the invoice will show (each day's quotient)", async () => {
    const { w, f, actor, unit } = await lefortFamily();
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    // From 13 January the quotient is 300 (bracket 0–400: 4,00 €); 6 January keeps 650 (bracket 401–800: 6,00 €).
    await transaction((tx) => setQuotient(tx, f.family.id, { quotientFamilial: 300, cafNumber: null }, "2027-01-13"));
    await requestReservations({
      familyId: f.family.id,
      actor,
      now: NOW,
      cells: WEDNESDAYS.map((day) => ({ inscriptionId: inscription.id, timeUnitId: unit.id, day })),
    });
    const receipt = await mail(f.family.id, "reservation-receipt");
    expect(receipt.text).toContain(
      `Nina Lefort — activité ${w.activity.name}, inscription du lundi 4 janvier 2027 au mercredi 31 mars 2027 :\n` +
        "mercredi 6 janvier 2027 - Temps d'accueil : Matin avec repas - Demande de réservation envoyée",
    );
    // Nothing validated yet: nothing due is announced.
    expect(receipt.text).not.toContain("solde dû");

    const ids = (await prisma.reservation.findMany({ where: { inscriptionId: inscription.id }, select: { id: true } })).map((r) => r.id);
    await acceptReservations({ ids, actor: await staffActor(), now: NOW });
    const email = await mail(f.family.id, "reservation-accepted");
    expect(email.text).toContain(
      [
        "Madame Sophie Lefort,",
        "",
        "Les demandes de réservations pour Nina Lefort ont été validées.",
        `Elles concernent l'inscription à l'activité ${w.activity.name} du lundi 4 janvier 2027 au mercredi 31 mars 2027.`,
        "",
        "Les réservations validées sont comprises entre le mercredi 6 janvier 2027 et le mercredi 20 janvier 2027.",
        "Selon le détail :",
        "mercredi 6 janvier 2027 - Temps d'accueil : Matin avec repas - Réservation",
        "mercredi 13 janvier 2027 - Temps d'accueil : Matin avec repas - Réservation",
        "mercredi 20 janvier 2027 - Temps d'accueil : Matin avec repas - Réservation",
        "",
        `Compte tenu de ces nouvelles demandes, le solde dû de l'inscription de Nina Lefort à l'activité ${w.activity.name} est de 14,00 €.`,
      ].join("\n"),
    );
    expect(email.text).not.toContain("(");

    // The invoice of January says the same amount; billed and not paid, it is still due.
    const summary = await generateMonth({
      structureId: w.structure.id,
      month: "2027-01",
      actor: await staffActor(),
      now: new Date("2027-02-01T10:00:00Z"),
    });
    expect(summary.totalCents).toBe(1400);
    expect((await transaction((tx) => inscriptionDues(tx, [inscription.id]))).get(inscription.id)).toBe(1400);
    // Paid: nothing is due any more.
    await prisma.invoice.updateMany({ where: { familyId: f.family.id }, data: { status: "PAID", paidCents: 1400 } });
    expect((await transaction((tx) => inscriptionDues(tx, [inscription.id]))).get(inscription.id)).toBe(0);
  });

  it("a booking validated at once (automatic validation): the receipt is the confirmation, with the solde dû", async () => {
    const { w, f, actor, unit } = await lefortFamily({ automatic: true });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    await requestReservations({
      familyId: f.family.id,
      actor,
      now: NOW,
      cells: WEDNESDAYS.slice(0, 2).map((day) => ({ inscriptionId: inscription.id, timeUnitId: unit.id, day })),
    });
    const receipt = await mail(f.family.id, "reservation-receipt");
    expect(receipt.text).toContain("mercredi 13 janvier 2027 - Temps d'accueil : Matin avec repas - Réservation validée");
    expect(receipt.text).toContain(
      `Compte tenu de ces nouvelles demandes, le solde dû de l'inscription de Nina Lefort à l'activité ${w.activity.name} est de 12,00 €.`,
    );
    expect(receipt.text).not.toContain("(");
  });
  it("the solde dû of a booking validated at once is read before the slot's lock (ADR 045): what was due, plus each day validated at its day's quotient, nothing for a day on the waiting list", async () => {
    const { w, f, actor, unit } = await lefortFamily({ automatic: true });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    // 6 January at quotient 650 (6,00 €); from 13 January at 300 (4,00 €); 20 January has no place left.
    await transaction((tx) => setQuotient(tx, f.family.id, { quotientFamilial: 300, cafNumber: null }, "2027-01-13"));
    await prisma.capacityOverride.create({ data: { timeUnitId: unit.id, date: new Date("2027-01-20T00:00:00Z"), capacity: 0 } });
    const send = (days: string[]) =>
      requestReservations({
        familyId: f.family.id,
        actor,
        now: NOW,
        cells: days.map((day) => ({ inscriptionId: inscription.id, timeUnitId: unit.id, day })),
      });
    const sentence = (amount: string) =>
      `Compte tenu de ces nouvelles demandes, le solde dû de l'inscription de Nina Lefort à l'activité ${w.activity.name} est de ${amount}.`;

    await send(WEDNESDAYS.slice(0, 1));
    expect((await mail(f.family.id, "reservation-receipt")).text).toContain(sentence("6,00 €"));
    await prisma.emailOutbox.deleteMany({ where: { familyId: f.family.id } });

    // A second parent with a login: the receipt goes to each (one statement under the lock), each greeted by name.
    const adult = await prisma.adult.create({
      data: {
        familyId: f.family.id,
        civility: "M",
        lastName: "LEFORT",
        firstName: "Marc",
        birthDate: new Date("1986-02-01T00:00:00Z"),
        email: `marc.${f.user.email}`,
      },
    });
    await prisma.user.create({
      data: {
        email: adult.email!,
        passwordHash: f.user.passwordHash,
        role: "PARENT",
        displayName: "Marc Lefort",
        familyId: f.family.id,
        adultId: adult.id,
      },
    });
    expect((await send(WEDNESDAYS.slice(1))).map((o) => o.outcome)).toEqual(["RESERVED", "WAITLISTED"]);
    const receipts = await prisma.emailOutbox.findMany({
      where: { familyId: f.family.id, template: "reservation-receipt" },
      orderBy: { to: "asc" },
    });
    expect(receipts.map((r) => r.to).sort()).toEqual([f.user.email, adult.email].sort());
    expect(receipts.map((r) => r.text.split("\n")[0]).sort()).toEqual(["Madame Sophie Lefort,", "Monsieur Marc Lefort,"]);
    expect(new Set(receipts.map((r) => r.idempotencyKey)).size).toBe(2);
    expect(receipts.every((r) => r.status === "PENDING" && r.attempts === 0)).toBe(true);
    const receipt = receipts[0]!;
    expect(receipt.text).toContain("mercredi 20 janvier 2027 - Temps d'accueil : Matin avec repas - En liste d'attente (position 1)");
    expect(receipt.text).toContain(sentence("10,00 €"));
    expect(receipts[1]!.text).toContain(sentence("10,00 €"));
    // The very figure inscriptionDues reads once the send is committed.
    expect((await transaction((tx) => inscriptionDues(tx, [inscription.id]))).get(inscription.id)).toBe(1000);
  });
});
