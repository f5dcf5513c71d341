import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Comfort only: every admin page and action checks the session and the role again itself.
  // Without a session, the page itself sends to the sign-in page: it knows its own path and
  // query (a layout does not), so that the visitor comes back to exactly that page.
  const user = await getSessionUser();
  if (user?.role === "PARENT") redirect("/acces-refuse");
  return <>{children}</>;
}
