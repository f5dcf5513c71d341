import "server-only";
import { db } from "@/lib/db";

/** Pending account requests, oldest first (the staff queue), and the latest decided ones. */
export async function listAccountRequests() {
  const select = {
    id: true,
    status: true,
    civility: true,
    lastName: true,
    firstName: true,
    birthDate: true,
    email: true,
    homePhone: true,
    mobilePhone: true,
    street: true,
    addressComplement: true,
    postalCode: true,
    city: true,
    reason: true,
    createdAt: true,
    decidedAt: true,
  } as const;
  const [pending, decided] = await Promise.all([
    db.accountRequest.findMany({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" }, select }),
    db.accountRequest.findMany({ where: { status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" }, take: 20, select }),
  ]);
  return { pending, decided };
}
