import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTs,
  // Layering (docs/decisions/010): pages and components read and write through lib/ domain
  // functions and server actions, never the database; lib/ never imports app/ or components/.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: "Lisez et écrivez par une fonction du domaine (lib/…), pas par la base directement." }],
          patterns: [
            {
              group: ["@/lib/generated/prisma/client", "@prisma/client"],
              message: "Pas de client Prisma dans app/ ou components/ : passez par lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "../app/*", "../components/*"],
              message: "lib/ ne dépend ni des pages ni des composants.",
            },
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
