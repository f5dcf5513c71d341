import type { Metadata, Viewport } from "next";
import { SiteHeader } from "@/components/layout/site-header";
import { getSessionUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portail Famille", template: "%s — Portail Famille" },
  description: "Inscriptions, réservations et factures de l'accueil de loisirs et du périscolaire.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="fr">
      <body className="flex min-h-screen flex-col">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          Aller au contenu
        </a>
        <SiteHeader user={user ? { displayName: user.displayName, role: user.role } : null} structureName={config.structureName} />
        <main id="contenu" className="flex-1">
          {children}
        </main>
        <footer className="border-t border-gray-300 bg-white px-4 py-3 text-center text-sm text-gray-700">
          {config.structureName} — Portail Famille
          {config.usesEmailStandIn ? (
            <p>Mode local : les e-mails ne partent pas, ils sont conservés dans la boîte de test du service.</p>
          ) : null}
        </footer>
      </body>
    </html>
  );
}
