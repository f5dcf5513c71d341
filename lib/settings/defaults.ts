import { config } from "@/lib/config";
import type { InformationPageSlug } from "@/lib/generated/prisma/enums";
import { PRODUCT_NAME } from "./product-name";

export interface PortalIdentity {
  /** The product's name (header, page titles, e-mails, PDFs). */
  productName: string;
  name: string;
  primaryColor: string;
  address: string;
  phone: string;
  email: string;
  openingHours: string;
  /** Changes when the logo changes (cache-busting its URL); null without a logo. */
  logoVersion: string | null;
}

/** Until an admin sets them in /admin/parametres (the demo seeds a plausible one). */
export const DEFAULT_IDENTITY: PortalIdentity = {
  productName: PRODUCT_NAME,
  name: config.structureName,
  primaryColor: "#1e40af",
  address: "",
  phone: "",
  email: "",
  openingHours: "",
  logoVersion: null,
};

/** The footer pages, in the footer's order, with their URL. */
export const INFORMATION_PAGES: { slug: InformationPageSlug; path: string; title: string }[] = [
  { slug: "CONTACT", path: "/contact", title: "Contact" },
  { slug: "MENTIONS_LEGALES", path: "/mentions-legales", title: "Mentions légales" },
  { slug: "DONNEES_PERSONNELLES", path: "/donnees-personnelles", title: "Données personnelles" },
  { slug: "ACCESSIBILITE", path: "/accessibilite", title: "Déclaration d'accessibilité" },
];

/**
 * The starting text of each page: what a small structure can publish as it
 * is, to be completed by its staff (who publishes, who hosts, who to write to).
 */
export function defaultPageBody(slug: InformationPageSlug, name: string): string {
  switch (slug) {
    case "CONTACT":
      return [
        "Pour toute question sur une inscription, une réservation ou une facture, l'accueil vous répond aux heures d'ouverture indiquées ci-dessus, par téléphone, par e-mail ou sur place.",
        "Pour une modification de votre dossier (adresse, téléphones, quotient familial), passez plutôt par « Mes coordonnées » : votre demande est suivie dans « Mon tableau de bord ».",
      ].join("\n\n");
    case "MENTIONS_LEGALES":
      return [
        "## Éditeur",
        `Structure éditrice : ${name}. Directeur ou directrice de la publication : son représentant légal. Coordonnées : voir la page Contact.`,
        "## Hébergement",
        `Le portail est hébergé sur les serveurs de la structure éditrice (${name}), ou de son prestataire nommé sur demande auprès de l'accueil.`,
        "## Logiciel",
        "Portail Famille est un logiciel libre. Son code source est publié sous licence libre.",
      ].join("\n\n");
    case "DONNEES_PERSONNELLES":
      return [
        "## Ce que nous recueillons",
        [
          "- l'identité et les coordonnées des responsables légaux (nom, prénom, date de naissance, adresse, téléphones, e-mail) ;",
          "- pour chaque enfant : identité, école et classe, informations de santé utiles à son accueil (allergies, projet d'accueil individualisé ou PAI, régime alimentaire, médecin traitant), personnes autorisées à venir le chercher et autorisations (photo, sortie seul, soins d'urgence) ;",
          "- le quotient familial et le numéro d'allocataire CAF, pour appliquer le tarif qui correspond à vos ressources ;",
          "- vos demandes (inscriptions, réservations, modifications) et leurs décisions.",
        ].join("\n"),
        "## Pourquoi",
        "Ces données servent uniquement à inscrire et accueillir vos enfants en sécurité, à facturer au juste tarif et à vous informer. Le traitement repose sur la mission de service public de la structure et, pour les données de santé, sur l'intérêt de l'enfant lors de son accueil.",
        "## Qui les voit",
        "Votre famille et les agents de l'accueil qui en ont besoin. Les informations de santé ne sont montrées qu'à l'équipe qui accueille l'enfant. Rien n'est vendu ni transmis à des tiers, sauf obligation légale.",
        "## Combien de temps",
        "Le dossier est conservé tant que vos enfants fréquentent la structure, puis 3 ans après la dernière activité. Les factures sont conservées 10 ans (obligation comptable).",
        "## Vos droits",
        "Vous pouvez consulter, corriger ou faire effacer vos données, et vous opposer à leur traitement, en écrivant à l'accueil (voir la page Contact). Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).",
      ].join("\n\n");
    case "ACCESSIBILITE":
      return [
        `Structure responsable : ${name}. Elle s'engage à rendre ce portail accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`,
        "## État de conformité",
        "Ce portail est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : chaque page est vérifiée par un outil automatique et parcourue au clavier seul, sur téléphone et sur ordinateur ; un audit complet par un organisme indépendant reste à faire.",
        "## Établissement de cette déclaration",
        "Cette déclaration a été établie à partir de ces vérifications. Technologies utilisées : HTML, CSS, JavaScript.",
        "## Retour d'information et contact",
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'accueil (voir la page Contact) : nous vous proposerons une autre façon d'y accéder.",
        "## Voies de recours",
        "Si vous avez signalé un défaut d'accessibilité et n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des droits (www.defenseurdesdroits.fr) ou à son délégué de votre région.",
      ].join("\n\n");
  }
}
