import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's Rust engines cannot be downloaded here: migrations run on the
// WebAssembly schema engine through the pg driver adapter (docs/decisions/003).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL n'est pas défini");
    return new PrismaPg({ connectionString });
  },
});
