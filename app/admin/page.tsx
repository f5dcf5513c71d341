import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { countStaffQueues } from "@/lib/accounts/list-account-requests";

export const metadata: Metadata = { title: "Gestion" };

export default async function AdminHomePage() {
  await staffPage("/admin");
  const counts = await countStaffQueues();
  const queues = [
    { href: "/admin/demandes-de-compte", label: "Demandes de compte en attente", count: counts.accountRequests },
    { href: "/admin/courriels?statut=FAILED", label: "Courriels en échec", count: counts.failedEmails },
    { href: "/admin/courriels?statut=PENDING", label: "Courriels en cours d'envoi", count: counts.pendingEmails },
  ];
  return (
    <div className="page-wide">
      <h1 className="page-title">À traiter</h1>
      <ul className="grid gap-3 sm:grid-cols-3">
        {queues.map((queue) => (
          <li key={queue.href} className="card">
            <Link href={queue.href} className="link block">
              <span className="block text-3xl font-bold">{queue.count}</span>
              {queue.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
