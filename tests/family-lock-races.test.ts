import { describe, expect, it } from "vitest";
import { transaction } from "@/lib/db";
import { requestInscription } from "@/lib/inscriptions/request-inscription";
import { requestAddressChange } from "@/lib/families/request-contact-change";
import { staffUpdateAddress } from "@/lib/families/staff-update-address";
import { updatePreferences } from "@/lib/families/update-preferences";
import { renewCalendarToken } from "@/lib/reservations/publish-calendar-feed";
import { setReminderSettings } from "@/lib/reservations/send-reminders";
import { anonymiseFamily } from "@/lib/privacy/anonymise-family";
import { actorFromUser } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

/*
 * Issue 22: every writer of a family's data takes the family's lock first (lib/locks.ts), so that none slips past an
 * anonymisation. The anonymisation is caught half-way, deterministically: a test transaction holds the family's
 * adults' rows, which anonymiseFamily writes after it has locked the family and counted its running inscriptions.
 * The write is sent then; it must wait for the family's lock, and find the family anonymised once it has it.
 */

const NOW = new Date("2026-11-24T10:00:00Z");
const ANONYMISED = "Cette famille a été anonymisée : plus aucune modification n'est possible.";

/** Sessions of this database waiting for a lock (test files run one after another: only this test's). */
const waitingOnLocks = async () =>
  (
    await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
  )[0]!.n;

/** Runs `write` while an anonymisation of the family is half-way (it holds the family's lock); both results. */
async function duringAnonymisation(familyId: string, write: () => Promise<unknown>) {
  const actor = await staffActor();
  let anonymisation: Promise<unknown> | undefined;
  let written: Promise<unknown> | undefined;
  let settled = false;
  await transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Adult" WHERE "familyId" = ${familyId} FOR UPDATE`;
    anonymisation = anonymiseFamily({ familyId, reason: "Départ de la commune", actor, now: NOW }).then(
      () => "anonymised",
      (error: unknown) => error,
    );
    await expect.poll(waitingOnLocks).toBe(1);
    written = write().then(
      (value) => ({ value }),
      (error: unknown) => error,
    );
    void written.finally(() => (settled = true));
    // The write either waits for the family's lock (two sessions waiting) or, taking none, has already finished.
    await expect.poll(async () => settled || (await waitingOnLocks()) === 2).toBe(true);
  });
  return { anonymisation: await anonymisation, written: await written };
}

async function inscriptionWorld() {
  const structure = await prisma.structure.create({ data: { name: `Lieu ${Math.random().toString(36).slice(2)}`, city: "Lille" } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await prisma.activity.create({
    data: { structureId: structure.id, careTypeId: careType.id, name: "Mercredis", inscriptionValidation: "MANUAL" },
  });
  const period = await prisma.period.create({
    data: {
      activityId: activity.id,
      name: "Hiver",
      startDate: new Date("2027-01-06T00:00:00Z"),
      endDate: new Date("2027-03-31T00:00:00Z"),
    },
  });
  return { activity, period };
}

describe("the family's lock against an anonymisation", () => {
  it("an inscription requested while the family is being anonymised waits, then is refused: no inscription of an anonymised family", async () => {
    const w = await inscriptionWorld();
    const f = await createFamily(prisma, { children: [{ firstName: "Léna", birthDate: "2022-06-01", sex: "F" }] });
    const { anonymisation, written } = await duringAnonymisation(f.family.id, () =>
      requestInscription({
        familyId: f.family.id,
        childId: f.children[0].id,
        activityId: w.activity.id,
        periodId: w.period.id,
        ageGroupId: null,
        actor: actorFromUser(f.user),
        now: NOW,
      }),
    );
    expect(anonymisation).toBe("anonymised");
    expect(written).toBeInstanceOf(Error);
    expect((written as Error).message).toBe(ANONYMISED);
    expect(await prisma.inscription.count({ where: { familyId: f.family.id } })).toBe(0);
  });

  const address = { street: "3 rue Neuve", addressComplement: null, postalCode: "59800", city: "Lille" };
  type Family = Awaited<ReturnType<typeof createFamily>>;
  const writers: [string, (f: Family) => Promise<unknown>][] = [
    [
      "« Mes coordonnées » (an address change request)",
      (f) => requestAddressChange({ familyId: f.family.id, data: address, actor: actorFromUser(f.user) }),
    ],
    [
      "profession and employer",
      (f) => updatePreferences({ familyId: f.family.id, adultId: f.adult.id, data: { profession: "Infirmière", employer: "CHU" } }),
    ],
    ["staff editing the address", async (f) => staffUpdateAddress({ familyId: f.family.id, data: address, actor: await staffActor() })],
    ["a new calendar link", (f) => renewCalendarToken(f.family.id)],
    ["the e-mail reminders chosen", (f) => setReminderSettings(f.family.id, ["OPENING"])],
  ];
  it.each(writers)("%s, sent while the family is being anonymised, waits and is refused", async (_name, write) => {
    const f = await createFamily(prisma);
    const { anonymisation, written } = await duringAnonymisation(f.family.id, () => write(f));
    expect(anonymisation).toBe("anonymised");
    expect((written as Error).message).toBe(ANONYMISED);
    expect(await prisma.changeRequest.count({ where: { familyId: f.family.id } })).toBe(0);
    expect(
      await prisma.adult.count({ where: { familyId: f.family.id, OR: [{ profession: { not: null } }, { lastName: { not: "Anonyme" } }] } }),
    ).toBe(0);
    expect(
      await prisma.family.findUniqueOrThrow({
        where: { id: f.family.id },
        select: { street: true, calendarToken: true, remindersOff: true },
      }),
    ).toEqual({ street: "—", calendarToken: null, remindersOff: [] });
  });
});
