"use client";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { signOutTo } from "@/components/auth/sign-out";

/** In every page's header, so without `next-auth/react` (see `signOutTo`). */
export function SignOutButton() {
  return (
    <Button variant="secondary" size="sm" onClick={() => void signOutTo("/connexion")}>
      <LogOut aria-hidden="true" className="size-4" />
      {/* On a phone the icon alone (the name stays for screen readers), so the header keeps one line. */}
      <span className="sr-only sm:not-sr-only">Se déconnecter</span>
    </Button>
  );
}
