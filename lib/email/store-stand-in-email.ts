import "server-only";
import { db } from "@/lib/db";

export interface StandInMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Keeps a message the local stand-in received; one per idempotency key, as Resend does. */
export async function storeStandInEmail(data: StandInMessage, idempotencyKey: string | undefined): Promise<{ id: string }> {
  return idempotencyKey
    ? db.standInEmail.upsert({ where: { idempotencyKey }, create: { ...data, idempotencyKey }, update: {}, select: { id: true } })
    : db.standInEmail.create({ data, select: { id: true } });
}
