"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="btn btn-secondary min-h-9 py-1" onClick={() => signOut({ callbackUrl: "/connexion" })}>
      Se déconnecter
    </button>
  );
}
