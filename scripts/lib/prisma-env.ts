/**
 * Prisma's CLI tries to download Rust engines it does not use here (we run the
 * WebAssembly schema engine and the client engine): pointing these at any file
 * stops it. See docs/decisions/003-prisma-offline.md.
 */
export const prismaEnv = {
  PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
