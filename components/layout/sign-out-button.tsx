"use client";
import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: "/connexion" })}>
      <LogOut aria-hidden="true" className="size-4" />
      {/* On a phone the icon alone (the name stays for screen readers), so the header keeps one line. */}
      <span className="sr-only sm:not-sr-only">Se déconnecter</span>
    </Button>
  );
}
