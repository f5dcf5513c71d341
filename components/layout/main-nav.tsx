"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { ChevronDown, Menu, X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { currentState, type NavGroup, type NavLink } from "./nav-links";

const itemClass =
  "inline-flex min-h-11 items-center rounded-md px-3 font-semibold whitespace-nowrap text-brand-dark no-underline hover:bg-white hover:underline md:px-2.5";
const currentClass = "bg-white text-gray-900 underline decoration-brand decoration-4 underline-offset-8";

function CountBadge({ count }: { count: NonNullable<NavLink["count"]> }) {
  return (
    <span className="ml-2 inline-flex min-w-6 justify-center rounded-full bg-brand-dark px-1.5 text-sm text-white">
      {count.value}
      <span className="sr-only"> {count.word}</span>
    </span>
  );
}

function NavItem({
  href,
  label,
  count,
  pathname,
  onNavigate,
  inMenu,
}: NavLink & { pathname: string; onNavigate?: () => void; inMenu?: boolean }) {
  const current = currentState(href, pathname);
  return (
    <Link
      href={href}
      aria-current={current}
      onClick={onNavigate}
      className={cn(itemClass, current && currentClass, "w-full", inMenu && "md:rounded-none md:px-4")}
    >
      {label}
      {count ? <CountBadge count={count} /> : null}
    </Link>
  );
}

/**
 * One group of the staff's rubriques. At 768 px and more, a disclosure button (« Demandes ▾ ») that opens its links
 * below it — Entrée or Espace opens it, Échap closes it and gives the focus back to the button, leaving it (focus or
 * click elsewhere) closes it; the group of the current page is marked. On a phone, its name over its links, all shown
 * in the « Menu » panel.
 */
function NavDisclosure({
  group,
  pathname,
  open,
  onToggle,
  onClose,
  onNavigate,
}: {
  group: NavGroup & { label: string };
  pathname: string;
  open: boolean;
  onToggle: () => void;
  onClose: () => void;
  onNavigate: () => void;
}) {
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const current = group.links.some((l) => currentState(l.href, pathname));
  const waiting = group.links.reduce((sum, l) => sum + (l.count?.value ?? 0), 0);
  return (
    <li
      className="relative md:flex md:items-center"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.preventDefault();
          onClose();
          button.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) onClose();
      }}
    >
      <span className="block px-3 pt-2 text-xs font-bold tracking-wide whitespace-nowrap text-gray-700 uppercase md:hidden">
        {group.label}
      </span>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-current={current ? "true" : undefined}
        onClick={onToggle}
        className={cn(itemClass, "hidden gap-1 md:inline-flex", current && currentClass, open && "bg-white")}
      >
        {group.label}
        {waiting ? <CountBadge count={{ value: waiting, word: "en attente" }} /> : null}
        <ChevronDown aria-hidden="true" className={cn("size-4 transition-transform", open && "rotate-180")} />
      </button>
      <ul
        id={listId}
        aria-label={group.label}
        className={cn(
          "flex flex-col md:absolute md:top-full md:left-0 md:z-30 md:min-w-64 md:rounded-md md:border md:border-gray-300 md:bg-white md:py-1 md:shadow-lg",
          open ? "md:flex" : "md:hidden",
        )}
      >
        {group.links.map((link) => (
          <li key={link.href}>
            <NavItem {...link} pathname={pathname} inMenu onNavigate={onNavigate} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/**
 * The rubriques. At 768 px and more, one band on one row: the parent's links and « Mon dossier », or the staff's
 * dashboard and four menus (Demandes, Accueil, Facturation, Paramètres); on a phone, a « Menu » button that opens them all as a list. The
 * current page is marked for the eye and for screen readers (`aria-current`), and so is its menu.
 */
export function MainNav({ groups, userName }: { groups: NavGroup[]; userName: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const panelId = useId();
  const nav = useRef<HTMLElement>(null);
  // Close the phone menu and the open group when the page changes (back button included).
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setOpen(false);
    setOpenGroup(null);
  }, [pathname]);
  // A click outside the band closes the open group.
  useEffect(() => {
    if (!openGroup) return;
    const close = (event: PointerEvent) => {
      if (!nav.current?.contains(event.target as Node)) setOpenGroup(null);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [openGroup]);
  const current = groups.flatMap((g) => g.links).find((l) => currentState(l.href, pathname));
  const closeAll = () => {
    setOpen(false);
    setOpenGroup(null);
  };
  return (
    <nav ref={nav} aria-label="Rubriques" className="border-t border-gray-200 bg-brand-soft">
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
        {/* Wraps rather than widen the page, should a long name or a count not fit. */}
        <ul className="flex flex-col md:flex-row md:flex-wrap md:items-center md:gap-x-1">
          {groups.flatMap((group, index) =>
            group.label ? (
              <NavDisclosure
                key={group.label}
                group={{ ...group, label: group.label }}
                pathname={pathname}
                open={openGroup === group.label}
                onToggle={() => setOpenGroup((g) => (g === group.label ? null : group.label!))}
                onClose={() => setOpenGroup(null)}
                onNavigate={closeAll}
              />
            ) : (
              group.links.map((link) => (
                <li key={`${index}-${link.href}`}>
                  <NavItem {...link} pathname={pathname} onNavigate={closeAll} />
                </li>
              ))
            ),
          )}
        </ul>
        <p className="mt-2 border-t border-gray-300 px-3 pt-2 text-gray-800 md:hidden">Connecté : {userName}</p>
      </div>
    </nav>
  );
}
