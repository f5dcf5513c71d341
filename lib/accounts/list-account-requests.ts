import "server-only";
import { db } from "@/lib/db";
import { clampPage, type PageRequest, type Paged } from "@/lib/staff/paging";

/** Pending account requests, oldest first (the staff queue) — one page of them (ADR 043) — and the latest decided ones. */
export async function listAccountRequests(paging: PageRequest = { page: 1, pageSize: 200 }) {
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
  const read = (skip: number) =>
    db.accountRequest.findMany({
      where: { status: "PENDING" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip,
      take: paging.pageSize,
      select,
    });
  const [total, first, decided] = await Promise.all([
    db.accountRequest.count({ where: { status: "PENDING" } }),
    read((paging.page - 1) * paging.pageSize),
    db.accountRequest.findMany({ where: { status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" }, take: 20, select }),
  ]);
  const { page, pageCount, skip } = clampPage(paging, total);
  const items = page === paging.page ? first : await read(skip);
  const pending: Paged<(typeof items)[number]> = { items, total, page, pageCount, pageSize: paging.pageSize };
  return { pending, decided };
}
