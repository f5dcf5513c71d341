/**
 * The structure's main colour carries white text (buttons, the header's
 * band): it must keep WCAG's 4.5:1 contrast with white. The darker and the
 * soft shades used for hover and backgrounds are derived from it.
 */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

function mix(hex: string, other: string, weight: number): string {
  const a = channels(hex);
  const b = channels(other);
  return `#${a
    .map((c, i) =>
      Math.round(c * (1 - weight) + b[i] * weight)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The three CSS variables of the theme (globals.css) for a main colour. */
export function brandPalette(primary: string): { brand: string; dark: string; soft: string } {
  return { brand: primary.toLowerCase(), dark: mix(primary, "#000000", 0.25), soft: mix(primary, "#ffffff", 0.9) };
}
