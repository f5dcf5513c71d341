import { staffPage } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Comfort only: every admin page and action checks the role again itself.
  await staffPage("/admin");
  return <>{children}</>;
}
