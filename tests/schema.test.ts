import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { schemaCatalog } from "./schema-catalog";

/**
 * The committed migrations must produce exactly the schema of schema.prisma:
 * one database gets the migrations, another the SQL Prisma generates from the
 * schema file, and their catalogs are compared.
 */
const ROOT = path.resolve(__dirname, "..");
const baseUrl = process.env.TEST_DATABASE_URL!;
const urlFor = (name: string) => {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function recreate(name: string) {
  const admin = new pg.Client({ connectionString: urlFor("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

async function execute(name: string, sql: string) {
  const client = new pg.Client({ connectionString: urlFor(name) });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe("migrations", () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: urlFor("postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "schema_from_migrations" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "schema_from_datamodel" WITH (FORCE)`);
    await admin.end();
  });

  it("produce exactly the schema of prisma/schema.prisma", async () => {
    await recreate("schema_from_migrations");
    await recreate("schema_from_datamodel");
    const dir = path.join(ROOT, "prisma", "migrations");
    const migrations = fs
      .readdirSync(dir)
      .filter((d) => fs.existsSync(path.join(dir, d, "migration.sql")))
      .sort();
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) {
      await execute("schema_from_migrations", fs.readFileSync(path.join(dir, migration, "migration.sql"), "utf8"));
    }
    const script = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: urlFor("schema_from_datamodel") },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    await execute("schema_from_datamodel", script);
    const [fromMigrations, fromDatamodel] = await Promise.all([
      schemaCatalog(urlFor("schema_from_migrations")),
      schemaCatalog(urlFor("schema_from_datamodel")),
    ]);
    expect(fromMigrations.columns.length).toBeGreaterThan(100);
    expect(fromMigrations).toEqual(fromDatamodel);
  }, 120_000);
});
