import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** ADR 025: the look lives in components/ui, never in a global class a screen must know. */
const root = path.resolve(__dirname, "..");
const OLD = ["btn", "btn-primary", "btn-secondary", "btn-danger", "card", "input", "page", "page-wide", "page-title", "field"];
const OLD_TOO = [
  "field-label",
  "field-hint",
  "field-error",
  "alert",
  "alert-error",
  "alert-success",
  "alert-info",
  "link",
  "badge",
  "no-print",
];

function sources(): string[] {
  return ["app", "components"]
    .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((file) => path.join(dir, file)))
    .filter((file) => /\.tsx?$/.test(file));
}

describe("no global component class", () => {
  it("app/globals.css defines no class of its own (theme, focus and print only)", () => {
    const css = fs.readFileSync(path.join(root, "app/globals.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    expect(css).not.toMatch(/@layer\s+components/);
    expect(css.match(/\.[a-z][\w-]*\s*[{,+>]/g) ?? []).toEqual([]);
  });

  it("no screen names an old class in a class string", () => {
    const old = new RegExp(`(^|\\s)(${[...OLD, ...OLD_TOO, "cal-[a-z]+"].join("|")})(\\s|$)`);
    const found = sources().flatMap((file) => {
      const text = fs.readFileSync(path.join(root, file), "utf8");
      // className="…", className={"…"}, className={`…`} (the parts outside ${…}), and cn("…", …) arguments.
      const strings = [...text.matchAll(/className=(?:"([^"]*)"|\{\s*"([^"]*)"|\{\s*`([^`]*)`)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
      return strings.filter((s) => old.test(s.replace(/\$\{[^}]*\}/g, " "))).map((s) => `${file}: ${s}`);
    });
    expect(found).toEqual([]);
  });
});
