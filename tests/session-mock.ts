import { encode } from "next-auth/jwt";
import { openSession } from "@/lib/auth/user-sessions";

/**
 * What next/headers gives a server action: the cookie jar holds a real session
 * cookie (an encrypted token naming a real UserSession row) for the user in
 * `session.current`, so the whole session check runs as in production.
 *   vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
 */
export interface SessionHolder {
  current: null | { user: { id: string } };
  /** Sent as the request's headers (e.g. the client IP header). */
  headers?: Record<string, string>;
}

const cookieByUser = new Map<string, string>();

export async function sessionCookieFor(userId: string): Promise<string> {
  const sessionId = await openSession(userId, "vitest");
  return encode({ token: { userId, sessionId }, secret: process.env.NEXTAUTH_SECRET! });
}

export function nextHeadersMock(session: SessionHolder) {
  return {
    cookies: async () => {
      const id = session.current?.user.id;
      let value = id ? cookieByUser.get(id) : undefined;
      if (id && !value) {
        value = await sessionCookieFor(id);
        cookieByUser.set(id, value);
      }
      return { get: (name: string) => (value && name === "next-auth.session-token" ? { name, value } : undefined) };
    },
    headers: async () => new Headers(session.headers ?? {}),
  };
}
