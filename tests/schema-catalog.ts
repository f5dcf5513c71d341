import pg from "pg";

/**
 * The schema of a database as sorted text lines (columns, indexes, constraints, enums), Prisma's own table left
 * out: two databases with equal catalogs have the same schema. NOT NULL constraints are left out of pg_constraint's
 * part because PostgreSQL 18 lists them there and 15 does not (both show them in the columns' is_nullable).
 */
export async function schemaCatalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string) => (await client.query(sql)).rows.map((r) => JSON.stringify(r)).sort();
  try {
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, contype, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n'
        AND conrelid::regclass::text <> '"_prisma_migrations"'`),
      enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid`),
    };
  } finally {
    await client.end();
  }
}
