"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Menu, X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { currentState, type NavGroup, type NavLink } from "./nav-links";

function NavItem({
  href,
  label,
  count,
  pathname,
  onNavigate,
  large,
}: NavLink & { pathname: string; onNavigate?: () => void; large?: boolean }) {
  const current = currentState(href, pathname);
  return (
    <Link
      href={href}
      aria-current={current}
      onClick={onNavigate}
      className={cn(
        "inline-flex min-h-11 items-center rounded-md px-3 font-semibold text-brand-dark no-underline hover:bg-white hover:underline",
        current && "bg-white text-gray-900 underline decoration-brand decoration-4 underline-offset-8",
        large && "w-full",
      )}
    >
      {label}
      {count ? (
        <span className="ml-2 inline-flex min-w-6 justify-center rounded-full bg-brand-dark px-1.5 text-sm text-white">
          {count.value}
          <span className="sr-only"> {count.word}</span>
        </span>
      ) : null}
    </Link>
  );
}

/**
 * The rubriques. At 768 px and more, one band of links (grouped for staff);
 * on a phone, a « Menu » button that opens them as a list. The current page is
 * marked for the eye and for screen readers (`aria-current`).
 */
export function MainNav({ groups, userName }: { groups: NavGroup[]; userName: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  // Close the phone menu when the page changes (back button included).
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setOpen(false), [pathname]);
  const current = groups.flatMap((g) => g.links).find((l) => currentState(l.href, pathname));
  return (
    <nav aria-label="Rubriques" className="border-t border-gray-200 bg-brand-soft">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-2 md:hidden">
        <span className="px-2 font-semibold text-gray-900">{current?.label ?? ""}</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((v) => !v)}
          className="inline-flex min-h-11 items-center gap-2 rounded-md px-3 font-semibold text-brand-dark hover:bg-white"
        >
          {open ? <X aria-hidden="true" className="size-5" /> : <Menu aria-hidden="true" className="size-5" />}
          Menu
        </button>
      </div>
      <div id={panelId} className={cn("mx-auto max-w-6xl px-2 pb-2 md:block md:pb-0", open ? "block" : "hidden")}>
        <ul className="flex flex-col md:flex-row md:flex-wrap md:items-center md:gap-x-4">
          {groups.map((group, index) => (
            <li key={group.label ?? index} className="md:flex md:items-center md:gap-1">
              {group.label ? (
                <span className="block px-3 pt-2 text-xs font-bold uppercase tracking-wide whitespace-nowrap text-gray-700 md:pt-0">
                  {group.label}
                </span>
              ) : null}
              <ul className="flex flex-col md:flex-row md:flex-wrap">
                {group.links.map((link) => (
                  <li key={link.href}>
                    <NavItem {...link} pathname={pathname} large onNavigate={() => setOpen(false)} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <p className="mt-2 border-t border-gray-300 px-3 pt-2 text-gray-800 md:hidden">Connecté : {userName}</p>
      </div>
    </nav>
  );
}
