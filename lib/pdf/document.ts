import "server-only";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from "pdf-lib";
import type { Letterhead } from "./letterhead";

/*
 * The app's one way of writing a PDF (pdf-lib, ADR 014): A4 pages, Helvetica,
 * lines and table rows written top to bottom, a new page when one is full.
 * Attestations, invoices, avoirs and quittances are all written with it, each
 * headed by the portal's identity as set when it is made (ADR 035): logo, name
 * in the structure's colour, address, phone, e-mail; the product's name at the
 * foot of every page.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BOTTOM = 64;

/** Standard PDF fonts encode WinAnsi only: thin spaces become spaces, anything else (rare letters, emoji) « ? ». */
export const printable = (text: string) =>
  text
    .normalize("NFC")
    .replace(/[\u202F\u2009]/g, "\u00A0")
    .replace(/[^\x20-\x7E\u00A0-\u00FF\u2014\u2019\u0152\u0153\u20AC]/g, "?");

export interface Cell {
  text: string;
  /** Left edge, from the left margin. */
  x: number;
  /** The room the cell has (longer text is cut with « … »). */
  width?: number;
  /** Amounts: aligned on the right edge (x + width). */
  align?: "right";
  bold?: boolean;
}

export interface PdfWriter {
  line(text: string, options?: { bold?: boolean; size?: number; gap?: number; x?: number }): void;
  /** One table row; wrapped to a new page first when the page is full. */
  row(cells: Cell[], options?: { size?: number; gap?: number; rule?: boolean }): void;
  /** Text wrapped to the width (from x), as many lines as it needs. */
  paragraph(text: string, options?: { bold?: boolean; size?: number; x?: number }): void;
  space(points: number): void;
  /** A block of lines written at the right (the addressee), from the current height, without moving down. */
  aside(lines: string[], x: number): void;
  save(): Promise<Uint8Array>;
}

/** Words into lines no wider than `width` (a word longer than the line stays whole on its own line). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

/** « #17599e » → pdf-lib's colour (the identity's colour is checked dark enough for text on white). */
export function hexColour(hex: string): RGB {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return rgb(0.1, 0.1, 0.1);
  return rgb(parseInt(match[1]!, 16) / 255, parseInt(match[2]!, 16) / 255, parseInt(match[3]!, 16) / 255);
}

const LOGO_BOX = { width: 150, height: 56 };

/** The logo as pdf-lib embeds it (PNG or JPEG, a WebP converted before: letterhead.ts); null draws the name alone. */
async function embedLogo(pdf: PDFDocument, logo: Letterhead["logo"]): Promise<PDFImage | null> {
  if (!logo) return null;
  try {
    return logo.type === "image/jpeg" ? await pdf.embedJpg(logo.bytes) : await pdf.embedPng(logo.bytes);
  } catch (error) {
    // A logo pdf-lib cannot read must not stop an invoice: the document is headed with the name alone.
    console.error("[pdf] logo illisible, document sans logo :", error);
    return null;
  }
}

export async function pdfWriter(meta: { title: string; letterhead: Letterhead }): Promise<PdfWriter> {
  const head = meta.letterhead;
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(meta.title));
  pdf.setAuthor(printable(head.name));
  pdf.setCreator(printable(head.productName));
  pdf.setLanguage("fr-FR");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const color = rgb(0.1, 0.1, 0.1);
  const brand = hexColour(head.primaryColor);

  // The letterhead: the logo at the left (fitted in its box), the identity beside it, a rule in the colour.
  const logo = await embedLogo(pdf, head.logo);
  const top = A4[1] - MARGIN + 12;
  let textX = 0;
  let logoBottom = top;
  if (logo) {
    const scale = Math.min(LOGO_BOX.width / logo.width, LOGO_BOX.height / logo.height);
    const size = { width: logo.width * scale, height: logo.height * scale };
    page.drawImage(logo, { x: MARGIN, y: top - size.height, ...size });
    textX = size.width + 14;
    logoBottom = top - size.height;
  }
  const headLines: { text: string; font: PDFFont; size: number; colour: RGB }[] = [
    { text: head.name, font: bold, size: 14, colour: brand },
    ...[head.address, [head.phone, head.email].filter(Boolean).join(" — "), head.lieu ? `Lieu d'accueil : ${head.lieu}` : ""]
      .filter(Boolean)
      .map((text) => ({ text, font: regular, size: 10, colour: color })),
  ];
  let at = top - 12;
  for (const l of headLines) {
    // Wrapped, never cut: a name or an address may be long (120 and 300 characters are accepted).
    for (const text of wrap(printable(l.text), l.font, l.size, A4[0] - 2 * MARGIN - textX)) {
      page.drawText(text, { x: MARGIN + textX, y: at, size: l.size, font: l.font, color: l.colour });
      at -= l.size + 5;
    }
  }
  y = Math.min(at + 5, logoBottom) - 10;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 1.5, color: brand });
  y -= 26;
  const draw = (text: string, x: number, size: number, font: PDFFont) =>
    page.drawText(printable(text), { x: MARGIN + x, y, size, font, color });
  const room = (needed: number) => {
    if (y - needed >= BOTTOM) return;
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
  };
  return {
    line(text, options = {}) {
      const size = options.size ?? 11;
      room(size);
      draw(text, options.x ?? 0, size, options.bold ? bold : regular);
      y -= options.gap ?? size + 5;
    },
    row(cells, options = {}) {
      const size = options.size ?? 10;
      room(size + 4);
      for (const cell of cells) {
        const font = cell.bold ? bold : regular;
        let text = printable(cell.text);
        const limit = cell.width ?? A4[0] - 2 * MARGIN - cell.x;
        while (text.length > 1 && font.widthOfTextAtSize(text, size) > limit) text = `${text.slice(0, -2)}…`.replace(/……$/, "…");
        const x = cell.align === "right" ? cell.x + limit - font.widthOfTextAtSize(text, size) : cell.x;
        page.drawText(text, { x: MARGIN + x, y, size, font, color });
      }
      if (options.rule)
        page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: A4[0] - MARGIN, y: y - 4 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
      y -= options.gap ?? size + 6;
    },
    paragraph(text, options = {}) {
      const size = options.size ?? 10;
      const font = options.bold ? bold : regular;
      for (const current of wrap(printable(text), font, size, A4[0] - 2 * MARGIN - (options.x ?? 0))) {
        room(size);
        draw(current, options.x ?? 0, size, font);
        y -= size + 4;
      }
    },
    space(points) {
      y -= points;
    },
    aside(lines, x) {
      let at = y;
      for (const text of lines) {
        page.drawText(printable(text), { x: MARGIN + x, y: at, size: 11, font: regular, color });
        at -= 16;
      }
    },
    async save() {
      // The product's name and the page number at the foot of every page.
      const pages = pdf.getPages();
      const grey = rgb(0.35, 0.35, 0.35);
      pages.forEach((p, index) => {
        const foot = printable(`${head.productName} — ${head.name}`);
        p.drawText(foot, { x: MARGIN, y: 32, size: 8, font: regular, color: grey });
        const number = `Page ${index + 1} / ${pages.length}`;
        p.drawText(number, { x: A4[0] - MARGIN - regular.widthOfTextAtSize(number, 8), y: 32, size: 8, font: regular, color: grey });
      });
      return pdf.save();
    },
  };
}
