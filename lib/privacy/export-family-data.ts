import "server-only";
import { zipSync, strToU8 } from "fflate";
import { db } from "@/lib/db";
import { fileStore } from "@/lib/files/storage";
import { NotFoundError } from "@/lib/workflow";

/**
 * « Télécharger mes données » (RGPD, droit d'accès et de portabilité): one ZIP with `donnees.json` — the family,
 * its adults, its children with their health data, inscriptions, reservations, messages, invoices, the metadata of
 * its documents — and the documents themselves under `documents/`.
 */
export async function familyDataExport(familyId: string, now = new Date()): Promise<{ fileName: string; bytes: Uint8Array }> {
  const family = await db.family.findUnique({
    where: { id: familyId },
    select: {
      name: true,
      street: true,
      addressComplement: true,
      postalCode: true,
      city: true,
      homePhone: true,
      quotientFamilial: true,
      cafNumber: true,
      dependentChildren: true,
      lastIncomeCents: true,
      isResident: true,
      remindersOff: true,
      createdAt: true,
      adults: {
        select: {
          civility: true,
          lastName: true,
          firstName: true,
          birthDate: true,
          homePhone: true,
          mobilePhone: true,
          workPhone: true,
          email: true,
          isLegalGuardian: true,
          relationship: true,
          profession: true,
          employer: true,
          user: { select: { email: true, lastSignInAt: true } },
        },
      },
      children: {
        select: {
          id: true,
          civility: true,
          lastName: true,
          firstName: true,
          birthDate: true,
          sex: true,
          school: true,
          schoolClass: true,
          hasAllergies: true,
          allergyNotes: true,
          hasPai: true,
          mealType: true,
          dietNotes: true,
          doctorName: true,
          doctorPhone: true,
          cafAllocataireNumber: true,
          photoConsent: true,
          canLeaveAlone: true,
          emergencyCareConsent: true,
          authorizedPersons: { select: { fullName: true, phone: true, relationship: true } },
        },
      },
      inscriptions: {
        select: {
          status: true,
          startDate: true,
          endDate: true,
          createdAt: true,
          child: { select: { firstName: true } },
          activity: { select: { name: true } },
          period: { select: { name: true } },
          reservations: { orderBy: { date: "asc" }, select: { date: true, status: true, timeUnit: { select: { name: true } } } },
        },
      },
      threads: {
        select: {
          subject: true,
          status: true,
          createdAt: true,
          messages: { orderBy: { createdAt: "asc" }, select: { fromStaff: true, body: true, createdAt: true } },
        },
      },
      invoices: {
        where: { status: { not: "DRAFT" } },
        select: { number: true, kind: true, status: true, month: true, totalCents: true, paidCents: true, creditedCents: true },
      },
      payments: { where: { status: "SUCCEEDED" }, select: { method: true, amountCents: true, receivedAt: true, reference: true } },
      documents: {
        where: { status: { not: "DELETED" } },
        select: {
          id: true,
          kind: true,
          title: true,
          fileName: true,
          mimeType: true,
          status: true,
          reason: true,
          createdAt: true,
          validUntil: true,
          storageKey: true,
          child: { select: { firstName: true } },
        },
      },
    },
  });
  if (!family) throw new NotFoundError();
  const files: Record<string, Uint8Array> = {};
  const documents = [];
  for (const { storageKey, id, ...doc } of family.documents) {
    const path = `documents/${id.slice(0, 8)}-${doc.fileName}`;
    const bytes = await fileStore().get(storageKey);
    if (bytes) files[path] = bytes;
    documents.push({ ...doc, fichier: bytes ? path : null });
  }
  const data = {
    exporteLe: now.toISOString(),
    famille: {
      ...family,
      documents: undefined,
      adults: undefined,
      children: undefined,
      inscriptions: undefined,
      threads: undefined,
      invoices: undefined,
      payments: undefined,
    },
    adultes: family.adults,
    // The ids are the portal's own, of no use to the family.
    enfants: family.children.map((child) => ({ ...child, id: undefined })),
    inscriptions: family.inscriptions,
    messages: family.threads,
    factures: family.invoices,
    paiements: family.payments,
    documents,
  };
  files["donnees.json"] = strToU8(JSON.stringify(data, null, 2));
  const slug = family.name
    .normalize("NFD")
    .replace(/[^\w]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return { fileName: `donnees-${slug}-${now.toISOString().slice(0, 10)}.zip`, bytes: zipSync(files, { level: 6 }) };
}
