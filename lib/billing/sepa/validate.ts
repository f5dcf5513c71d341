/**
 * The checks of a mandate's and a creditor's bank details (ADR 053): IBAN and BIC with `ibantools`, the creditor
 * identifier (ICS) by its shape and its ISO 7064 mod 97-10 check digits (a few lines below). Pure functions:
 * the zod schemas of the forms use them on the client and the server alike. Each fault has its own French message.
 */
import { electronicFormatIBAN, validateBIC, validateIBAN, ValidationErrorsBIC, ValidationErrorsIBAN } from "ibantools";

/** « fr76 3000 6000 0112 3456 7890 189 » → « FR7630006000011234567890189 » (spaces, dots and dashes dropped). */
export const normalizeIban = (value: string) => electronicFormatIBAN(value.replace(/[.\-]/g, "")) ?? "";

export const normalizeBic = (value: string) => value.replace(/\s+/g, "").toUpperCase();

/** What is wrong with an IBAN, or null. */
export function ibanFault(value: string, label = "IBAN"): string | null {
  const iban = normalizeIban(value);
  if (!iban) return `${label} : champ obligatoire.`;
  const { valid, errorCodes } = validateIBAN(iban);
  if (valid) return null;
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry))
    return `${label} invalide : il doit commencer par le code du pays (FR76… en France).`;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength))
    return `${label} invalide : le nombre de caractères ne correspond pas au pays (27 en France).`;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat) || errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber))
    return `${label} invalide : un caractère n'est pas à sa place, vérifiez la saisie.`;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum))
    return `${label} invalide : vérifiez la clé RIB (les deux derniers chiffres).`;
  return `${label} invalide : vérifiez la clé (les deux chiffres après le code du pays).`;
}

/** What is wrong with a BIC, or null; with an IBAN, the BIC's country must be the account's. */
export function bicFault(value: string, iban?: string, label = "BIC"): string | null {
  const bic = normalizeBic(value);
  if (!bic) return `${label} : champ obligatoire.`;
  const { valid, errorCodes } = validateBIC(bic);
  if (!valid) {
    if (errorCodes.includes(ValidationErrorsBIC.NoBICCountry)) return `${label} invalide : le code pays (5e et 6e caractères) est inconnu.`;
    return `${label} invalide : 8 ou 11 caractères (exemple : BNPAFRPPXXX).`;
  }
  const account = iban ? normalizeIban(iban) : "";
  // SEPA territories whose BIC carries another code than their IBAN (Monaco, the French overseas…): accepted as
  // long as both are French-zone codes.
  const zone = (code: string) =>
    ["FR", "MC", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"].includes(code) ? "FR" : code;
  if (account.length >= 2 && zone(bic.slice(4, 6)) !== zone(account.slice(0, 2)))
    return `${label} invalide : il ne correspond pas au pays de l'IBAN (${account.slice(0, 2)}).`;
  return null;
}

/** The ICS as typed → its electronic form (« fr72 zzz 123456 » → « FR72ZZZ123456 »). */
export const normalizeCreditorId = (value: string) => value.replace(/[\s.\-]/g, "").toUpperCase();

/**
 * Identifiant créancier SEPA: 2 letters (country), 2 check digits, a 3-character business code (ZZZ by default),
 * then the national identifier (6 characters in France). The check digits are ISO 7064 mod 97-10 over the national
 * identifier and the country, the business code left out.
 */
export function creditorIdFault(value: string): string | null {
  const ics = normalizeCreditorId(value);
  if (!ics) return "ICS : champ obligatoire.";
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(ics))
    return "ICS invalide : 2 lettres du pays, 2 chiffres de clé, 3 caractères (ZZZ), puis l'identifiant national (exemple : FR72ZZZ123456).";
  if (ics.startsWith("FR") && ics.length !== 13) return "ICS invalide : un ICS français a 13 caractères (exemple : FR72ZZZ123456).";
  if (mod97(`${ics.slice(7)}${ics.slice(0, 4)}`) !== 1) return "ICS invalide : vérifiez la clé (les deux chiffres après FR).";
  return null;
}

/** ISO 7064 mod 97-10 of an alphanumeric string (letters as 10–35), computed in chunks (no big integers). */
function mod97(text: string): number {
  const digits = [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join("");
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) rest = Number(`${rest}${digits.slice(i, i + 7)}`) % 97;
  return rest;
}

/** « FR76 •••• 1234 »: what a page shows of an account. */
export const maskIban = (iban: string) => `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;

/**
 * The SEPA character set (EPC: a–z A–Z 0–9 / - ? : ( ) . , ' + space): accents taken off, « & » and anything else
 * outside it (control characters too) replaced by a space, spaces collapsed, cut to `max`.
 */
export function sepaText(value: string, max: number): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßæœÆŒøØ]/g, (c) => ({ ß: "ss", æ: "ae", œ: "oe", Æ: "AE", Œ: "OE", ø: "o", Ø: "O" })[c] ?? " ")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .trim();
}
