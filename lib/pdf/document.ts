import "server-only";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

/*
 * The app's one way of writing a PDF (pdf-lib, ADR 014): A4 pages, Helvetica,
 * lines and table rows written top to bottom, a new page when one is full.
 * Attestations, invoices, avoirs and quittances are all written with it.
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

export async function pdfWriter(meta: { title: string; author: string }): Promise<PdfWriter> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(meta.title));
  pdf.setAuthor(printable(meta.author));
  pdf.setLanguage("fr-FR");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const color = rgb(0.1, 0.1, 0.1);
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
      const width = A4[0] - 2 * MARGIN - (options.x ?? 0);
      let current = "";
      const flush = () => {
        if (!current) return;
        room(size);
        draw(current, options.x ?? 0, size, font);
        y -= size + 4;
        current = "";
      };
      for (const word of printable(text).split(/\s+/)) {
        const next = current ? `${current} ${word}` : word;
        if (current && font.widthOfTextAtSize(next, size) > width) {
          flush();
          current = word;
        } else current = next;
      }
      flush();
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
    save: () => pdf.save(),
  };
}
