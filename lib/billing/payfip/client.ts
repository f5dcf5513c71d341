import "server-only";
import { config } from "@/lib/config";
import {
  checkCreateRequest,
  createOperationEnvelope,
  MAX_SOAP_BYTES,
  parseCreateAnswer,
  parseDetailAnswer,
  PayfipFault,
  PayfipTechnicalError,
  readOperationEnvelope,
  type PayfipCreateRequest,
  type PayfipDetail,
} from "./soap";

/*
 * The PayFiP web service, called with fetch and a small SOAP envelope (./soap.ts): the real one at PAYFIP_WS_URL, else
 * the local stand-in served by the app. A call gives up after 10 s: « Payer » asks the service while it holds the
 * family's lock, as it does with Stripe (ADR 020).
 */
export const PAYFIP_TIMEOUT_MS = 10_000;

async function call(body: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(config.payfipWsUrl, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' },
      body,
      signal: AbortSignal.timeout(PAYFIP_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (error) {
    throw new PayfipTechnicalError(`Service PayFiP injoignable (${error instanceof Error ? error.message : String(error)}).`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (text.length > MAX_SOAP_BYTES) throw new PayfipTechnicalError("Réponse PayFiP trop longue.");
  // A SOAP Fault comes with HTTP 500: it is read as the service's answer, anything else is a technical failure.
  if (!response.ok && !/<(?:[\w.-]+:)?Fault[\s>]/.test(text)) throw new PayfipTechnicalError(`Service PayFiP : HTTP ${response.status}.`);
  return text;
}

/** « creerPaiementSecurise »: the operation's identifier (idOp). */
export async function createPayfipOperation(request: PayfipCreateRequest): Promise<string> {
  const wrong = checkCreateRequest(request);
  if (wrong) throw new PayfipTechnicalError(`Demande PayFiP invalide (${wrong}).`);
  return parseCreateAnswer(await call(createOperationEnvelope(request)));
}

/** What the service says of an operation: its detail once answered, OPEN while the parent has not, UNKNOWN when it does not know it. */
export type PayfipOperationState = { kind: "ANSWERED"; detail: PayfipDetail } | { kind: "OPEN" } | { kind: "UNKNOWN" };

/** « recupererDetailPaiementSecurise »: P5 means not answered yet, P1 an operation the service does not know (ADR 054). */
export async function readPayfipOperation(idOp: string): Promise<PayfipOperationState> {
  try {
    const detail = parseDetailAnswer(await call(readOperationEnvelope(idOp)));
    // The service answering for another operation than the one asked is not an answer.
    if (detail.idOp !== idOp) throw new PayfipTechnicalError("Réponse PayFiP pour une autre opération.");
    return { kind: "ANSWERED", detail };
  } catch (error) {
    if (error instanceof PayfipFault && error.code === "P5") return { kind: "OPEN" };
    if (error instanceof PayfipFault && error.code === "P1") return { kind: "UNKNOWN" };
    throw error;
  }
}
