"use client";
import { LogOut } from "lucide-react";
import { signOutTo } from "@/components/auth/sign-out";

/**
 * In every page's header, so kept small: no `next-auth/react` (see `signOutTo`) and no `Button` (the server header
 * gives its classes, `buttonVariants` computed there), only this click handler.
 */
export function SignOutButton({ className }: { className: string }) {
  return (
    <button type="button" className={className} onClick={() => void signOutTo("/connexion")}>
      <LogOut aria-hidden="true" className="size-4" />
      {/* On a phone the icon alone (the name stays for screen readers), so the header keeps one line. */}
      <span className="sr-only sm:not-sr-only">Se déconnecter</span>
    </button>
  );
}
