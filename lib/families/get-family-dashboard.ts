import "server-only";
import { db } from "@/lib/db";

export type RequestState = "PENDING" | "ACCEPTED" | "REFUSED";

export interface DashboardRequest {
  id: string;
  kind: string;
  label: string;
  state: RequestState;
  reason: string | null;
  sentAt: Date;
  decidedAt: Date | null;
}

export interface FamilyDashboard {
  familyName: string;
  adults: { id: string; fullName: string }[];
  requests: DashboardRequest[];
}

/** Everything the family's dashboard shows, scoped to that family only. */
export async function getFamilyDashboard(familyId: string): Promise<FamilyDashboard | null> {
  const family = await db.family.findUnique({
    where: { id: familyId },
    select: {
      name: true,
      adults: { select: { id: true, firstName: true, lastName: true }, orderBy: { createdAt: "asc" } },
      accountRequest: { select: { id: true, status: true, refusalReason: true, createdAt: true, decidedAt: true } },
    },
  });
  if (!family) return null;
  const requests: DashboardRequest[] = [];
  if (family.accountRequest) {
    const r = family.accountRequest;
    requests.push({
      id: r.id,
      kind: "ACCOUNT",
      label: "Création de compte",
      state: r.status === "VALIDATED" ? "ACCEPTED" : r.status === "REFUSED" ? "REFUSED" : "PENDING",
      reason: r.refusalReason,
      sentAt: r.createdAt,
      decidedAt: r.decidedAt,
    });
  }
  requests.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
  return {
    familyName: family.name,
    adults: family.adults.map((a) => ({ id: a.id, fullName: `${a.firstName} ${a.lastName}` })),
    requests,
  };
}
