import "server-only";
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { NotFoundError } from "@/lib/workflow";
import {
  checkCreateRequest,
  createAnswerXml,
  detailAnswerXml,
  faultXml,
  refuseUnsafe,
  soapText,
  PayfipTechnicalError,
  type PayfipCreateRequest,
} from "./soap";
import { payfipStandInAllowed } from "./stand-in-policy";

/*
 * The local stand-in of PayFiP (no PAYFIP_WS_URL), as lib/billing/stand-in-checkout.ts is Stripe's: the same SOAP
 * operations served by the app (app/api/payfip-stand-in/services/securite), the treasury's page played by
 * /paiement/payfip-simulateur, which posts the notification (idOp) to urlnotif and sends the parent to urlredirect.
 * Each operation is kept (StandInPayfipOperation): open until answered once — paid, refused or abandoned.
 */

/** Whether this installation talks to the stand-in, and may (production refuses it unless allowed, ADR 054). */
export const payfipStandInServes = () => config.usesPayfipStandIn && payfipStandInAllowed();

/** One SOAP request to the stand-in's service: its answer (HTTP 200) or a Fault (HTTP 500), as the service gives them. */
export async function answerStandInSoap(xml: string): Promise<{ status: number; xml: string }> {
  try {
    refuseUnsafe(xml);
  } catch (error) {
    return { status: 500, xml: faultXml("S1", error instanceof PayfipTechnicalError ? error.message : "Requête illisible") };
  }
  const field = (name: string) => soapText(xml, name) ?? "";
  if (/<(?:[\w.-]+:)?creerPaiementSecurise[\s>]/.test(xml)) {
    const request: PayfipCreateRequest = {
      numcli: field("numcli"),
      exer: field("exer"),
      refdet: field("refdet"),
      objet: field("objet"),
      montantCents: /^\d{1,9}$/.test(field("montant")) ? Number(field("montant")) : Number.NaN,
      mel: field("mel"),
      urlnotif: field("urlnotif"),
      urlredirect: field("urlredirect"),
      saisie: field("saisie") as PayfipCreateRequest["saisie"],
    };
    const wrong = checkCreateRequest(request);
    if (wrong) return { status: 500, xml: faultXml("R3", `Paramètre invalide : ${wrong}`) };
    const idOp = randomBytes(16).toString("hex");
    await db.standInPayfipOperation.create({
      data: {
        id: idOp,
        numcli: request.numcli,
        exer: request.exer,
        refdet: request.refdet,
        objet: request.objet,
        montantCents: request.montantCents,
        mel: request.mel,
        urlnotif: request.urlnotif,
        urlredirect: request.urlredirect,
        saisie: request.saisie,
      },
    });
    return { status: 200, xml: createAnswerXml(idOp) };
  }
  if (/<(?:[\w.-]+:)?recupererDetailPaiementSecurise[\s>]/.test(xml)) {
    const idOp = field("idOp");
    const op = idOp ? await db.standInPayfipOperation.findUnique({ where: { id: idOp } }) : null;
    if (!op) return { status: 500, xml: faultXml("P1", "Opération inconnue") };
    if (op.result === "OPEN" || !op.answeredAt) return { status: 500, xml: faultXml("P5", "Transaction en cours ou non aboutie") };
    // dattrans (jjmmaaaa) and heurtrans (hhmm), in Paris as the service writes them.
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("fr-FR", {
        timeZone: "Europe/Paris",
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      })
        .formatToParts(op.answeredAt)
        .map((p) => [p.type, p.value]),
    );
    return {
      status: 200,
      xml: detailAnswerXml({
        idOp: op.id,
        resultrans: op.result,
        montantCents: op.montantCents,
        numauto: op.numauto ?? "",
        dattrans: `${parts.day}${parts.month}${parts.year}`,
        heurtrans: `${parts.hour}${parts.minute}`,
        refdet: op.refdet,
        exer: op.exer,
        numcli: op.numcli,
        mel: op.mel,
        objet: op.objet,
        saisie: op.saisie,
      }),
    };
  }
  return { status: 500, xml: faultXml("S2", "Opération SOAP non prise en charge") };
}

/** The stand-in's page, for the family's own operation only: what it shows (the amount, the reference, whether still open). */
export async function getStandInOperation(familyId: string, idOp: string) {
  if (!payfipStandInServes()) return null;
  const payment = await db.payment.findFirst({ where: { familyId, payfipOperationId: idOp }, select: { id: true } });
  if (!payment) return null;
  const op = await db.standInPayfipOperation.findUnique({
    where: { id: idOp },
    select: { id: true, montantCents: true, refdet: true, objet: true, result: true, numcli: true },
  });
  return op ? { ...op, open: op.result === "OPEN" } : null;
}

/** The notification as PayFiP sends it (a form with idOp), to urlnotif — on loopback when it is this portal's own address. */
async function postNotification(urlnotif: string, idOp: string) {
  const target = urlnotif.startsWith(`${config.appUrl}/`)
    ? `http://127.0.0.1:${process.env.PORT ?? 3000}${urlnotif.slice(config.appUrl.length)}`
    : urlnotif;
  try {
    const response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ idOp }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) console.error(`[payfip-simulé] la notification de ${idOp} a reçu ${response.status}`);
  } catch (error) {
    // As PayFiP: the parent is sent back all the same, and the return page asks the service itself.
    console.error(`[payfip-simulé] notification de ${idOp} impossible :`, error instanceof Error ? error.message : error);
  }
}

export type StandInPayfipOutcome = "P" | "R" | "A";

/**
 * « Payer », « Refuser » or « Abandonner » on the stand-in's page, for the family's own operation: answered once, in one
 * statement (a second click, or an operation already answered: refused); then the notification, then urlredirect.
 */
export async function decideStandInPayfip(input: {
  familyId: string;
  idOp: string;
  outcome: StandInPayfipOutcome;
}): Promise<{ next: string }> {
  const op = await getStandInOperation(input.familyId, input.idOp);
  if (!op) throw new NotFoundError();
  const { count } = await db.standInPayfipOperation.updateMany({
    where: { id: op.id, result: "OPEN" },
    data: {
      result: input.outcome,
      numauto: input.outcome === "P" ? String(Math.floor(100000 + Math.random() * 900000)) : null,
      answeredAt: new Date(),
    },
  });
  if (count !== 1)
    throw new UserFacingError(
      "Cette page de paiement n'est plus valable (elle a déjà reçu une réponse) : rien de plus n'a été débité. Retournez à Mes factures.",
    );
  const { urlnotif, urlredirect } = await db.standInPayfipOperation.findUniqueOrThrow({
    where: { id: op.id },
    select: { urlnotif: true, urlredirect: true },
  });
  console.warn(`[payfip-simulé] opération ${op.id} : ${input.outcome} (aucun argent ne circule)`);
  await postNotification(urlnotif, op.id);
  return { next: urlredirect };
}
