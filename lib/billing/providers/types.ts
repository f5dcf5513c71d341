import type { CheckoutStatus } from "@/lib/workflow/machines";

/** The ways a family pays online, one per lieu d'accueil (Structure.paymentProvider, ADR 054). */
export type OnlineMethod = "STRIPE" | "PAYFIP";

/** How each is named to people (messages, anomalies). */
export const PROVIDER_NAMES: Readonly<Record<OnlineMethod, string>> = { STRIPE: "Stripe", PAYFIP: "PayFiP" };

/** What « Payer » asks a provider for: a payment already recorded (PENDING) and its invoices, all of one provider. */
export interface StartRequest {
  paymentId: string;
  /** « Paiement n° … » of the receipt: PayFiP's debt reference is made of it. */
  paymentNumber: number;
  familyId: string;
  amountCents: number;
  invoiceNumbers: string[];
  invoiceIds: string[];
  customerEmail: string | null;
  /** The lieu d'accueil the invoices belong to (one lieu for PayFiP: its régie is paid). */
  lieu: { id: string; name: string; payfipClientNumber: string | null };
}

/**
 * A payment provider as « Payer » uses it: Stripe Checkout (or its stand-in), PayFiP (or its stand-in). `ref` is how the
 * provider names the payment: the Checkout session's id, PayFiP's idOp.
 */
export interface OnlinePaymentProvider {
  method: OnlineMethod;
  /** Opens the provider's payment for a recorded payment: its reference and the page to send the parent to. */
  create(input: StartRequest): Promise<{ ref: string; url: string }>;
  /** Whether it can still be paid (and where), was paid, or can no longer be. */
  state(ref: string, startedAt: Date): Promise<{ status: CheckoutStatus; url: string | null }>;
  /** Makes sure it can no longer be paid; « complete » when it was paid meanwhile; « open » when the provider cannot close it yet. */
  expire(ref: string, startedAt: Date): Promise<"expired" | "complete" | "open">;
}
