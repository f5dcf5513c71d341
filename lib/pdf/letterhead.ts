import "server-only";
import sharp from "sharp";
import { db } from "@/lib/db";
import { getDocumentIdentity } from "@/lib/settings/manage-portal-identity";
import { DEFAULT_IDENTITY } from "@/lib/settings/defaults";

/** What heads a PDF: the portal's identity when the document is made (ADR 035). */
export interface Letterhead {
  productName: string;
  name: string;
  primaryColor: string;
  address: string;
  phone: string;
  email: string;
  /** PNG or JPEG bytes, as pdf-lib embeds them; null: the name alone. */
  logo: { bytes: Uint8Array; type: "image/png" | "image/jpeg" } | null;
  /** The lieu d'accueil of the document, named when the portal has more than one (their invoices are numbered apart). */
  lieu: string | null;
}

/** The lieu's own details: the letterhead of an installation whose identity no admin has set yet. */
export interface LieuDetails {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * The letterhead of a document of `lieu`, read now (never cached): a PDF made after an admin changed the name,
 * address, phone, colour or logo carries the new ones. A WebP logo (accepted by the logo form) is converted to PNG,
 * which pdf-lib embeds; a logo that cannot be read heads the document with the name alone. Until an admin sets the
 * identity, the lieu's own name and details head it.
 */
export async function letterheadFor(lieu: LieuDetails): Promise<Letterhead> {
  const identity = await getDocumentIdentity();
  if (!identity)
    return {
      productName: DEFAULT_IDENTITY.productName,
      name: lieu.name,
      primaryColor: DEFAULT_IDENTITY.primaryColor,
      address: [lieu.street, `${lieu.postalCode ?? ""} ${lieu.city ?? ""}`.trim()].filter(Boolean).join(", "),
      phone: lieu.phone ?? "",
      email: lieu.email ?? "",
      logo: null,
      lieu: null,
    };
  const lieux = await db.structure.count();
  return {
    productName: identity.productName,
    name: identity.name,
    primaryColor: identity.primaryColor,
    address: identity.address,
    phone: identity.phone,
    email: identity.email,
    logo: identity.logo ? await embeddable(identity.logo) : null,
    lieu: lieux > 1 && lieu.name !== identity.name ? lieu.name : null,
  };
}

async function embeddable(logo: { bytes: Uint8Array; type: string }): Promise<Letterhead["logo"]> {
  // A copy in its own buffer: the bytes read from the database are a view into a larger one, and pdf-lib's JPEG reader
  // reads `bytes.buffer` from its start (« SOI not found in JPEG »).
  if (logo.type === "image/png" || logo.type === "image/jpeg") return { bytes: Uint8Array.from(logo.bytes), type: logo.type };
  try {
    return { bytes: new Uint8Array(await sharp(logo.bytes).png().toBuffer()), type: "image/png" };
  } catch (error) {
    console.error("[pdf] logo non converti, document sans logo :", error);
    return null;
  }
}
