import { describe, expect, it } from "vitest";
import { createFamily, linkSecondFoyer } from "@/prisma/factories";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { listRenewals, schoolYearOfDay } from "@/lib/inscriptions/list-renewals";
import { requestRenewals } from "@/lib/inscriptions/request-renewals";
import { requestInscription } from "@/lib/inscriptions/request-inscription";
import { validateRenewals } from "@/lib/inscriptions/validate-renewals";
import { deriveWeek, listRenewalWeeks } from "@/lib/inscriptions/get-renewal-week";
import { listYearlyRefresh } from "@/lib/inscriptions/list-yearly-refresh";
import { actorFromUser } from "@/lib/workflow";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

/** « Réinscrire pour … » (issue 26, ADR 052): the offer, the sending through the usual path, the staff's bulk validation. */

const TODAY = parisDay(new Date());
const Y = schoolYearOfDay(TODAY);
const THIS_START = `${Y}-09-01`;
const NEXT_START = `${Y + 1}-09-01`;
const NEXT_YEARS = `${Y + 1}/${Y + 2}`;

/** A birth date giving `months` of age on `day`. */
function bornMonthsBefore(day: string, months: number): string {
  const d = dateOf(day);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

async function world(
  options: { nextPeriod?: boolean; maxInscriptions?: number | null; opensAt?: Date | null; renewalsOpenAt?: Date | null } = {},
) {
  const tag = Math.random().toString(36).slice(2, 8);
  const structure = await prisma.structure.create({ data: { name: `Lieu ${tag}` } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "Mercredis" } });
  const activity = await prisma.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: `Mercredis ${tag}`,
      inscriptionsOpenAt: options.opensAt ?? null,
      renewalsOpenAt: options.renewalsOpenAt ?? null,
      ageGroups: {
        create: [
          { name: "Maternelle", minAgeMonths: 30, maxAgeMonths: 71 },
          { name: "Élémentaire", minAgeMonths: 72, maxAgeMonths: 155 },
        ],
      },
    },
    include: { ageGroups: true },
  });
  const unit = await prisma.timeUnit.create({
    data: { activityId: activity.id, name: "Journée", startTime: "08:30", endTime: "17:30", capacity: 20 },
  });
  const period = await prisma.period.create({
    data: { activityId: activity.id, name: `Mercredis ${Y}/${Y + 1}`, startDate: dateOf(THIS_START), endDate: dateOf(`${Y + 1}-07-02`) },
  });
  const next =
    options.nextPeriod === false
      ? null
      : await prisma.period.create({
          data: {
            activityId: activity.id,
            name: `Mercredis ${NEXT_YEARS}`,
            startDate: dateOf(NEXT_START),
            endDate: dateOf(`${Y + 2}-07-02`),
          },
        });
  if (next && options.maxInscriptions !== undefined) {
    await prisma.activity.update({ where: { id: activity.id }, data: { maxInscriptions: options.maxInscriptions } });
  }
  const group = (name: string) => activity.ageGroups.find((g) => g.name === name)!;
  return { activity, period, next, unit, group };
}

type World = Awaited<ReturnType<typeof world>>;

async function inscribed(
  w: World,
  family: { family: { id: string } },
  childId: string,
  groupName: string,
  status: "VALIDATED" | "PENDING" = "VALIDATED",
) {
  return prisma.inscription.create({
    data: {
      familyId: family.family.id,
      childId,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: w.group(groupName).id,
      status,
      startDate: w.period.startDate,
      endDate: w.period.endDate,
    },
  });
}

/** A family with two children: Lina (maternelle this year, élémentaire next year) and Noé (élémentaire both years). */
async function familyOfTwo(w: World, lastName = "Roux") {
  const family = await createFamily(prisma, {
    lastName,
    children: [
      { firstName: "Lina", birthDate: bornMonthsBefore(THIS_START, 66), sex: "F" },
      { firstName: "Noé", birthDate: bornMonthsBefore(THIS_START, 100), sex: "M" },
    ],
  });
  const [lina, noe] = family.children;
  const linaThisYear = await inscribed(w, family, lina!.id, "Maternelle");
  const noeThisYear = await inscribed(w, family, noe!.id, "Élémentaire");
  return { family, lina: lina!, noe: noe!, linaThisYear, noeThisYear, actor: actorFromUser(family.user) };
}

describe("the renewal offer", () => {
  it("is shown only when the activity has a next year's period and the child is inscribed (validated) this year", async () => {
    const w = await world({ nextPeriod: false });
    const f = await familyOfTwo(w);
    expect(await listRenewals(f.family.family.id, new Date())).toBeNull();

    const next = await prisma.period.create({
      data: {
        activityId: w.activity.id,
        name: `Mercredis ${NEXT_YEARS}`,
        startDate: dateOf(NEXT_START),
        endDate: dateOf(`${Y + 2}-07-02`),
      },
    });
    const offer = await listRenewals(f.family.family.id, new Date());
    expect(offer?.label).toBe(`Réinscrire pour ${NEXT_YEARS}`);
    expect(offer?.lines.map((l) => [l.child.firstName, l.period.id, l.eligible])).toEqual([
      ["Noé", next.id, true],
      ["Lina", next.id, true],
    ]);

    // A request still pending this year is no inscription: nothing to renew.
    const other = await createFamily(prisma, { children: [{ firstName: "Zoé", birthDate: bornMonthsBefore(THIS_START, 80), sex: "F" }] });
    await inscribed(w, other, other.children[0]!.id, "Élémentaire", "PENDING");
    expect(await listRenewals(other.family.id, new Date())).toBeNull();
  });

  it("fits the group again by age at the new period's start and says when it changes; too old: unticked with the reason", async () => {
    const w = await world();
    const f = await familyOfTwo(w);
    const offer = (await listRenewals(f.family.family.id, new Date()))!;
    const lina = offer.lines.find((l) => l.child.id === f.lina.id)!;
    const noe = offer.lines.find((l) => l.child.id === f.noe.id)!;
    expect(lina.group?.name).toBe("Élémentaire");
    expect(lina.groupChange).toBe("passe dans le groupe Élémentaire (de 6 à 12 ans)");
    expect(noe.group?.name).toBe("Élémentaire");
    expect(noe.groupChange).toBeNull();

    const older = await createFamily(prisma, { children: [{ firstName: "Max", birthDate: bornMonthsBefore(THIS_START, 150), sex: "M" }] });
    await inscribed(w, older, older.children[0]!.id, "Élémentaire");
    const [max] = (await listRenewals(older.family.id, new Date()))!.lines;
    expect(max?.eligible).toBe(false);
    expect(max?.reason).toMatch(/^Max n'a plus l'âge d'aucun groupe de cette activité au /);
    // Sending it anyway is refused with the reason, nothing written.
    await expectNothingChanged(() =>
      expect(
        requestRenewals({
          familyId: older.family.id,
          previousInscriptionIds: [max!.previousInscriptionId],
          actor: actorFromUser(older.user),
        }),
      ).rejects.toThrow(/Max — .* n'a plus l'âge/),
    );
  });

  it("follows the opening phases: not open yet for this family, the line says when", async () => {
    const opensAt = new Date(Date.now() + 10 * 86_400_000);
    const w = await world({ opensAt });
    const f = await familyOfTwo(w);
    const offer = (await listRenewals(f.family.family.id, new Date()))!;
    expect(offer.openCount).toBe(0);
    expect(offer.lines[0]?.reason).toMatch(/^Les réinscriptions à cette activité ouvrent le /);
  });

  it("the activity's renewal phase (réinscriptions first): a returning child is renewed before the others' opening", async () => {
    const w = await world({ opensAt: new Date(Date.now() + 10 * 86_400_000), renewalsOpenAt: new Date(Date.now() - 86_400_000) });
    const f = await familyOfTwo(w);
    const offer = (await listRenewals(f.family.family.id, new Date()))!;
    expect(offer.openCount).toBe(2);
    const sent = await requestRenewals({ familyId: f.family.family.id, previousInscriptionIds: [f.noeThisYear.id], actor: f.actor });
    expect(sent.map((s) => s.status)).toEqual(["PENDING"]);
    // A new child of the family asks through « Nouvelle inscription »: not open for it yet.
    const newcomer = await createFamily(prisma, {
      children: [{ firstName: "Ava", birthDate: bornMonthsBefore(THIS_START, 90), sex: "F" }],
    });
    await expect(
      requestInscription({
        familyId: newcomer.family.id,
        childId: newcomer.children[0]!.id,
        activityId: w.activity.id,
        periodId: w.next!.id,
        ageGroupId: w.group("Élémentaire").id,
        actor: actorFromUser(newcomer.user),
      }),
    ).rejects.toThrow(/^Les inscriptions à cette activité ouvrent le /);
  });
});

describe("sending the renewals", () => {
  it("sends every ticked child through the usual path, marked isRenewal, in the re-fitted group", async () => {
    const w = await world();
    const f = await familyOfTwo(w);
    const sent = await requestRenewals({
      familyId: f.family.family.id,
      previousInscriptionIds: [f.linaThisYear.id, f.noeThisYear.id],
      actor: f.actor,
    });
    expect(sent.map((s) => s.status)).toEqual(["PENDING", "PENDING"]);
    const created = await prisma.inscription.findMany({
      where: { periodId: w.next!.id },
      select: { childId: true, isRenewal: true, status: true, ageGroup: { select: { name: true } } },
      orderBy: { childId: "asc" },
    });
    expect(created).toHaveLength(2);
    expect(created.every((c) => c.isRenewal && c.status === "PENDING" && c.ageGroup?.name === "Élémentaire")).toBe(true);
    // Logged by the workflow as any request.
    expect(await prisma.transitionLog.count({ where: { entityId: { in: sent.map((s) => s.id) } } })).toBe(2);
    // The offer now says they were sent; nothing left to send.
    const offer = (await listRenewals(f.family.family.id, new Date()))!;
    expect(offer.openCount).toBe(0);
    expect(offer.lines.every((l) => l.reason?.startsWith("Demande déjà envoyée"))).toBe(true);
  });

  it("is all or nothing: one line that cannot be sent refuses the whole sending, nothing written", async () => {
    const w = await world();
    const f = await familyOfTwo(w);
    await requestRenewals({ familyId: f.family.family.id, previousInscriptionIds: [f.noeThisYear.id], actor: f.actor });
    await expectNothingChanged(() =>
      expect(
        requestRenewals({ familyId: f.family.family.id, previousInscriptionIds: [f.linaThisYear.id, f.noeThisYear.id], actor: f.actor }),
      ).rejects.toThrow(/^Noé — .* : Demande déjà envoyée/),
    );
    expect(await prisma.inscription.count({ where: { periodId: w.next!.id, childId: f.lina.id } })).toBe(0);
  });

  it("refuses another family's inscription ids as missing ones, even mixed with its own: nothing written", async () => {
    const w = await world();
    const a = await familyOfTwo(w, "Alpha");
    const b = await familyOfTwo(w, "Bravo");
    for (const ids of [[b.linaThisYear.id], [a.linaThisYear.id, b.noeThisYear.id], ["inexistant"]]) {
      await expectNothingChanged(() =>
        expect(requestRenewals({ familyId: a.family.family.id, previousInscriptionIds: ids, actor: a.actor })).rejects.toThrow(
          "Élément introuvable.",
        ),
      );
    }
  });

  it("respects the capacity: beyond the maximum the request joins the waiting list", async () => {
    const w = await world({ maxInscriptions: 1 });
    const f = await familyOfTwo(w);
    const sent = await requestRenewals({
      familyId: f.family.family.id,
      previousInscriptionIds: [f.linaThisYear.id, f.noeThisYear.id],
      actor: f.actor,
    });
    expect(sent.map((s) => s.status).sort()).toEqual(["PENDING", "WAITLISTED"]);
    expect(sent.find((s) => s.status === "WAITLISTED")?.waitlistPosition).toBe(1);
  });

  it("two families renewing at once for the last place: one gets it, the other waits", async () => {
    const w = await world({ maxInscriptions: 1 });
    const families = await Promise.all(
      ["Un", "Deux"].map(async (name) => {
        const family = await createFamily(prisma, {
          lastName: name,
          children: [{ firstName: "Sam", birthDate: bornMonthsBefore(THIS_START, 90), sex: "M" }],
        });
        const thisYear = await inscribed(w, family, family.children[0]!.id, "Élémentaire");
        return { family, thisYear };
      }),
    );
    const results = await Promise.all(
      families.map((f) =>
        requestRenewals({ familyId: f.family.family.id, previousInscriptionIds: [f.thisYear.id], actor: actorFromUser(f.family.user) }),
      ),
    );
    expect(
      results
        .flat()
        .map((s) => s.status)
        .sort(),
    ).toEqual(["PENDING", "WAITLISTED"]);
    expect(await prisma.inscription.count({ where: { periodId: w.next!.id, status: "PENDING" } })).toBe(1);
  });
});

describe("a child in two foyers (garde alternée, ADR 051)", () => {
  it("either parent renews the shared child; an unrelated family sees nothing of it", async () => {
    const w = await world();
    const a = await familyOfTwo(w, "Roux");
    const b = await createFamily(prisma, { lastName: "Garnier", children: [] });
    const c = await createFamily(prisma, { lastName: "Tiers", children: [] });
    await linkSecondFoyer(prisma, a.lina.id, b.family.id);
    const offer = (await listRenewals(b.family.id, new Date()))!;
    // Foyer B is offered the shared child only (Noé is foyer A's alone).
    expect(offer.lines.map((l) => l.child.firstName)).toEqual(["Lina"]);
    expect(await listRenewals(c.family.id, new Date())).toBeNull();
    await expectNothingChanged(() =>
      expect(
        requestRenewals({ familyId: c.family.id, previousInscriptionIds: [a.linaThisYear.id], actor: actorFromUser(c.user) }),
      ).rejects.toThrow(),
    );
    const [sent] = await requestRenewals({
      familyId: b.family.id,
      previousInscriptionIds: [a.linaThisYear.id],
      actor: actorFromUser(b.user),
    });
    const created = await prisma.inscription.findUniqueOrThrow({ where: { id: sent!.id } });
    expect(created).toMatchObject({ childId: a.lina.id, periodId: w.next!.id, isRenewal: true, status: "PENDING" });
    // Foyer A sees it sent too: the inscription is the child's.
    const forA = (await listRenewals(a.family.family.id, new Date()))!;
    expect(forA.lines.find((l) => l.child.id === a.lina.id)?.reason).toMatch(/^Demande déjà envoyée/);
  });
});

describe("staff validate renewals in bulk", () => {
  it("validates every renewal and sends ONE e-mail per family naming each child", async () => {
    const w = await world();
    const a = await familyOfTwo(w, "Alpha");
    const b = await familyOfTwo(w, "Bravo");
    const sentA = await requestRenewals({
      familyId: a.family.family.id,
      previousInscriptionIds: [a.linaThisYear.id, a.noeThisYear.id],
      actor: a.actor,
    });
    const sentB = await requestRenewals({ familyId: b.family.family.id, previousInscriptionIds: [b.noeThisYear.id], actor: b.actor });
    const staff = await staffActor();
    const report = await validateRenewals({ ids: [...sentA, ...sentB].map((s) => s.id), actor: staff });
    expect(report.notDone).toEqual([]);
    expect(report.done.sort()).toEqual([...sentA, ...sentB].map((s) => s.id).sort());
    const statuses = await prisma.inscription.findMany({ where: { id: { in: report.done } }, select: { status: true } });
    expect(statuses.every((s) => s.status === "VALIDATED")).toBe(true);

    const emailsA = await prisma.emailOutbox.findMany({ where: { familyId: a.family.family.id, template: { startsWith: "renewals" } } });
    expect(emailsA).toHaveLength(1);
    expect(emailsA[0]!.subject).toBe("Vos demandes d'inscription ont été validées");
    expect(emailsA[0]!.text).toContain("pour l'individu Lina Alpha");
    expect(emailsA[0]!.text).toContain("pour l'individu Noé Alpha");
    expect(await prisma.emailOutbox.count({ where: { familyId: b.family.family.id, template: "renewals-validated" } })).toBe(1);
    // Not one per child besides.
    expect(
      await prisma.emailOutbox.count({
        where: { familyId: { in: [a.family.family.id, b.family.family.id] }, template: "inscription-validated" },
      }),
    ).toBe(0);
  });

  it("a waiting renewal without a place is reported, the family's others validated, the e-mail names only them", async () => {
    const w = await world({ maxInscriptions: 1 });
    const f = await familyOfTwo(w);
    const sent = await requestRenewals({
      familyId: f.family.family.id,
      previousInscriptionIds: [f.linaThisYear.id, f.noeThisYear.id],
      actor: f.actor,
    });
    const report = await validateRenewals({ ids: sent.map((s) => s.id), actor: await staffActor() });
    expect(report.done).toEqual([sent.find((s) => s.status === "PENDING")!.id]);
    expect(report.notDone).toHaveLength(1);
    expect(report.notDone[0]!.message).toMatch(/: Plus de place disponible/);
    const [email] = await prisma.emailOutbox.findMany({ where: { familyId: f.family.family.id, template: "renewals-validated" } });
    expect(email?.subject).toBe("Votre demande d'inscription a été validée");
  });
});

describe("this year's semaine type offered again", () => {
  it("reads the boxes booked most weeks, and the parity when every booked week has it", () => {
    const wednesdays = ["2026-09-02", "2026-09-09", "2026-09-16", "2026-09-23"];
    const booked = wednesdays.flatMap((day, i) => [{ day, timeUnitId: "journee" }, ...(i === 0 ? [{ day, timeUnitId: "relais" }] : [])]);
    expect(deriveWeek(booked)).toEqual({ weekType: "ALL", slots: ["3:journee"] });
    const even = ["2026-09-02", "2026-09-16", "2026-09-30", "2026-10-14"].map((day) => ({ day, timeUnitId: "journee" }));
    expect(deriveWeek(even)).toEqual({ weekType: "EVEN", slots: ["3:journee"] });
    expect(deriveWeek([])).toBeNull();
  });

  it("is offered once the renewal is validated, from this year's reservations of the same child", async () => {
    const w = await world();
    const f = await familyOfTwo(w);
    const days = ["2026-09-02", "2026-09-09", "2026-09-16"].map((d) => d.replace("2026", String(Y)));
    for (const day of days)
      await prisma.reservation.create({
        data: { inscriptionId: f.noeThisYear.id, timeUnitId: w.unit.id, date: dateOf(day), status: "RESERVED" },
      });
    const [sent] = await requestRenewals({ familyId: f.family.family.id, previousInscriptionIds: [f.noeThisYear.id], actor: f.actor });
    expect(await listRenewalWeeks(f.family.family.id)).toEqual([]);
    await validateRenewals({ ids: [sent!.id], actor: await staffActor() });
    const weeks = await listRenewalWeeks(f.family.family.id);
    expect(weeks).toHaveLength(1);
    expect(weeks[0]).toMatchObject({ inscriptionId: sent!.id, childFirstName: "Noé", weekType: "ALL", startDay: NEXT_START });
    expect(weeks[0]!.slots).toEqual([`${dateOf(days[0]!).getUTCDay()}:${w.unit.id}`]);
    // Another family never reads it.
    const other = await familyOfTwo(w, "Autre");
    expect(await listRenewalWeeks(other.family.family.id, sent!.id)).toEqual([]);
  });
});

describe("the yearly refresh of the family file", () => {
  it("asks the new year's quotient, each renewed child's health and authorised persons, documents expiring before the start", async () => {
    const w = await world();
    const f = await familyOfTwo(w);
    await prisma.authorizedPerson.create({
      data: { childId: f.lina.id, fullName: "Mamie", phone: "0600000000", relationship: "Grand-mère", updatedAt: dateOf(`${Y}-10-01`) },
    });
    const type = await prisma.documentType.create({
      data: { name: `Attestation ${Math.random().toString(36).slice(2, 6)}`, scope: "FAMILY", required: true, validity: "SCHOOL_YEAR" },
    });
    await prisma.document.create({
      data: {
        familyId: f.family.family.id,
        kind: "FAMILY_UPLOAD",
        typeId: type.id,
        title: type.name,
        status: "ACCEPTED",
        validUntil: dateOf(`${Y + 1}-08-31`),
        fileName: "a.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        storageKey: `k-${type.id}`,
      },
    });
    const offer = (await listRenewals(f.family.family.id, new Date()))!;
    const texts = (await listYearlyRefresh(f.family.family.id, offer, new Date())).map((i) => i.text);
    expect(texts).toContain(`Mettez à jour votre quotient familial pour ${NEXT_YEARS}`);
    expect(texts).toContain("Vérifiez la fiche santé de Lina (allergies, PAI, régime, médecin)");
    expect(texts).toContain("Vérifiez la fiche santé de Noé (allergies, PAI, régime, médecin)");
    expect(texts).toContain("Vérifiez les personnes autorisées à venir chercher Lina");
    expect(
      texts.some((t) =>
        t.startsWith(`Renouvelez votre ${type.name.charAt(0).toLowerCase()}${type.name.slice(1)} : sa date de validité sera passée le `),
      ),
    ).toBe(true);
    // A quotient recorded since the 1st of January of the new year: no more asked.
    await prisma.quotientHistory.create({
      data: {
        familyId: f.family.family.id,
        quotientFamilial: 800,
        validFrom: dateOf(`${Y + 1}-01-10`),
        createdAt: dateOf(`${Y + 1}-01-10`),
      },
    });
    const after = (await listYearlyRefresh(f.family.family.id, offer, new Date())).map((i) => i.text);
    expect(after.some((t) => t.startsWith("Mettez à jour votre quotient"))).toBe(false);
    expect(after).toContain("Vérifiez la fiche santé de Lina (allergies, PAI, régime, médecin)");
  });
});
