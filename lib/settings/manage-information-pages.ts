import "server-only";
import { db } from "@/lib/db";
import type { InformationPageSlug } from "@/lib/generated/prisma/enums";
import { DEFAULT_IDENTITY, INFORMATION_PAGES, defaultPageBody } from "./defaults";
import { getPortalIdentity } from "./manage-portal-identity";

export interface InformationPageView {
  slug: InformationPageSlug;
  title: string;
  body: string;
  updatedAt: Date | null;
}

/** A footer page as staff wrote it, or its starting text until they do. */
export async function getInformationPage(slug: InformationPageSlug): Promise<InformationPageView> {
  const row = await db.informationPage.findUnique({ where: { slug }, select: { slug: true, title: true, body: true, updatedAt: true } });
  if (row) return row;
  const identity = await getPortalIdentity();
  const meta = INFORMATION_PAGES.find((p) => p.slug === slug)!;
  return { slug, title: meta.title, body: defaultPageBody(slug, identity.name || DEFAULT_IDENTITY.name), updatedAt: null };
}

export async function listInformationPages(): Promise<InformationPageView[]> {
  const pages: InformationPageView[] = [];
  for (const page of INFORMATION_PAGES) pages.push(await getInformationPage(page.slug));
  return pages;
}

export async function updateInformationPage(input: {
  actorId: string;
  slug: InformationPageSlug;
  title: string;
  body: string;
}): Promise<void> {
  await db.informationPage.upsert({
    where: { slug: input.slug },
    create: { slug: input.slug, title: input.title, body: input.body, updatedById: input.actorId },
    update: { title: input.title, body: input.body, updatedById: input.actorId },
  });
}

export type TextBlock = { kind: "heading" | "paragraph"; text: string } | { kind: "list"; items: string[] };

/** Staff's plain text → blocks the page renders as elements (never as HTML). */
export function textBlocks(body: string): TextBlock[] {
  return body
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk): TextBlock => {
      if (chunk.startsWith("## ")) return { kind: "heading", text: chunk.slice(3).trim() };
      const lines = chunk.split("\n").map((l) => l.trim());
      if (lines.every((l) => l.startsWith("- "))) return { kind: "list", items: lines.map((l) => l.slice(2)) };
      return { kind: "paragraph", text: lines.join(" ") };
    });
}
