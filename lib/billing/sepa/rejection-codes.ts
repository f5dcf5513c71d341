/**
 * The common ISO 20022 return reason codes of a SEPA direct debit (EPC SDD Core rulebook, « R-transactions »), with
 * the words staff and families read. A code not in this list is refused (a typo would say nothing to the family).
 */
export const REJECTION_CODES = {
  AC01: "Numéro de compte (IBAN) incorrect",
  AC04: "Compte clôturé",
  AC06: "Compte bloqué",
  AC13: "Compte d'un client non consommateur",
  AG01: "Prélèvement interdit sur ce compte",
  AG02: "Code opération incorrect",
  AM04: "Provision insuffisante",
  AM05: "Prélèvement en double",
  BE05: "Créancier inconnu de la banque",
  CNOR: "Banque du créancier injoignable",
  DNOR: "Banque du débiteur injoignable",
  FF01: "Fichier ou format invalide",
  MD01: "Pas de mandat valide",
  MD02: "Données du mandat manquantes ou incorrectes",
  MD06: "Remboursement demandé par le débiteur",
  MD07: "Titulaire du compte décédé",
  MS02: "Refus du débiteur (motif non communiqué)",
  MS03: "Motif non communiqué par la banque",
  RC01: "BIC incorrect",
  RR01: "Identification du débiteur manquante (réglementaire)",
  RR02: "Nom ou adresse du débiteur manquant (réglementaire)",
  RR03: "Nom ou adresse du créancier manquant (réglementaire)",
  RR04: "Motif réglementaire",
  SL01: "Service spécifique de la banque du débiteur (opposition)",
} as const satisfies Record<string, string>;

export type RejectionCode = keyof typeof REJECTION_CODES;

export const REJECTION_CODE_VALUES = Object.keys(REJECTION_CODES) as [RejectionCode, ...RejectionCode[]];

export const isRejectionCode = (code: string): code is RejectionCode => code in REJECTION_CODES;

export const rejectionOptions = () => REJECTION_CODE_VALUES.map((code) => ({ value: code, label: `${code} — ${REJECTION_CODES[code]}` }));
