import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { idsNamingEveryWord } from "@/lib/staff/accent-search";

/**
 * Staff search by family name, adult name, login e-mail or child's name, accents and case ignored (« helene » finds
 * « Hélène », lib/staff/accent-search.ts). No health data in the list.
 */
export async function searchFamilies(query: string) {
  const q = query.trim().slice(0, 100);
  const contains = { contains: q, mode: "insensitive" as const };
  const ids = q
    ? await idsNamingEveryWord({
        table: "Family",
        joins: Prisma.sql`LEFT JOIN "Adult" ad ON ad."familyId" = t."id" LEFT JOIN "User" u ON u."familyId" = t."id"
          LEFT JOIN "Child" c ON c."familyId" = t."id"`,
        candidates: Prisma.sql`TRUE`,
        columns: [
          Prisma.sql`t."name"`,
          Prisma.sql`ad."lastName"`,
          Prisma.sql`ad."firstName"`,
          Prisma.sql`ad."email"`,
          Prisma.sql`u."email"`,
          Prisma.sql`c."firstName"`,
          Prisma.sql`c."lastName"`,
        ],
        words: [q],
      })
    : null;
  const where = !q
    ? {}
    : ids
      ? { id: { in: ids } }
      : {
          OR: [
            { name: contains },
            { adults: { some: { OR: [{ lastName: contains }, { firstName: contains }, { email: contains }] } } },
            { users: { some: { email: contains } } },
            { children: { some: { OR: [{ firstName: contains }, { lastName: contains }] } } },
          ],
        };
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
