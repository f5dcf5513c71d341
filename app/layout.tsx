import type { Metadata, Viewport } from "next";
import type { CSSProperties } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { navCounts } from "@/lib/messages/count-nav-badges";
import { SiteFooter } from "@/components/layout/site-footer";
import { ToastProvider } from "@/components/ui/toast";
import { getRequestIdentity, getSessionUser } from "@/lib/auth/session";
import { brandPalette } from "@/lib/settings/colour";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const identity = await getRequestIdentity();
  return {
    title: { default: `${identity.productName} — ${identity.name}`, template: `%s — ${identity.productName} — ${identity.name}` },
    description: `Inscriptions, réservations et factures de l'accueil de loisirs et du périscolaire — ${identity.name}.`,
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // One statement for both (ADR 040), shared with generateMetadata and the page's own session check.
  const [user, identity] = [await getSessionUser(), await getRequestIdentity()];
  const palette = brandPalette(identity.primaryColor);
  const theme = { "--color-brand": palette.brand, "--color-brand-dark": palette.dark, "--color-brand-soft": palette.soft } as CSSProperties;
  return (
    <html lang="fr" style={theme}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#contenu"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
        >
          Aller au contenu
        </a>
        <ToastProvider>
          <SiteHeader
            user={user ? { displayName: user.displayName, role: user.role } : null}
            identity={identity}
            counts={user ? await navCounts(user) : {}}
          />
          <main id="contenu" className="flex-1" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter identity={identity} />
        </ToastProvider>
      </body>
    </html>
  );
}
