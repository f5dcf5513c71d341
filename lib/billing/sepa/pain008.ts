/**
 * The pain.008.001.02 file (SEPA CORE direct debit initiation) of a batch, written with the `sepa` package (ADR 053):
 * one PmtInf per sequence (FRST, RCUR), every debit due on the batch's date. Amounts are integer cents here and
 * become « 12.34 » in the file; names are transliterated to the SEPA character set (the package checks ids, not names).
 * Pure: tests/sepa.test.ts validates what it writes against the official XSD.
 */
import SEPA from "sepa";
import { sepaText } from "./validate";

export interface Pain008Input {
  messageId: string;
  createdAt: Date;
  /** "YYYY-MM-DD". */
  dueDate: string;
  creditor: { id: string; name: string; iban: string; bic: string };
  debits: {
    endToEndId: string;
    amountCents: number;
    sequence: "FRST" | "RCUR";
    rum: string;
    /** "YYYY-MM-DD". */
    mandateSignedOn: string;
    debtorName: string;
    iban: string;
    bic: string;
    remittance: string;
  }[];
}

/** The package writes dates with the local clock's getters: a calendar day is given as local midnight of that day. */
const localDay = (day: string) => new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** « 1234 » cents → 12.34 (exact: the package checks the value has two decimals at most). */
const euros = (cents: number) => Number((cents / 100).toFixed(2));

export function pain008(input: Pain008Input): string {
  if (input.debits.length === 0) throw new Error("pain.008 sans prélèvement");
  const doc = new SEPA.Document("pain.008.001.02");
  doc.grpHdr.id = input.messageId;
  doc.grpHdr.created = input.createdAt;
  doc.grpHdr.initiatorName = sepaText(input.creditor.name, 70);
  for (const sequence of ["FRST", "RCUR"] as const) {
    const debits = input.debits.filter((d) => d.sequence === sequence);
    if (debits.length === 0) continue;
    const info = doc.createPaymentInfo();
    info.id = sequence;
    info.collectionDate = localDay(input.dueDate);
    info.creditorIBAN = input.creditor.iban;
    info.creditorBIC = input.creditor.bic;
    info.creditorName = sepaText(input.creditor.name, 70);
    info.creditorId = input.creditor.id;
    info.sequenceType = sequence;
    info.localInstrumentation = "CORE";
    info.batchBooking = true;
    doc.addPaymentInfo(info);
    for (const d of debits) {
      const tx = info.createTransaction();
      tx.debtorName = sepaText(d.debtorName, 70) || "Titulaire";
      tx.debtorIBAN = d.iban;
      tx.debtorBIC = d.bic;
      tx.mandateId = d.rum;
      tx.mandateSignatureDate = localDay(d.mandateSignedOn);
      tx.amount = euros(d.amountCents);
      tx.currency = "EUR";
      tx.remittanceInfo = sepaText(d.remittance, 140);
      tx.end2endId = d.endToEndId;
      info.addTransaction(tx);
    }
  }
  return doc.toString();
}
