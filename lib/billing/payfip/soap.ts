/*
 * PayFiP's SOAP service « PaiementSecuriseService » (DGFiP, PayFiP Régie web service), as read in ADR 054: the two
 * operations the portal calls, their envelopes written here and their answers read back. Pure functions (no I/O):
 * the client (./client.ts) posts them, the local stand-in (./stand-in.ts) answers them, the tests check both.
 *
 * The answers are read without an XML parser on purpose: only a handful of elements with text content are needed,
 * and a body that declares a DOCTYPE or an entity is refused outright (no entity expansion, no external fetch).
 */

/** The service's namespace (operations) and the one of its answers' fields. */
export const PAYFIP_NS_SERVICE =
  "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService";
export const PAYFIP_NS_REPONSE = "http://securite.service.tpa.cp.finances.gouv.fr/reponse";

export type PayfipSaisie = "T" | "X" | "W";

/** « creerPaiementSecurise »: one operation = one debt reference (refdet) of one régie (numcli), amount in cents. */
export interface PayfipCreateRequest {
  numcli: string;
  exer: string;
  refdet: string;
  objet: string;
  montantCents: number;
  mel: string;
  urlnotif: string;
  urlredirect: string;
  saisie: PayfipSaisie;
}

/** « recupererDetailPaiementSecurise »'s answer. `resultrans`: P payé (carte), V payé (prélèvement), R/Z refusé, A abandonné. */
export interface PayfipDetail {
  idOp: string;
  resultrans: string;
  montantCents: number | null;
  numauto: string;
  dattrans: string;
  heurtrans: string;
  refdet: string;
  exer: string;
  numcli: string;
  mel: string;
  objet: string;
  saisie: string;
}

/** What each `resultrans` means for the portal. */
export const PAYFIP_RESULTS = {
  /** Money received: P (card), V (single direct debit). */
  PAID: ["P", "V"],
  /** Refused by the bank: R (card), Z (direct debit). */
  REFUSED: ["R", "Z"],
  /** Given up by the parent on the treasury's page. */
  ABANDONED: ["A"],
} as const;

export const isPayfipResult = (set: readonly string[], value: string) => set.includes(value);

/** A SOAP Fault of the service (« FonctionnelleErreur »): P1 unknown operation, P5 not answered yet, and the others. */
export class PayfipFault extends Error {
  constructor(
    readonly code: string,
    readonly label: string,
  ) {
    super(`PayFiP ${code} : ${label}`);
    this.name = "PayfipFault";
  }
}

/** The service cannot be read (network, timeout, HTTP error, a body that is not its answer): said as such, logged. */
export class PayfipTechnicalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PayfipTechnicalError";
  }
}

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

const unescapeXml = (value: string) =>
  value
    .replace(/&#x([0-9a-fA-F]{1,6});/g, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,7});/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

const envelope = (operation: string, fields: [string, string][]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n` +
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="${PAYFIP_NS_SERVICE}">` +
  `<soapenv:Header/><soapenv:Body><pai:${operation}><arg0>` +
  fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join("") +
  `</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`;

/** refdet: letters and digits only, 6 to 30 (ADR 054). */
export const REFDET = /^[A-Za-z0-9]{6,30}$/;

/** objet: at most 100 characters of [A-Za-z0-9 ], accents taken off (what the service accepts, ADR 054). */
export function payfipObjet(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['-]/g, " ")
    .replace(/[^A-Za-z0-9 ]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
}

/** The request's fields, checked against what the service accepts: a wrong one is our bug, never sent. */
export function checkCreateRequest(request: PayfipCreateRequest): string | null {
  if (!/^\d{6}$/.test(request.numcli)) return "numcli : 6 chiffres";
  if (!/^\d{4}$/.test(request.exer)) return "exer : une année sur 4 chiffres";
  if (!REFDET.test(request.refdet)) return "refdet : 6 à 30 lettres ou chiffres";
  if (request.objet !== payfipObjet(request.objet)) return "objet : lettres, chiffres et espaces, 100 au plus";
  if (!Number.isInteger(request.montantCents) || request.montantCents < 100 || request.montantCents > 10_000_000)
    return "montant : entre 1,00 € et 100 000,00 €, en centimes";
  if (request.mel.length < 6 || request.mel.length > 80 || !request.mel.includes("@")) return "mel : une adresse de 6 à 80 caractères";
  for (const url of [request.urlnotif, request.urlredirect])
    if (!/^https?:\/\//.test(url) || url.length > 250) return "url : http(s), 250 au plus";
  if (!["T", "X", "W"].includes(request.saisie)) return "saisie : T, X ou W";
  return null;
}

/** The body of « creerPaiementSecurise » (fields in the order of the WSDL's sequence as read, ADR 054). */
export function createOperationEnvelope(request: PayfipCreateRequest): string {
  return envelope("creerPaiementSecurise", [
    ["exer", request.exer],
    ["mel", request.mel],
    ["montant", String(request.montantCents)],
    ["numcli", request.numcli],
    ["objet", request.objet],
    ["refdet", request.refdet],
    ["saisie", request.saisie],
    ["urlnotif", request.urlnotif],
    ["urlredirect", request.urlredirect],
  ]);
}

/** The body of « recupererDetailPaiementSecurise ». */
export function readOperationEnvelope(idOp: string): string {
  return envelope("recupererDetailPaiementSecurise", [["idOp", idOp]]);
}

/** Bodies bigger than this are not an answer of the service. */
export const MAX_SOAP_BYTES = 64 * 1024;

export function refuseUnsafe(xml: string) {
  if (xml.length > MAX_SOAP_BYTES) throw new PayfipTechnicalError("Réponse PayFiP trop longue.");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new PayfipTechnicalError("Réponse PayFiP refusée (DOCTYPE ou entité déclarée).");
  if (!/<(?:[\w.-]+:)?Envelope[\s>]/.test(xml)) throw new PayfipTechnicalError("Réponse PayFiP illisible (pas d'enveloppe SOAP).");
}

/** The text of the first element `name` (any namespace prefix), unescaped; null when absent. Only text content is read. */
export function soapText(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`).exec(xml);
  if (match) return unescapeXml(match[1]!.trim());
  return new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?/>`).test(xml) ? "" : null;
}

function throwIfFault(xml: string) {
  if (!/<(?:[\w.-]+:)?Fault[\s>]/.test(xml)) return;
  const code = soapText(xml, "code");
  const label = soapText(xml, "libelle") || soapText(xml, "descriptif") || soapText(xml, "faultstring") || "erreur";
  if (code) throw new PayfipFault(code, label);
  throw new PayfipTechnicalError(`Erreur SOAP PayFiP sans code : ${label}`);
}

/** « creerPaiementSecurise »'s answer: the operation's identifier. */
export function parseCreateAnswer(xml: string): string {
  refuseUnsafe(xml);
  throwIfFault(xml);
  const idOp = soapText(xml, "idOp");
  if (!idOp || !/^[\w-]{1,64}$/.test(idOp)) throw new PayfipTechnicalError("Réponse PayFiP sans identifiant d'opération (idOp).");
  return idOp;
}

/** « recupererDetailPaiementSecurise »'s answer, every field the service returns. */
export function parseDetailAnswer(xml: string): PayfipDetail {
  refuseUnsafe(xml);
  throwIfFault(xml);
  const field = (name: string) => soapText(xml, name) ?? "";
  const idOp = field("idOp");
  const resultrans = field("resultrans");
  if (!idOp || !resultrans) throw new PayfipTechnicalError("Réponse PayFiP incomplète (idOp ou resultrans manquant).");
  const montant = field("montant");
  return {
    idOp,
    resultrans,
    montantCents: /^\d{1,9}$/.test(montant) ? Number(montant) : null,
    numauto: field("numauto"),
    dattrans: field("dattrans"),
    heurtrans: field("heurtrans"),
    refdet: field("refdet"),
    exer: field("exer"),
    numcli: field("numcli"),
    mel: field("mel"),
    objet: field("objet"),
    saisie: field("saisie"),
  };
}

/** The stand-in's answers, in the service's shape. */
export function createAnswerXml(idOp: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<ns2:creerPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NS_SERVICE}"><return><idOp xmlns="${PAYFIP_NS_REPONSE}">${escapeXml(idOp)}</idOp></return>` +
    `</ns2:creerPaiementSecuriseResponse></soap:Body></soap:Envelope>`
  );
}

export function detailAnswerXml(detail: Omit<PayfipDetail, "montantCents"> & { montantCents: number }): string {
  const fields: [string, string][] = [
    ["dattrans", detail.dattrans],
    ["exer", detail.exer],
    ["heurtrans", detail.heurtrans],
    ["idOp", detail.idOp],
    ["mel", detail.mel],
    ["montant", String(detail.montantCents)],
    ["numauto", detail.numauto],
    ["numcli", detail.numcli],
    ["objet", detail.objet],
    ["refdet", detail.refdet],
    ["resultrans", detail.resultrans],
    ["saisie", detail.saisie],
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NS_SERVICE}"><return xmlns:r="${PAYFIP_NS_REPONSE}">` +
    fields.map(([name, value]) => `<r:${name}>${escapeXml(value)}</r:${name}>`).join("") +
    `</return></ns2:recupererDetailPaiementSecuriseResponse></soap:Body></soap:Envelope>`
  );
}

export function faultXml(code: string, label: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>` +
    `<faultcode>soap:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring>` +
    `<detail><ns2:FonctionnelleErreur xmlns:ns2="${PAYFIP_NS_SERVICE}"><code>${escapeXml(code)}</code>` +
    `<descriptif>${escapeXml(label)}</descriptif><libelle>${escapeXml(label)}</libelle><severite>2</severite></ns2:FonctionnelleErreur></detail>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
