/**
 * What a page's JavaScript must not drag in (ADR 044): from every client component ("use client"), following the
 * project's own imports (type-only imports and `import()` excluded, as the bundler does), no zod (downloaded at the
 * first validation, ADR 011), no Radix Dialog/AlertDialog/Toast outside the files loaded on demand, no TanStack Table
 * in a page's first load (ADR 046), and `next-auth/react` only in the sign-in form. No build needed: the source says it.
 */
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const ON_DEMAND = new Set(["components/ui/dialog-panels.tsx", "components/ui/toast-region.tsx"]);
const RULES: { pkg: RegExp; allowedIn?: Set<string>; entries?: Set<string> }[] = [
  { pkg: /^zod$/ },
  // TanStack Table (ADR 046): only through data-table-view.ts, which the server computes with and the lists download
  // on first use; a client component reaches it only when it builds its list in the browser (the import's preview).
  {
    pkg: /^@tanstack\/(react-table|table-core)$/,
    allowedIn: new Set(["components/ui/data-table-view.ts"]),
    entries: new Set(["components/admin/import-form.tsx"]),
  },
  { pkg: /^@radix-ui\/react-(dialog|alert-dialog|toast)$/, allowedIn: ON_DEMAND },
  { pkg: /^next-auth\/react$/, allowedIn: new Set(["components/auth/sign-in-form.tsx"]) },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** The static value imports of a file: `import … from "x"` and `export … from "x"`, without `import type`. */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*["']([^"']+)["']/gm)) {
    if (m[2]) continue;
    const clause = m[3]!.trim();
    // `import { type A, type B } from` brings no value either.
    if (
      /^\{[^}]*\}$/.test(clause) &&
      clause
        .slice(1, -1)
        .split(",")
        .every((p) => /^\s*(type\s|$)/.test(p))
    )
      continue;
    specifiers.push(m[4]!);
  }
  for (const m of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) specifiers.push(m[1]!);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(path.join(ROOT, from)), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(ROOT, candidate);
  }
  return null;
}

/** Each package a client entry reaches, with the chain of files that leads to it. */
function reachedPackages(entry: string): { pkg: string; via: string[] }[] {
  const found: { pkg: string; via: string[] }[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    // A file loaded on demand is its own bundle: what it imports is not the page's.
    if (chain.length > 0 && ON_DEMAND.has(file)) return;
    for (const specifier of valueImports(readFileSync(path.join(ROOT, file), "utf8"))) {
      const local = resolveLocal(file, specifier);
      if (local) walk(local, [...chain, file]);
      else if (!specifier.startsWith(".") && !specifier.startsWith("@/")) found.push({ pkg: specifier, via: [...chain, file] });
    }
  };
  walk(entry, []);
  return found;
}

const clientEntries = [...sourceFiles("app"), ...sourceFiles("components")].filter((f) =>
  /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, f), "utf8")),
);

describe("le JavaScript des pages (ADR 044)", () => {
  it("trouve les composants clients", () => {
    expect(clientEntries).toContain("components/layout/main-nav.tsx");
    expect(clientEntries).toContain("components/reservations/period-form.tsx");
  });

  it("ne suit que les imports de valeur", () => {
    expect(
      valueImports(`import type { z } from "zod";\nimport { type A } from "b";\nimport { c } from "d";\nexport { e } from "f";`),
    ).toEqual(["d", "f"]);
  });

  it("aucun composant client n'entraîne zod, Radix Dialog/Toast, TanStack Table ou next-auth/react hors des fichiers prévus", () => {
    const offences: string[] = [];
    for (const entry of clientEntries) {
      for (const { pkg, via } of reachedPackages(entry)) {
        const rule = RULES.find((r) => r.pkg.test(pkg));
        const allowed = rule?.allowedIn?.has(via.at(-1)!) && (!rule.entries || rule.entries.has(via[0]!));
        if (rule && !allowed) offences.push(`${[...via, pkg].join(" → ")}`);
      }
    }
    expect([...new Set(offences)]).toEqual([]);
  });
});
