import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { prismaEnv } from "./prisma-env";

const ROOT = path.resolve(__dirname, "..", "..");

/** A secret from the environment, or one generated once for this installation and kept in .data/ (mode 600). */
function localSecret(envName: string, fileName: string): string {
  if (process.env[envName]) return process.env[envName];
  const file = path.join(ROOT, ".data", fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** The environment of the app server and of the prisma CLI. */
export function appEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  return {
    ...process.env,
    ...prismaEnv,
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: localSecret("NEXTAUTH_SECRET", "nextauth-secret"),
    // The key of the local e-mail stand-in (used only without RESEND_API_KEY).
    RESEND_STAND_IN_KEY: localSecret("RESEND_STAND_IN_KEY", "resend-stand-in-key"),
    // The webhook's signing secret: Stripe's when set (`stripe listen` prints one), else the local stand-in's.
    STRIPE_WEBHOOK_SECRET:
      process.env.STRIPE_WEBHOOK_SECRET || `whsec_${localSecret("STRIPE_STAND_IN_WEBHOOK_SECRET", "stripe-stand-in-webhook-secret")}`,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export const BIN = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
export { ROOT };
