import { staffPage } from "@/lib/auth/session";
import { config } from "@/lib/config";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Comfort only: every admin page and action checks the role again itself.
  await staffPage("/admin");
  return (
    <>
      {config.usesEmailStandIn ? (
        <p className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
          Mode local : aucun e-mail ne part réellement (RESEND_API_KEY absent). Ils sont tous visibles dans « Courriels ».
        </p>
      ) : null}
      {children}
    </>
  );
}
