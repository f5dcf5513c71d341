import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/enqueue";
import { inscriptionAcceptedEmail, inscriptionCancelledEmail, inscriptionRefusedEmail, inscriptionTitle, inscriptionWaitlistedEmail } from "@/lib/email/templates";
import { formatCalendarDate } from "@/lib/format";
import { waitlistPosition } from "./capacity";

/** E-mails every parent with a login of the family about a decision on an inscription (same transaction). */
export async function notifyInscriptionDecision(tx: Tx, inscriptionId: string, decision: "VALIDATED" | "REFUSED" | "WAITLISTED" | "CANCELLED", reason?: string) {
  const inscription = await tx.inscription.findUniqueOrThrow({
    where: { id: inscriptionId },
    select: {
      familyId: true, activityId: true, periodId: true, waitlistRank: true, startDate: true, endDate: true,
      child: { select: { firstName: true, lastName: true } },
      activity: { select: { name: true, structure: { select: { name: true } } } },
      period: { select: { name: true } },
      family: { select: { users: { where: { isActive: true }, select: { email: true, adult: { select: { civility: true, lastName: true, firstName: true } } } } } },
    },
  });
  const childName = `${inscription.child.lastName.toUpperCase()} ${inscription.child.firstName}`;
  const title = inscriptionTitle(inscription.activity.structure.name, inscription.activity.name, inscription.period.name);
  const position = decision === "WAITLISTED" ? await waitlistPosition(tx, inscription) : 0;
  for (const user of inscription.family.users) {
    if (!user.adult) continue;
    const email =
      decision === "VALIDATED"
        ? inscriptionAcceptedEmail(user.adult, childName, title, formatCalendarDate(inscription.startDate), formatCalendarDate(inscription.endDate))
        : decision === "REFUSED"
          ? inscriptionRefusedEmail(user.adult, childName, title, reason ?? "")
          : decision === "CANCELLED"
            ? inscriptionCancelledEmail(user.adult, childName, title, reason ?? "")
            : inscriptionWaitlistedEmail(user.adult, childName, title, position);
    await enqueueEmail(tx, { to: user.email, familyId: inscription.familyId, template: `inscription-${decision.toLowerCase()}`, email });
  }
}
