import Link from "next/link";
import type { Role } from "@/lib/generated/prisma/enums";
import type { PortalIdentity } from "@/lib/settings/defaults";
import { LinkButton } from "@/components/ui/link-button";
import { MainNav } from "./main-nav";
import { navFor, type NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The structure's logo, or its initials in its colour until it has one. */
export function Emblem({ identity }: { identity: PortalIdentity }) {
  if (identity.logoVersion) {
    // eslint-disable-next-line @next/next/no-img-element -- a small image from our own route; next/image adds nothing here
    return <img src={`/api/logo?v=${identity.logoVersion}`} alt="" className="h-12 w-auto max-w-32 object-contain" />;
  }
  const words = identity.name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  const initials = (words.length > 1 ? `${words[0][0]}${words[words.length - 1][0]}` : (words[0]?.slice(0, 2) ?? "PF")).toUpperCase();
  return (
    <span
      aria-hidden="true"
      className="inline-flex size-12 shrink-0 items-center justify-center rounded-lg bg-brand text-lg font-bold text-white"
    >
      {initials}
    </span>
  );
}

export function SiteHeader({
  user,
  identity,
  counts,
}: {
  user: { displayName: string; role: Role } | null;
  identity: PortalIdentity;
  counts?: Record<string, NavLink["count"]>;
}) {
  const groups = navFor(user?.role ?? null, counts);
  return (
    <header className="border-b border-gray-300 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href="/" className="flex min-h-11 items-center gap-3 text-gray-900 no-underline">
          <Emblem identity={identity} />
          <span>
            <span className="block text-lg font-bold leading-tight text-brand">{identity.productName}</span>
            <span className="block text-sm leading-tight text-gray-700">{identity.name}</span>
          </span>
        </Link>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden text-gray-800 md:inline">{user.displayName}</span>
            <SignOutButton />
          </div>
        ) : (
          <nav aria-label="Compte" className="flex gap-2 text-sm">
            <LinkButton href="/connexion" variant="quiet" size="sm">
              Se connecter
            </LinkButton>
            <LinkButton href="/creer-mon-compte" variant="secondary" size="sm">
              Créer mon compte
            </LinkButton>
          </nav>
        )}
      </div>
      {user && groups.length > 0 ? <MainNav groups={groups} userName={user.displayName} /> : null}
    </header>
  );
}
