/**
 * E-mail templates, HTML + text, in French. Their wording follows the examples
 * of the structures' own e-mails (seed 000): « Mme, Mr …, Votre demande … a été
 * validée. … Cordialement, » — with the one word of the glossary for a positive
 * decision (seed 000 says « acceptée » in one e-mail and « validée » elsewhere).
 */
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { config } from "@/lib/config";
import { deMonth, deName, isoToFrench, plural } from "@/lib/format";

/**
 * Stands for the structure's name in a template; the outbox puts the name set
 * in /admin/parametres in its place, in the transaction that queues the e-mail.
 */
export const STRUCTURE = "[[structure]]";
/** Stands for the product's name (« Portail Famille » until an admin renames it), put in place the same way. */
export const PORTAL = "[[portail]]";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export interface Addressee {
  civility: "M" | "MME";
  lastName: string;
  firstName: string;
}

/** « Madame » / « Monsieur ». */
export const civilityWord = (civility: Addressee["civility"]) => (civility === "MME" ? "Madame" : "Monsieur");

/**
 * « Nina Lefort », « Jean-Pierre Le Guen »: a name as people write it in a letter. A last name typed or imported in
 * capitals (« LEFORT », « LE GUEN ») gets back its lower case; one typed in mixed case (« de La Tour ») is kept.
 */
export function personName(person: { firstName: string; lastName: string }): string {
  const last = person.lastName.trim();
  const spoken =
    last === last.toUpperCase() && /\p{Lu}/u.test(last)
      ? last.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
      : last;
  return `${person.firstName.trim()} ${spoken}`;
}

/** « Madame Aurélie Durand, ». */
export function salutation(person: Addressee): string {
  return `${civilityWord(person.civility)} ${personName(person)},`;
}

/** « 12,00 € » with a plain space, as a text e-mail shows it everywhere (Intl puts a narrow no-break space). */
const amountText = (cents: number) => `${(cents / 100).toFixed(2).replace(".", ",")} €`;

/** Paragraphs of plain text → both renderings; a paragraph may hold one link. */
function render(subject: string, paragraphs: (string | { text: string; href: string })[]): RenderedEmail {
  const signature = ["Cordialement,", STRUCTURE];
  const text = [...paragraphs.map((p) => (typeof p === "string" ? p : `${p.text} : ${p.href}`)), signature.join("\n")].join("\n\n");
  const body = paragraphs
    .map((p) =>
      typeof p === "string"
        ? `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`
        : `<p><a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a></p>`,
    )
    .join("\n");
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937;line-height:1.5">
${body}
<p>${signature.map(escapeHtml).join("<br>")}</p>
</body></html>`;
  return { subject, html, text };
}

/*
 * The e-mails sent to an address nobody has checked yet (a new account request, « Mot de passe
 * oublié ») carry no text typed by the visitor: a name such as « Votre compte est suspendu… » would
 * otherwise reach any inbox from the structure's own address.
 */

export function accountRequestReceivedEmail(): RenderedEmail {
  return render("Votre demande de création de compte a bien été reçue", [
    "Bonjour,",
    `Votre demande de création de compte sur ${PORTAL} (${STRUCTURE}) a bien été reçue. Elle est en attente de validation par la structure.`,
    "Vous recevrez un e-mail dès qu'elle aura été traitée. Vous pourrez alors vous connecter avec votre adresse e-mail et le mot de passe que vous avez choisi.",
  ]);
}

/** « Créer mon compte » with an address that already has an account or a pending request. */
export function accountAlreadyExistsEmail(kind: "ACCOUNT" | "PENDING_REQUEST"): RenderedEmail {
  return render("Votre demande de création de compte", [
    "Bonjour,",
    `Une demande de création de compte sur ${PORTAL} (${STRUCTURE}) vient d'être faite avec cette adresse e-mail.`,
    kind === "ACCOUNT"
      ? "Un compte existe déjà avec cette adresse : aucun nouveau compte n'a été créé. Si vous avez oublié votre mot de passe, utilisez « Mot de passe oublié » sur la page de connexion."
      : "Une demande de création de compte est déjà en attente de validation avec cette adresse : aucune nouvelle demande n'a été enregistrée. Vous recevrez un e-mail dès qu'elle aura été traitée.",
    {
      text: kind === "ACCOUNT" ? "Mot de passe oublié" : "Page de connexion",
      href: `${config.appUrl}${kind === "ACCOUNT" ? "/mot-de-passe-oublie" : "/connexion"}`,
    },
    "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail.",
  ]);
}

export function accountValidatedEmail(person: Addressee): RenderedEmail {
  return render(`Votre compte ${PORTAL} est validé`, [
    salutation(person),
    "Votre demande de création de compte a été validée.",
    "Vous pouvez dès maintenant vous connecter avec votre adresse e-mail et votre mot de passe, puis compléter votre dossier famille.",
    { text: `Se connecter à ${PORTAL}`, href: `${config.appUrl}/connexion` },
  ]);
}

export function accountRefusedEmail(person: Addressee, reason: string): RenderedEmail {
  return render("Votre demande de création de compte a été refusée", [
    salutation(person),
    `Votre demande de création de compte sur ${PORTAL} a été refusée.`,
    `Motif : ${reason}`,
    "Pour toute question, contactez l'accueil de la structure.",
  ]);
}

export function passwordResetEmail(person: Addressee, link: string, validMinutes: number): RenderedEmail {
  return render("Réinitialisation de votre mot de passe", [
    salutation(person),
    `Vous avez demandé à réinitialiser votre mot de passe sur ${PORTAL}.`,
    { text: "Choisir un nouveau mot de passe", href: link },
    `Ce lien ne peut servir qu'une fois et expire dans ${validMinutes} minutes. Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.`,
  ]);
}

/** « Mot de passe oublié » for an address without a usable account: the same work, another e-mail. */
export function passwordResetNoAccountEmail(): RenderedEmail {
  return render("Réinitialisation de votre mot de passe", [
    "Bonjour,",
    `Une réinitialisation du mot de passe sur ${PORTAL} (${STRUCTURE}) a été demandée pour cette adresse e-mail, mais aucun compte actif n'y correspond.`,
    "Si vous avez un compte avec une autre adresse, recommencez avec celle-ci ; si votre compte a été désactivé, contactez la structure. Vous pouvez aussi demander la création d'un compte.",
    { text: "Créer mon compte", href: `${config.appUrl}/creer-mon-compte` },
    "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail.",
  ]);
}

export function changeRequestValidatedEmail(person: Addressee, subject: string): RenderedEmail {
  return render(`Votre demande a été validée : ${subject}`, [
    salutation(person),
    `Votre demande « ${subject} » a été validée. La modification est enregistrée dans votre dossier famille.`,
    { text: "Voir mon tableau de bord", href: `${config.appUrl}/tableau-de-bord` },
  ]);
}

export function changeRequestRefusedEmail(person: Addressee, subject: string, reason: string): RenderedEmail {
  return render(`Votre demande a été refusée : ${subject}`, [
    salutation(person),
    `Votre demande « ${subject} » a été refusée.`,
    `Motif : ${reason}`,
    { text: "Voir mon tableau de bord", href: `${config.appUrl}/tableau-de-bord` },
  ]);
}

/**
 * Garde alternée (ADR 051): staff linked a child to a second foyer, or removed that link — written to the parents of
 * both foyers, each in its own e-mail, naming nothing of the other foyer.
 */
export function childFoyerLinkEmail(person: Addressee, childFirstName: string, linked: boolean): RenderedEmail {
  return render(`Garde alternée : ${childFirstName}`, [
    salutation(person),
    linked
      ? `La structure a lié ${childFirstName} aux foyers de ses deux parents. Chaque parent voit désormais sa fiche et ses inscriptions dans « Ma famille », avec son propre compte, son adresse, son quotient familial et ses factures ; aucun ne voit le dossier de l'autre.`
      : `La structure a retiré le lien de ${childFirstName} avec son second foyer : seul le foyer qui l'a inscrit voit désormais sa fiche et ses inscriptions.`,
    { text: "Voir ma famille", href: `${config.appUrl}/ma-famille` },
  ]);
}

/** Requests prepared for a child who was then refused, or that could no longer be sent at the child's validation (ADR 037). */
export function preparedInscriptionsDroppedEmail(
  person: Addressee,
  childFirstName: string,
  dropped: { title: string; why: string }[],
): RenderedEmail {
  return render(`Demande d'inscription non envoyée : ${childFirstName}`, [
    salutation(person),
    `${dropped.length === 1 ? "La demande d'inscription que vous aviez préparée" : "Les demandes d'inscription que vous aviez préparées"} pour ${childFirstName} n'${dropped.length === 1 ? "a" : "ont"} pas pu être envoyée${dropped.length === 1 ? "" : "s"} :`,
    dropped.map((d) => `- ${d.title} : ${d.why}`).join("\n"),
    { text: "Voir mon tableau de bord", href: `${config.appUrl}/tableau-de-bord` },
  ]);
}

/*
 * The inscription and booking e-mails keep the sentences of the structures' own e-mails (seed 000: « Votre demande de
 * création d'inscription pour l'individu … à l'activité … a été validée. L'inscription commence le … et finit le … »),
 * with the child's name as people write it (« Nina Lefort », personName), the activity's own name (not the path
 * « STRUCTURE - ACTIVITÉ - PÉRIODE » in capitals), dates with their weekday (« mercredi 6 janvier 2027 ») and no fact in
 * brackets when it is empty (« (Aucune réservation n'est en liste d'attente) » is left out).
 */

export function inscriptionValidatedEmail(
  person: Addressee,
  childName: string,
  activity: string,
  start: string,
  end: string,
): RenderedEmail {
  return render("Votre demande d'inscription a été validée", [
    salutation(person),
    `Votre demande de création d'inscription pour l'individu ${childName} à l'activité ${activity} a été validée.\nL'inscription commence le ${start} et finit le ${end}.`,
    "Vous pouvez maintenant faire vos réservations dans « Mes réservations ».",
    { text: "Faire mes réservations", href: `${config.appUrl}/mes-reservations` },
  ]);
}

/**
 * Renewals validated at once (« Réinscrire », ADR 052): one e-mail per family, the sentence of
 * inscriptionValidatedEmail for each child, then the semaine type to send again.
 */
export function renewalsValidatedEmail(
  person: Addressee,
  inscriptions: { childName: string; activity: string; start: string; end: string }[],
): RenderedEmail {
  return render(inscriptions.length === 1 ? "Votre demande d'inscription a été validée" : "Vos demandes d'inscription ont été validées", [
    salutation(person),
    ...inscriptions.map(
      (i) =>
        `Votre demande de création d'inscription pour l'individu ${i.childName} à l'activité ${i.activity} a été validée.\nL'inscription commence le ${i.start} et finit le ${i.end}.`,
    ),
    "Vous pouvez maintenant faire vos réservations dans « Mes réservations » : la semaine type de cette année vous est proposée dans « Réinscrire ».",
    { text: "Reprendre ma semaine type", href: `${config.appUrl}/mes-inscriptions/reinscrire` },
  ]);
}

export function inscriptionRefusedEmail(person: Addressee, childName: string, activity: string, reason: string): RenderedEmail {
  return render("Votre demande d'inscription a été refusée", [
    salutation(person),
    `Votre demande de création d'inscription pour l'individu ${childName} à l'activité ${activity} a été refusée.`,
    `Motif : ${reason}`,
  ]);
}

export function inscriptionWaitlistedEmail(person: Addressee, childName: string, activity: string, position: number): RenderedEmail {
  return render("Votre demande d'inscription est en liste d'attente", [
    salutation(person),
    `Votre demande de création d'inscription pour l'individu ${childName} à l'activité ${activity} est en liste d'attente, en position ${position}.`,
    "Vous recevrez un e-mail dès qu'une place se libère et que la structure valide votre demande.",
  ]);
}

/** A place freed for a waiting request of an activity whose inscriptions staff validate (ADR 033). */
export function inscriptionOfferedEmail(person: Addressee, childName: string, activity: string): RenderedEmail {
  return render("Une place s'est libérée pour votre demande d'inscription", [
    salutation(person),
    `Une place s'est libérée : votre demande de création d'inscription pour l'individu ${childName} à l'activité ${activity} n'est plus en liste d'attente. La place lui est gardée ; la structure va maintenant valider la demande.`,
    "Vous recevrez un e-mail dès qu'elle sera validée.",
  ]);
}

export function inscriptionCancelledEmail(person: Addressee, childName: string, activity: string, reason: string): RenderedEmail {
  return render("Votre inscription a été annulée", [
    salutation(person),
    `L'inscription de l'individu ${childName} à l'activité ${activity} a été annulée par la structure.`,
    `Motif : ${reason}`,
  ]);
}

/** One inscription's part of a reservation e-mail: the child, the activity, the inscription's dates, one line per date and unit. */
export interface ReservationSection {
  childName: string;
  activity: string;
  /** « mercredi 6 janvier 2027 ». */
  start: string;
  end: string;
  /** « mercredi 6 janvier 2027 - Temps d'accueil : Matin avec repas - Réservation validée ». */
  lines: string[];
  /** The inscription's solde dû after this decision (inscriptionDues), in cents; left out of the e-mail when 0 or unknown. */
  dueCents?: number;
}

const sectionText = (s: ReservationSection) =>
  `${s.childName} — activité ${s.activity}, inscription du ${s.start} au ${s.end} :\n${s.lines.join("\n")}`;

/** Seed 000: « Compte tenu de ces nouvelles demandes, le solde dû de l'inscription … est de … € » — only when something is due. */
const dueText = (s: ReservationSection) =>
  s.dueCents
    ? [
        `Compte tenu de ces nouvelles demandes, le solde dû de l'inscription ${deName(s.childName)} à l'activité ${s.activity} est de ${amountText(s.dueCents)}.`,
      ]
    : [];

/** The receipt of « Valider mes demandes »: what became of every cell sent. */
export function reservationRequestsEmail(person: Addressee, sections: ReservationSection[]): RenderedEmail {
  return render("Vos demandes de réservation", [
    salutation(person),
    "Vos demandes de réservation ont bien été reçues. Selon le détail :",
    ...sections.map(sectionText),
    ...sections.flatMap(dueText),
    { text: "Voir mes réservations", href: `${config.appUrl}/mes-reservations` },
  ]);
}

/** Seed 000: « Les demandes de réservations pour … ont été acceptées. Elles concernent l'inscription … ». */
export function reservationsAcceptedEmail(person: Addressee, sections: ReservationSection[], first: string, last: string): RenderedEmail {
  return render("Vos demandes de réservation ont été validées", [
    salutation(person),
    ...sections.map(
      (s) =>
        `Les demandes de réservations pour ${s.childName} ont été validées.\nElles concernent l'inscription à l'activité ${s.activity} du ${s.start} au ${s.end}.`,
    ),
    `Les réservations validées sont comprises entre le ${first} et le ${last}.\nSelon le détail :\n${sections.flatMap((s) => s.lines).join("\n")}`,
    ...sections.flatMap(dueText),
    { text: "Voir mes réservations", href: `${config.appUrl}/mes-reservations` },
  ]);
}

export function reservationsRefusedEmail(person: Addressee, sections: ReservationSection[], reason: string): RenderedEmail {
  return render("Vos demandes de réservation ont été refusées", [
    salutation(person),
    ...sections.map(
      (s) => `Les demandes de réservations pour ${s.childName} à l'activité ${s.activity} ont été refusées :\n${s.lines.join("\n")}`,
    ),
    `Motif : ${reason}`,
  ]);
}

/** A place freed: a waiting request got it. */
export function reservationPromotedEmail(person: Addressee, sections: ReservationSection[]): RenderedEmail {
  return render("Une place s'est libérée", [
    salutation(person),
    "Une place s'est libérée : votre demande en liste d'attente a obtenu la place.",
    ...sections.map(sectionText),
    ...sections.flatMap(dueText),
    { text: "Voir mes réservations", href: `${config.appUrl}/mes-reservations` },
  ]);
}

/**
 * Garde alternée (ADR 051): the child's custody calendar changed. Sent to each foyer, in its own words — « chez vous »
 * and « chez l'autre parent », never the other foyer's name, address or anything of its own — with the booked days
 * that moved (each now booked and billed for the foyer that has the child that day).
 */
export function custodyChangedEmail(
  person: Addressee,
  child: { id: string; firstName: string },
  moved: { toYou: string[]; toOther: string[] },
): RenderedEmail {
  const list = (days: string[]) => days.map((d) => `- ${d}`).join("\n");
  return render(`Calendrier de garde de ${child.firstName}`, [
    salutation(person),
    ...(moved.toYou.length + moved.toOther.length === 0
      ? [`Le calendrier de garde de ${child.firstName} a changé. Aucun jour déjà réservé ne change de foyer.`]
      : []),
    ...(moved.toYou.length
      ? [
          `Le calendrier de garde de ${child.firstName} a changé : les jours réservés suivants sont désormais chez vous, réservés et facturés à votre foyer :\n${list(moved.toYou)}`,
        ]
      : []),
    ...(moved.toOther.length
      ? [
          `Le calendrier de garde de ${child.firstName} a changé : les jours réservés suivants sont désormais chez l'autre parent, réservés et facturés à son foyer :\n${list(moved.toOther)}`,
        ]
      : []),
    { text: "Voir le calendrier de garde", href: `${config.appUrl}/ma-famille/enfants/${child.id}/garde` },
  ]);
}

/** Reminder: inscriptions of an activity the family's children are inscribed in open tomorrow. */
export function openingReminderEmail(person: Addressee, activities: { name: string; opensAt: string }[]): RenderedEmail {
  return render("Rappel : ouverture des inscriptions demain", [
    salutation(person),
    ...activities.map((a) => `Les inscriptions à ${a.name} ouvrent demain, le ${a.opensAt}.`),
    "Les places sont attribuées dans l'ordre d'arrivée des demandes.",
    { text: "Mes inscriptions", href: `${config.appUrl}/mes-inscriptions` },
    "Vous pouvez désactiver ces rappels dans Mes coordonnées.",
  ]);
}

/** Reminder: tomorrow is the last day to book free days, or to cancel bookings without being billed. */
export function deadlineReminderEmail(person: Addressee, toBook: string[], toCancel: string[]): RenderedEmail {
  return render("Rappel : délais de réservation et d'annulation demain", [
    salutation(person),
    ...(toBook.length ? [`Demain est le dernier jour pour réserver :\n${toBook.join("\n")}`] : []),
    ...(toCancel.length ? [`Demain est le dernier jour pour annuler sans être facturé :\n${toCancel.join("\n")}`] : []),
    { text: "Mes réservations", href: `${config.appUrl}/mes-reservations` },
    "Vous pouvez désactiver ces rappels dans Mes coordonnées.",
  ]);
}

/** A month's invoice issued: its number, amount and due date (seed 004 « payer avant »). */
export function invoiceIssuedEmail(
  person: Addressee,
  invoice: { id: string; number: string; totalCents: number },
  dueDay: string,
  month: string,
): RenderedEmail {
  return render(`Votre facture ${invoice.number}`, [
    salutation(person),
    `Votre facture n° ${invoice.number} ${deMonth(month)} est disponible : ${amountText(invoice.totalCents)}, à payer avant le ${isoToFrench(dueDay)}.`,
    "Vous pouvez la consulter et la payer en ligne dans Mes factures.",
    { text: `Télécharger la facture n° ${invoice.number} (PDF)`, href: `${config.appUrl}/factures/${invoice.id}/facture` },
    { text: "Mes factures", href: `${config.appUrl}/mes-factures` },
  ]);
}

const METHOD_WORDS = {
  STRIPE: "en ligne",
  CARTE_GUICHET: "par carte à l'accueil",
  ESPECES: "en espèces",
  CHEQUE: "par chèque",
  VIREMENT: "par virement",
  CESU: "en CESU",
  PRELEVEMENT: "par prélèvement",
  PAYFIP: "en ligne (PayFiP)",
} as const satisfies Record<PaymentMethod, string>;

/**
 * The receipt of a payment, online or at the desk (the quittance is in Mes factures). `excessCents`: what was paid
 * beyond what was still due (an invoice settled meanwhile) — the family is told it is refunded or credited, and how much.
 */
export function paymentReceivedEmail(
  person: Addressee,
  amountCents: number,
  invoiceNumbers: string[],
  method: keyof typeof METHOD_WORDS = "STRIPE",
  excessCents = 0,
): RenderedEmail {
  const invoices = invoiceNumbers.length
    ? `${invoiceNumbers.length > 1 ? "les factures" : "la facture"} n° ${invoiceNumbers.join(", ")}`
    : "";
  return render(excessCents > 0 ? "Paiement reçu : trop-perçu à rembourser" : "Paiement reçu", [
    salutation(person),
    excessCents > 0
      ? `Nous avons bien reçu votre paiement ${METHOD_WORDS[method]} de ${amountText(amountCents)}${invoiceNumbers.length ? ` : ${amountText(amountCents - excessCents)} sont affectés ${invoiceNumbers.length > 1 ? "aux factures" : "à la facture"} n° ${invoiceNumbers.join(", ")}` : ""}. Merci.`
      : `Nous avons bien reçu votre paiement ${METHOD_WORDS[method]} de ${amountText(amountCents)}${invoices ? ` pour ${invoices}` : ""}. Merci.`,
    ...(excessCents > 0
      ? [
          `Ce paiement dépasse de ${amountText(excessCents)} ce qui restait à payer (une facture a été réglée entre-temps) : ce trop-perçu de ${amountText(excessCents)} vous sera remboursé ou déduit de votre prochaine facture. L'accueil vous contactera.`,
        ]
      : []),
    "La quittance est disponible dans Mes factures.",
    { text: "Mes factures", href: `${config.appUrl}/mes-factures` },
  ]);
}

/** An avoir: a correction of an issued invoice (which is never edited). */
export function creditNoteEmail(
  person: Addressee,
  creditNote: { id: string; number: string; amountCents: number },
  invoiceNumber: string,
  reason: string,
): RenderedEmail {
  return render(`Avoir ${creditNote.number} sur votre facture ${invoiceNumber}`, [
    salutation(person),
    `Un avoir n° ${creditNote.number} de ${amountText(creditNote.amountCents)} a été établi sur votre facture n° ${invoiceNumber}. Motif : ${reason}`,
    "Il est déduit de ce que vous devez ; si la facture était déjà payée, la somme vous sera remboursée ou déduite de la prochaine facture.",
    { text: `Télécharger l'avoir n° ${creditNote.number} (PDF)`, href: `${config.appUrl}/factures/${creditNote.id}/facture` },
  ]);
}

/** The structure looked at documents the family sent: one e-mail for what was decided together. */
export function documentsDecidedEmail(person: Addressee, accepted: string[], refused: { title: string; reason: string }[]): RenderedEmail {
  return render(refused.length ? "Document refusé : à renvoyer" : "Document accepté", [
    salutation(person),
    ...(accepted.length
      ? [`${accepted.length > 1 ? "Ces documents ont été acceptés" : "Ce document a été accepté"} : ${accepted.join(", ")}.`]
      : []),
    ...refused.map((r) => `Le document « ${r.title} » a été refusé. Motif : ${r.reason}`),
    ...(refused.length ? ["Vous pouvez envoyer un nouveau document à la place dans Mes envois."] : []),
    { text: "Mes envois", href: `${config.appUrl}/mes-envois` },
  ]);
}

/** Staff answered a message of the family (« Contact »): the text is on the portal, never in the e-mail. */
export function messageAnsweredEmail(person: Addressee, subject: string, threadId: string): RenderedEmail {
  return render(`Réponse de la structure : ${subject}`, [
    salutation(person),
    `La structure a répondu à votre message « ${subject} ». Connectez-vous au portail pour lire sa réponse.`,
    { text: "Lire la réponse", href: `${config.appUrl}/mes-messages/${threadId}` },
  ]);
}

/** An exceptional day (strike, trip, late closure): everything booked that day is cancelled by the structure, never billed. */
export function dayCancelledEmail(person: Addressee, sections: ReservationSection[], reason: string): RenderedEmail {
  return render("Accueil annulé par la structure", [
    salutation(person),
    `Nous vous informons que l'accueil est annulé par la structure pour les jours ci-dessous. Motif : ${reason}`,
    ...sections.map(sectionText),
    "Ces jours ne vous seront pas facturés ; les demandes et la liste d'attente de ces jours sont annulées.",
    { text: "Voir mes réservations", href: `${config.appUrl}/mes-reservations` },
  ]);
}

/** Seed 004: « 2 annulations excusées les : 06/05, 13/05 » / « 1 annulation facturée le : 20/05 », per unit. */
export function cancellationsDecidedEmail(
  person: Addressee,
  childName: string,
  activity: string,
  units: { unit: string; excused: string[]; billed: string[] }[],
  reason: string | null,
): RenderedEmail {
  const phrase = (days: string[], excused: boolean) =>
    `${days.length} ${plural(days.length, excused ? "annulation excusée le" : "annulation facturée le", excused ? "annulations excusées les" : "annulations facturées les")} : ${days.join(", ")}`;
  return render("Réponse à vos demandes d'annulation", [
    salutation(person),
    `Nous vous informons que votre demande d'annulation concernant ${childName} pour la prestation ${activity} a été validée.`,
    "Ci-dessous, le détail de la réponse concernant vos demandes d'annulation :",
    ...units.map((u) =>
      [u.unit, u.excused.length ? phrase(u.excused, true) : "", u.billed.length ? phrase(u.billed, false) : ""].filter(Boolean).join("\n"),
    ),
    ...(reason ? [`Motif : ${reason}`] : []),
  ]);
}

/** « Activer mon compte »: a family imported by the structure chooses its password (single-use link). */
export function accountActivationEmail(person: Addressee, email: string, link: string, validDays: number): RenderedEmail {
  return render(`Activez votre compte ${PORTAL}`, [
    salutation(person),
    `${STRUCTURE} a ouvert votre compte sur ${PORTAL}, avec l'adresse ${email}. Pour l'utiliser, choisissez votre mot de passe :`,
    { text: "Activer mon compte", href: link },
    `Ce lien ne peut servir qu'une fois et expire dans ${validDays} jours. Ensuite, « Mot de passe oublié » sur la page de connexion vous enverra un nouveau lien.`,
  ]);
}

/** « Générer et publier les attestations » (ADR 056): one e-mail per family for the year, whatever its number of children. */
export function taxCertificatesEmail(person: Addressee, year: number, children: string[]): RenderedEmail {
  const plural_ = children.length > 1;
  return render(`Vos attestations de frais de garde ${year} sont disponibles`, [
    salutation(person),
    `${plural_ ? "Les attestations" : "L'attestation"} de frais de garde ${year} pour ${children.join(", ")} ${plural_ ? "sont disponibles" : "est disponible"} : le montant à reporter sur votre déclaration de revenus (crédit d'impôt pour frais de garde des enfants de moins de 6 ans).`,
    "Vous la trouverez dans Mes factures (Attestations fiscales) et dans Téléchargements.",
    { text: "Mes factures", href: `${config.appUrl}/mes-factures#attestations-fiscales` },
  ]);
}

/*
 * Prélèvement SEPA (ADR 053): the mandate recorded, the pré-notification of each debit, a rejected debit.
 */

/** The mandate signed online or recorded from a paper one: its reference and from which month it applies. */
export function sepaMandateEmail(
  person: Addressee,
  m: { rum: string; maskedIban: string; fromMonth: string; creditor: string },
): RenderedEmail {
  return render("Mandat de prélèvement SEPA enregistré", [
    salutation(person),
    `Votre mandat de prélèvement SEPA (référence unique du mandat ${m.rum}) au profit de ${m.creditor} est enregistré, sur le compte ${m.maskedIban}. Vos factures seront prélevées à partir de celles de ${m.fromMonth} ; chaque prélèvement vous sera annoncé par e-mail avec son montant et sa date.`,
    "Vous pouvez télécharger le mandat ou le révoquer dans Mes factures.",
    { text: "Mes factures", href: `${config.appUrl}/mes-factures` },
  ]);
}

/** The pré-notification: « Votre facture n° … de … € sera prélevée le … sur le compte …1234 (mandat RUM …) ». */
export function debitPrenotificationEmail(
  person: Addressee,
  debits: { invoiceNumber: string; amountCents: number }[],
  d: { dueDate: string; accountEnd: string; rum: string; creditorId: string },
): RenderedEmail {
  return render("Prélèvement à venir", [
    salutation(person),
    ...debits.map(
      (x) =>
        `Votre facture n° ${x.invoiceNumber} de ${amountText(x.amountCents)} sera prélevée le ${d.dueDate} sur le compte …${d.accountEnd} (mandat RUM ${d.rum}).`,
    ),
    `Identifiant créancier SEPA : ${d.creditorId}. Veillez à ce que votre compte soit approvisionné à cette date ; d'ici là, ${debits.length > 1 ? "ces factures ne peuvent" : "cette facture ne peut"} pas être payée${debits.length > 1 ? "s" : ""} en ligne.`,
    { text: "Mes factures", href: `${config.appUrl}/mes-factures` },
  ]);
}

/** The bank returned the debit: the invoice is due again (and a fee, if the lieu charges one). */
export function debitRejectedEmail(
  person: Addressee,
  d: { invoiceNumber: string; amountCents: number; reason: string; fee: { number: string; amountCents: number } | null },
): RenderedEmail {
  return render("Prélèvement rejeté", [
    salutation(person),
    `Le prélèvement de ${amountText(d.amountCents)} pour la facture n° ${d.invoiceNumber} a été rejeté par votre banque (motif : ${d.reason}). La facture est de nouveau à payer : en ligne dans Mes factures, ou à l'accueil.`,
    ...(d.fee ? [`Des frais de rejet de ${amountText(d.fee.amountCents)} vous sont facturés (facture n° ${d.fee.number}).`] : []),
    { text: "Mes factures", href: `${config.appUrl}/mes-factures` },
  ]);
}
