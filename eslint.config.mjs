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
  // Statuses (docs/decisions/024): what a status means is said once, in lib/workflow (named sets, predicates,
  // allowedActions); no list of statuses nor comparison with a status word anywhere else.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/workflow/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name=/^(status|\\w*Status)$/] > ObjectExpression > Property[key.name=/^(in|notIn)$/] > ArrayExpression",
          message:
            "Liste de statuts écrite en ligne : nommez l'ensemble dans lib/workflow (ex. INSCRIPTION_STATUSES.ACTIVE) et filtrez par statusIn().",
        },
        {
          selector:
            "BinaryExpression[operator=/^[!=]==?$/]:matches([left.name=/^(status|\\w*Status)$/], [left.property.name=/^(status|\\w*Status)$/], [left.expression.property.name=/^(status|\\w*Status)$/])[right.type='Literal'][right.raw=/^['\"]/]",
          message: "Statut comparé à un mot en ligne : utilisez un ensemble nommé ou un prédicat de lib/workflow (isIn, allowedActions…).",
        },
        {
          selector:
            "BinaryExpression[operator=/^[!=]==?$/]:matches([right.name=/^(status|\\w*Status)$/], [right.property.name=/^(status|\\w*Status)$/], [right.expression.property.name=/^(status|\\w*Status)$/])[left.type='Literal'][left.raw=/^['\"]/]",
          message: "Statut comparé à un mot en ligne : utilisez un ensemble nommé ou un prédicat de lib/workflow (isIn, allowedActions…).",
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
