import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db, transaction } from "@/lib/db";
import { parisInstant } from "@/lib/calendar/paris";
import { INSCRIPTION_STATUSES, NotFoundError, statusIn } from "@/lib/workflow";
import { CARE_KINDS, type ActivityData } from "./schemas";
import { UserFacingError } from "@/lib/errors";
import { lockInscriptionPlaces } from "@/lib/locks";
import { fillFreedInscriptions } from "@/lib/inscriptions/fill-freed-inscriptions";

const localToInstant = (value: string | null) => (value ? parisInstant(value.slice(0, 10), value.slice(11, 16)) : null);

function activityFields(data: ActivityData) {
  return {
    name: data.name,
    description: data.description,
    inscriptionValidation: data.inscriptionValidation,
    reservationValidation: data.reservationValidation,
    bookingDeadline: data.bookingDeadline.toUpperCase(),
    cancellationDeadline: data.cancellationDeadline.toUpperCase(),
    inscriptionsOpenAt: localToInstant(data.inscriptionsOpenAt),
    residentsOpenAt: localToInstant(data.residentsOpenAt),
    renewalsOpenAt: localToInstant(data.renewalsOpenAt ?? null),
    maxInscriptions: data.maxInscriptions,
    isPreRegistration: data.isPreRegistration === "oui",
    ...(data.taxCertificateEligible ? { taxCertificateEligible: data.taxCertificateEligible === "oui" } : {}),
  };
}

const DUPLICATE_NAME = "Nom de l'activité : une activité porte déjà ce nom dans ce lieu d'accueil.";

export async function createActivity(data: ActivityData, scope: StaffScope): Promise<{ id: string }> {
  return transaction(async (tx) => {
    // A lieu outside the staff's (ADR 029) is answered as a missing one.
    const structure = await tx.structure.findFirst({
      where: { id: data.structureId, ...scopeWhere(scope).structure },
      select: { id: true },
    });
    if (!structure) throw new UserFacingError("Lieu d'accueil introuvable.", { structureId: "Lieu d'accueil : choisissez dans la liste." });
    if (await tx.activity.findFirst({ where: { structureId: data.structureId, name: data.name }, select: { id: true } })) {
      throw new UserFacingError(DUPLICATE_NAME, { name: DUPLICATE_NAME });
    }
    const careType = await tx.careType.upsert({
      where: { structureId_kind: { structureId: data.structureId, kind: data.careKind } },
      create: { structureId: data.structureId, kind: data.careKind, name: CARE_KINDS[data.careKind] },
      update: {},
      select: { id: true },
    });
    return tx.activity.create({
      data: {
        structureId: data.structureId,
        careTypeId: careType.id,
        // A canteen is a meal, never a frais de garde (ADR 056), unless staff said otherwise.
        taxCertificateEligible: data.careKind !== "RESTAURATION_SCOLAIRE",
        ...activityFields(data),
      },
      select: { id: true },
    });
  });
}

/**
 * The settings of an activity; refused when they would break existing inscriptions. Counted and written under the
 * places' lock of each of its périodes (in the order of their ids: two updates cannot deadlock), so that no request
 * slips in between the count and the new maximum; a maximum raised (or removed) gives the new places to the waiting
 * list at once, by rank, as a freed place does (ADR 033).
 */
export async function updateActivity(activityId: string, data: ActivityData, scope: StaffScope, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    const activity = await tx.activity.findFirst({
      where: { id: activityId, ...scopeWhere(scope).activity },
      select: { structureId: true, periods: { select: { id: true }, orderBy: { id: "asc" } } },
    });
    if (!activity) throw new NotFoundError();
    if (activity.structureId !== data.structureId) {
      throw new UserFacingError("Le lieu d'accueil d'une activité ne peut pas changer.", {
        structureId: "Lieu d'accueil : il ne peut pas changer.",
      });
    }
    for (const period of activity.periods) await lockInscriptionPlaces(tx, activityId, period.id);
    if (data.maxInscriptions !== null) {
      const enrolled = await tx.inscription.count({ where: { activityId, status: statusIn(INSCRIPTION_STATUSES.HOLDS_PLACE) } });
      if (enrolled > data.maxInscriptions) {
        const message = `Nombre maximal d'inscriptions : ${enrolled} inscriptions sont déjà validées ou en attente ; le maximum ne peut pas descendre en dessous.`;
        throw new UserFacingError(message, { maxInscriptions: message });
      }
    }
    const clash = await tx.activity.findFirst({
      where: { structureId: data.structureId, name: data.name, id: { not: activityId } },
      select: { id: true },
    });
    if (clash) throw new UserFacingError(DUPLICATE_NAME, { name: DUPLICATE_NAME });
    const careType = await tx.careType.upsert({
      where: { structureId_kind: { structureId: data.structureId, kind: data.careKind } },
      create: { structureId: data.structureId, kind: data.careKind, name: CARE_KINDS[data.careKind] },
      update: {},
      select: { id: true },
    });
    await tx.activity.update({ where: { id: activityId }, data: { careTypeId: careType.id, ...activityFields(data) } });
    for (const period of activity.periods) await fillFreedInscriptions(tx, { activityId, periodId: period.id }, now);
  });
}

export async function listActivities(scope: StaffScope) {
  return db.activity.findMany({
    where: scopeWhere(scope).activity,
    orderBy: [{ structure: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      structure: { select: { name: true } },
      careType: { select: { kind: true, name: true } },
      inscriptionValidation: true,
      _count: { select: { periods: true, timeUnits: true, ageGroups: true, inscriptions: true } },
    },
  });
}

export async function getActivityConfiguration(activityId: string, scope: StaffScope) {
  return db.activity.findFirst({
    where: { id: activityId, ...scopeWhere(scope).activity },
    include: {
      structure: { select: { id: true, name: true } },
      careType: { select: { kind: true } },
      periods: {
        orderBy: { startDate: "asc" },
        include: {
          openingDays: { select: { date: true }, orderBy: { date: "asc" } },
          _count: { select: { openingDays: true, inscriptions: true } },
        },
      },
      ageGroups: { orderBy: [{ minAgeMonths: "asc" }, { name: "asc" }], include: { _count: { select: { inscriptions: true } } } },
      // Règles de tarif (ADR 055), the latest first.
      tariffRules: { orderBy: { validFrom: "desc" } },
      timeUnits: {
        orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }],
        include: {
          tariffs: { orderBy: { qfMin: "asc" } },
          capacityOverrides: { orderBy: { date: "asc" } },
          _count: { select: { reservations: true } },
          rules: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, otherUnit: { select: { name: true } } } },
        },
      },
    },
  });
}
