import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";

/** A lieu as the creditor of its debits: its ICS, account and pré-notification delay (the settings page, the export). */
export const CREDITOR_SELECT = {
  id: true,
  name: true,
  sepaCreditorId: true,
  sepaCreditorName: true,
  sepaCreditorIban: true,
  sepaCreditorBic: true,
  sepaPrenotificationDays: true,
} as const;

/** The lieu's SEPA creditor settings (/admin/structures/[id]/prelevement). */
export async function getSepaSettings(structureId: string, scope: StaffScope) {
  const lieu = await db.structure.findFirst({
    where: { id: structureId, ...scopeWhere(scope).structure },
    select: { ...CREDITOR_SELECT, sepaRejectionFeeCents: true },
  });
  if (!lieu) throw new NotFoundError();
  return lieu;
}

export async function setSepaSettings(
  input: {
    structureId: string;
    creditorId: string;
    creditorName: string;
    iban: string;
    bic: string;
    prenotificationDays: number;
    rejectionFee: number | null;
  },
  scope: StaffScope,
) {
  const { count } = await db.structure.updateMany({
    where: { id: input.structureId, ...scopeWhere(scope).structure },
    data: {
      sepaCreditorId: input.creditorId,
      sepaCreditorName: input.creditorName,
      sepaCreditorIban: input.iban,
      sepaCreditorBic: input.bic,
      sepaPrenotificationDays: input.prenotificationDays,
      sepaRejectionFeeCents: input.rejectionFee,
    },
  });
  if (count === 0) throw new NotFoundError();
}
