import type { Role } from "@/lib/generated/prisma/enums";

export interface NavLink {
  href: string;
  label: string;
  /** What waits behind the link (« 2 non lus »), shown as a badge. */
  count?: { value: number; word: string };
  /** Shown to administrators only (« Équipe »). */
  adminOnly?: boolean;
}
export interface NavGroup {
  label?: string;
  links: NavLink[];
}

/** The parent rubriques that exist so far; a rubrique appears here once it works. */
const PARENT_NAV: NavGroup[] = [
  {
    links: [
      { href: "/tableau-de-bord", label: "Mon tableau de bord" },
      { href: "/ma-famille", label: "Ma famille" },
      { href: "/mes-inscriptions", label: "Mes inscriptions" },
      { href: "/mes-reservations", label: "Mes réservations" },
      { href: "/mes-factures", label: "Mes factures" },
      { href: "/mes-messages", label: "Mes messages" },
    ],
  },
  // The family's file, less often opened: one menu, so that the band holds on one row at 1280 px.
  {
    label: "Mon dossier",
    links: [
      { href: "/mes-coordonnees", label: "Mes coordonnées" },
      { href: "/mes-envois", label: "Mes envois" },
      { href: "/telechargements", label: "Téléchargements" },
    ],
  },
];

/**
 * The back office, grouped as the front desk thinks of it: the dashboard, then four menus (each opens its rubriques),
 * so that the band holds on one row at 1280 px.
 */
const STAFF_NAV: NavGroup[] = [
  { links: [{ href: "/admin", label: "Tableau de bord" }] },
  {
    label: "Demandes",
    links: [
      { href: "/admin/demandes-de-compte", label: "Demandes de compte" },
      { href: "/admin/demandes-de-modification", label: "Demandes de modification" },
      { href: "/admin/inscriptions", label: "Inscriptions" },
      { href: "/admin/reservations", label: "Réservations" },
      { href: "/admin/documents", label: "Documents reçus" },
      { href: "/admin/messages", label: "Messages" },
    ],
  },
  {
    label: "Accueil",
    links: [
      { href: "/admin/pointage", label: "Pointage" },
      { href: "/admin/occupation", label: "Occupation" },
      { href: "/admin/familles", label: "Familles" },
    ],
  },
  {
    label: "Facturation",
    links: [
      { href: "/admin/facturation", label: "Facturation" },
      { href: "/admin/paiements", label: "Paiements" },
    ],
  },
  {
    label: "Paramètres",
    links: [
      { href: "/admin/activites", label: "Activités" },
      { href: "/admin/structures", label: "Lieux d'accueil" },
      { href: "/admin/courriels", label: "E-mails" },
      { href: "/admin/equipe", label: "Équipe", adminOnly: true },
      { href: "/admin/parametres", label: "Paramètres" },
      { href: "/admin/import", label: "Importer les familles", adminOnly: true },
    ],
  },
];

export function navFor(role: Role | null, counts: Record<string, NavLink["count"]> = {}): NavGroup[] {
  if (!role) return [];
  const groups = role === "PARENT" ? PARENT_NAV : STAFF_NAV;
  return groups.map((g) => ({
    ...g,
    links: g.links
      .filter((l) => !l.adminOnly || role === "ADMIN")
      .map((l) => (counts[l.href]?.value ? { ...l, count: counts[l.href] } : l)),
  }));
}

/** "page" on the page itself, "true" inside its section (a family's page under « Familles »). */
export function currentState(href: string, pathname: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  if (href !== "/admin" && pathname.startsWith(`${href}/`)) return "true";
  return undefined;
}
