import "server-only";
import { cache } from "react";
import { fileTypeFromBuffer } from "file-type";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { UserFacingError, fieldError } from "@/lib/errors";
import type { z } from "zod";
import { DEFAULT_IDENTITY, type PortalIdentity } from "./defaults";
import { LOGO_MAX_BYTES, tooBigMessage } from "@/lib/files/limits";
import type { identitySchema } from "./schemas";

const SETTINGS_ID = "portail";

/** The identity's own columns, read by the pages and by the PDFs. */
const IDENTITY_COLUMNS = {
  productName: true,
  name: true,
  primaryColor: true,
  address: true,
  phone: true,
  email: true,
  openingHours: true,
} as const;

/**
 * The identity as one JSON value (null until an admin sets it), without the logo's bytes: a scalar subquery, so that
 * the request's session read carries it in the same statement (lib/auth/session.ts, ADR 040). Read on every request,
 * never cached across requests: a change shows on the next page, on every server.
 */
export const IDENTITY_JSON_SQL = Prisma.sql`(SELECT json_build_object(
    'productName', "productName", 'name', "name", 'primaryColor', "primaryColor", 'address', "address", 'phone', "phone",
    'email', "email", 'openingHours', "openingHours", 'hasLogo', "logoType" IS NOT NULL,
    'updatedAtMs', (extract(epoch FROM "updatedAt") * 1000)::float8)
  FROM "PortalSettings" WHERE "id" = ${SETTINGS_ID})`;

/** What `IDENTITY_JSON_SQL` gives. */
export type IdentityJson = Omit<PortalIdentity, "logoVersion"> & { hasLogo: boolean; updatedAtMs: number };

export function identityOf(row: IdentityJson | null): PortalIdentity {
  if (!row) return DEFAULT_IDENTITY;
  const { hasLogo, updatedAtMs, ...rest } = row;
  return { ...rest, logoVersion: hasLogo ? String(updatedAtMs) : null };
}

/** The structure's identity for this request (header, footer, e-mails); the defaults until an admin sets it. */
export const getPortalIdentity = cache(async (): Promise<PortalIdentity> => {
  const [row] = await db.$queryRaw<{ identity: IdentityJson | null }[]>`SELECT ${IDENTITY_JSON_SQL} AS "identity"`;
  return identityOf(row?.identity ?? null);
});

export async function updatePortalIdentity(input: { actorId: string; data: z.output<typeof identitySchema> }): Promise<void> {
  await db.portalSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, ...input.data, updatedById: input.actorId },
    update: { ...input.data, updatedById: input.actorId },
  });
}

const LOGO_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);

/** The logo's type is read from its content (magic bytes), never from its name or the browser's word. */
export async function setPortalLogo(input: { actorId: string; file: File }): Promise<void> {
  if (input.file.size === 0) fieldError("logo", "Logo : choisissez un fichier.");
  if (input.file.size > LOGO_MAX_BYTES) fieldError("logo", tooBigMessage("Logo", input.file.size, LOGO_MAX_BYTES));
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !LOGO_TYPES.has(type.mime)) fieldError("logo", "Logo : le fichier doit être une image PNG, JPEG ou WebP.");
  const existing = await db.portalSettings.findUnique({ where: { id: SETTINGS_ID }, select: { id: true } });
  if (!existing) throw new UserFacingError("Enregistrez d'abord l'identité de la structure, puis son logo.");
  await db.portalSettings.update({ where: { id: SETTINGS_ID }, data: { logo: bytes, logoType: type.mime, updatedById: input.actorId } });
}

export async function removePortalLogo(input: { actorId: string }): Promise<void> {
  await db.portalSettings.updateMany({ where: { id: SETTINGS_ID }, data: { logo: null, logoType: null, updatedById: input.actorId } });
}

export async function getPortalLogo(): Promise<{ bytes: Uint8Array; type: string } | null> {
  const row = await db.portalSettings.findUnique({ where: { id: SETTINGS_ID }, select: { logo: true, logoType: true } });
  return row?.logo && row.logoType ? { bytes: row.logo, type: row.logoType } : null;
}

/** The structure's name for e-mails, read inside the transaction that queues them. */
export async function structureNameIn(tx: Pick<typeof db, "portalSettings">): Promise<string> {
  return (await portalNamesIn(tx)).structure;
}

export interface PortalNames {
  /** The structure's name (« Centre social Les Tilleuls »). */
  structure: string;
  /** The product's name (« Portail Famille » until renamed). */
  product: string;
}

/** The structure's and the product's names for e-mails, read inside the transaction that queues them. */
export async function portalNamesIn(tx: Pick<typeof db, "portalSettings">): Promise<PortalNames> {
  const row = await tx.portalSettings.findUnique({ where: { id: SETTINGS_ID }, select: { name: true, productName: true } });
  return { structure: row?.name ?? DEFAULT_IDENTITY.name, product: row?.productName ?? DEFAULT_IDENTITY.productName };
}

/**
 * What a PDF is headed with, read when it is made (never cached): the identity of /admin/parametres and the logo's
 * bytes. A document made after an admin's change carries the new name, address, phone, colour and logo. Null until an
 * admin has set the identity.
 */
export async function getDocumentIdentity(): Promise<(PortalIdentity & { logo: { bytes: Uint8Array; type: string } | null }) | null> {
  const row = await db.portalSettings.findUnique({
    where: { id: SETTINGS_ID },
    select: {
      ...IDENTITY_COLUMNS,
      logo: true,
      logoType: true,
      updatedAt: true,
    },
  });
  if (!row) return null;
  const { logo, logoType, updatedAt, ...rest } = row;
  const hasLogo = Boolean(logo && logoType);
  return {
    ...rest,
    logoVersion: hasLogo ? String(updatedAt.getTime()) : null,
    logo: hasLogo ? { bytes: logo!, type: logoType! } : null,
  };
}
