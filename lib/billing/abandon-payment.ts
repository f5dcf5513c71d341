import "server-only";
import { scopeWhere } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { lockFamily, lockOnlinePayment, lockPayfipPayment } from "@/lib/locks";
import { actorScope, applyTransition, isIn, NotFoundError, PAYMENT_STATUSES, type Actor } from "@/lib/workflow";
import { providerOf, PROVIDER_NAMES, type OnlineMethod } from "./providers";
import { ABANDON_AFTER_MINUTES, ABANDONED_BY_STAFF, isStuck, waitingSince } from "./payment-age";

/**
 * « Marquer abandonné »: an online payment stuck « en cours de confirmation » (an hour at least) becomes « non abouti »,
 * logged with who and since when. Its Checkout session is expired first, under the payment's lock: if Stripe says it
 * was paid meanwhile, nothing is marked (the webhook records it). Should Stripe still report a success later, the
 * money is recorded all the same and flagged to staff (never lost, never confirmed silently).
 */
export async function abandonPayment(input: { paymentId: string; actor: Actor; now?: Date }) {
  const now = input.now ?? new Date();
  return transaction(
    async (tx) => {
      const found = await tx.payment.findFirst({
        where: { id: input.paymentId, method: { in: ["STRIPE", "PAYFIP"] } },
        select: { id: true, familyId: true, invoiceIds: true, method: true, stripeCheckoutSessionId: true, payfipOperationId: true },
      });
      if (!found) throw new NotFoundError();
      const method: OnlineMethod = found.method === "PAYFIP" ? "PAYFIP" : "STRIPE";
      // A pending payment has no allocation yet: it belongs to the lieux of the invoices it was started for (ADR 029).
      const scope = scopeWhere(actorScope(input.actor));
      const inScope =
        (await tx.payment.count({ where: { id: found.id, ...scope.payment } })) > 0 ||
        (await tx.invoice.count({ where: { id: { in: found.invoiceIds }, ...scope.invoice } })) > 0;
      if (!inScope) throw new NotFoundError();
      await lockFamily(tx, found.familyId, { anonymised: "allow" });
      if (method === "PAYFIP") await lockPayfipPayment(tx, found.payfipOperationId ?? "");
      else await lockOnlinePayment(tx, { sessionId: found.stripeCheckoutSessionId ?? "", paymentId: found.id });
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: found.id }, select: { status: true, createdAt: true } });
      if (!isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status))
        throw new UserFacingError("Ce paiement n'est plus en cours de confirmation : rechargez la page.");
      if (!isStuck(payment.createdAt, now))
        throw new UserFacingError(
          `Ce paiement a commencé il y a moins de ${ABANDON_AFTER_MINUTES} minutes : ${PROVIDER_NAMES[method]} peut encore le confirmer. Réessayez plus tard.`,
        );
      // Stripe's session is expired; a PayFiP operation cannot be, but an hour on it can no longer be paid (ADR 054).
      const ref = method === "PAYFIP" ? found.payfipOperationId : found.stripeCheckoutSessionId;
      if (ref && (await providerOf(method).expire(ref, payment.createdAt)) === "complete")
        throw new UserFacingError(
          `${PROVIDER_NAMES[method]} indique que ce paiement a abouti : il sera confirmé dans quelques instants. Il n'est pas marqué abandonné.`,
        );
      await applyTransition(tx, {
        machine: "PAYMENT",
        id: found.id,
        to: "FAILED",
        actor: input.actor,
        expectedFrom: "PENDING",
        now,
        reason: `${ABANDONED_BY_STAFF}, en cours de confirmation ${waitingSince(payment.createdAt, now)}`,
      });
    },
    // Stripe is asked while the payment's lock is held (its calls give up after 10 s), as startOnlinePayment does.
    { timeout: 45_000 },
  );
}
