import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import {
  inscriptionValidatedEmail,
  inscriptionCancelledEmail,
  inscriptionOfferedEmail,
  inscriptionRefusedEmail,
  inscriptionWaitlistedEmail,
  personName,
} from "@/lib/email/templates";
import { formatLongDate } from "@/lib/format";
import { childRecipients } from "@/lib/families/list-family-recipients";
import { waitlistPosition } from "./capacity";

/**
 * E-mails every parent with a login of the child's foyers about a decision on its inscription (same transaction): a
 * child in garde alternée has two, and the inscription is the child's (ADR 051) — each e-mail is queued under its own
 * foyer.
 */
export async function notifyInscriptionDecision(
  tx: Tx,
  inscriptionId: string,
  /** OFFERED: a freed place moved a waiting request to pending (ADR 033). */
  decision: "VALIDATED" | "REFUSED" | "WAITLISTED" | "CANCELLED" | "OFFERED",
  reason?: string,
) {
  const inscription = await tx.inscription.findUniqueOrThrow({
    where: { id: inscriptionId },
    select: {
      childId: true,
      activityId: true,
      periodId: true,
      waitlistRank: true,
      startDate: true,
      endDate: true,
      child: { select: { firstName: true, lastName: true } },
      activity: { select: { name: true } },
    },
  });
  const childName = personName(inscription.child);
  const title = inscription.activity.name;
  const position = decision === "WAITLISTED" ? await waitlistPosition(tx, inscription) : 0;
  for (const { email: to, person, familyId } of await childRecipients(tx, inscription.childId)) {
    const email =
      decision === "VALIDATED"
        ? inscriptionValidatedEmail(person, childName, title, formatLongDate(inscription.startDate), formatLongDate(inscription.endDate))
        : decision === "REFUSED"
          ? inscriptionRefusedEmail(person, childName, title, reason ?? "")
          : decision === "CANCELLED"
            ? inscriptionCancelledEmail(person, childName, title, reason ?? "")
            : decision === "OFFERED"
              ? inscriptionOfferedEmail(person, childName, title)
              : inscriptionWaitlistedEmail(person, childName, title, position);
    await enqueueEmail(tx, { to, familyId, template: `inscription-${decision.toLowerCase()}`, email });
  }
}
