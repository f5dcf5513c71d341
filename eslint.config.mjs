import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTs,
  // Layering (docs/decisions/010 and 022): pages and components read and write through lib/ domain functions and
  // server actions, never the database nor Prisma's generated client (its enums, plain constants, are allowed);
  // lib/ never imports app/ or components/. Zones are about resolved files: an alias (`@/lib/db`), a relative path
  // (`../../lib/db`) and a dynamic `import()` with a literal path are all caught (tests/lint-layering.test.ts).
  {
    files: ["**/*.{ts,tsx,js,jsx,mjs}"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./app", "./components"],
              from: "./lib/db.ts",
              message: "Lisez et écrivez par une fonction du domaine (lib/…), pas par la base directement.",
            },
            {
              target: ["./app", "./components"],
              from: "./lib/generated/prisma",
              except: ["./enums.ts"],
              message: "Pas de client Prisma dans app/ ou components/ : passez par lib/.",
            },
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib/ ne dépend ni des pages ni des composants.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      // A package, not a file of ours: named here.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/client", "@prisma/client/*"], message: "Pas de client Prisma dans app/ ou components/ : passez par lib/." },
          ],
        },
      ],
    },
  },
  // Override default ignores of eslint-config-next.
  globalIgnores([
    // Default ignores of eslint-config-next:
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    // Generated code and build output.
    "lib/generated/**",
    ".next-test/**",
    ".data/**",
    "test-results/**",
  ]),
]);

export default eslintConfig;
