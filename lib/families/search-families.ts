import "server-only";
import { db } from "@/lib/db";

/** Staff search by family name, adult name, login e-mail or child's name. No health data in the list. */
export async function searchFamilies(query: string) {
  const q = query.trim().slice(0, 100);
  const contains = { contains: q, mode: "insensitive" as const };
  const where = q
    ? {
        OR: [
          { name: contains },
          { adults: { some: { OR: [{ lastName: contains }, { firstName: contains }, { email: contains }] } } },
          { users: { some: { email: contains } } },
          { children: { some: { OR: [{ firstName: contains }, { lastName: contains }] } } },
        ],
      }
    : {};
  return db.family.findMany({
    where,
    orderBy: { name: "asc" },
    take: 50,
    select: {
      id: true,
      name: true,
      city: true,
      users: { select: { email: true } },
      adults: { select: { firstName: true, lastName: true }, orderBy: { createdAt: "asc" } },
      children: { select: { firstName: true }, orderBy: { birthDate: "asc" } },
    },
  });
}
