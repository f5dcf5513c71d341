import Link from "next/link";
import type { Role } from "@/lib/generated/prisma/enums";
import { SignOutButton } from "./sign-out-button";

/** The parent rubriques that exist so far; a rubrique appears here once it works. */
const PARENT_LINKS = [
  { href: "/tableau-de-bord", label: "Mon tableau de bord" },
  { href: "/ma-famille", label: "Ma famille" },
  { href: "/mes-coordonnees", label: "Mes coordonnées" },
  { href: "/mes-inscriptions", label: "Mes inscriptions" },
];
const STAFF_LINKS = [
  { href: "/admin", label: "Accueil gestion" },
  { href: "/admin/demandes-de-compte", label: "Demandes de compte" },
  { href: "/admin/demandes-de-modification", label: "Demandes de modification" },
  { href: "/admin/inscriptions", label: "Inscriptions" },
  { href: "/admin/familles", label: "Familles" },
  { href: "/admin/activites", label: "Activités" },
  { href: "/admin/courriels", label: "Courriels" },
];

export function SiteHeader({ user, structureName }: { user: { displayName: string; role: Role } | null; structureName: string }) {
  const links = !user ? [] : user.role === "PARENT" ? PARENT_LINKS : STAFF_LINKS;
  return (
    <header className="border-b border-gray-300 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand no-underline">
          Portail Famille
          <span className="block text-sm font-normal text-gray-700">{structureName}</span>
        </Link>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <span className="text-gray-800">{user.displayName}</span>
            <SignOutButton />
          </div>
        ) : (
          <nav aria-label="Compte" className="flex gap-3 text-sm">
            <Link href="/connexion" className="link">Se connecter</Link>
            <Link href="/creer-mon-compte" className="link">Créer mon compte</Link>
          </nav>
        )}
      </div>
      {links.length > 0 ? (
        <nav aria-label="Rubriques" className="border-t border-gray-200 bg-blue-50">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-4 gap-y-1 px-4 py-2">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="link">{link.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
