import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/accounts/authenticate";
import { signInSchema } from "@/lib/accounts/schemas";
import { clientIp } from "@/lib/net/client-ip";
import { closeSession, openSession, SESSION_HOURS, userOfSession } from "./user-sessions";

function header(headers: Record<string, string | string[] | undefined> | undefined, name: string): string | null {
  const value = headers?.[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export const authOptions: NextAuthOptions = {
  // The cookie holds an encrypted JWT naming a server-side session (UserSession): deleting the
  // row ends the session at once, whatever the cookie's own expiry says.
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    CredentialsProvider({
      name: "E-mail et mot de passe",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error("INVALID");
        let sessionId: string;
        let user: { id: string; email: string; displayName: string };
        try {
          const result = await authenticate({ ...parsed.data, ip: clientIp(request?.headers) });
          // The code travels to the form, which shows the French message (SIGN_IN_MESSAGES).
          if (!result.ok) throw new SignInRefused(result.failure);
          user = result.user;
          sessionId = await openSession(user.id, header(request?.headers, "user-agent"));
        } catch (error) {
          if (error instanceof SignInRefused) throw new Error(error.code);
          // A technical failure (database down…) is not the visitor's mistake: say so.
          console.error("[connexion] erreur technique :", error);
          throw new Error("UNAVAILABLE");
        }
        return { id: user.id, email: user.email, name: user.displayName, sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionId = (user as { sessionId?: string }).sessionId;
        return token;
      }
      // Every later read (GET /api/auth/session): only a live server-side session is answered
      // and its cookie renewed. A closed one (signed out, every device signed out, account
      // deactivated, row deleted or expired) throws: next-auth then answers {} and clears the cookie.
      const live =
        typeof token.sessionId === "string" && typeof token.userId === "string" ? await userOfSession(token.sessionId, token.userId) : null;
      if (!live) throw new SessionClosed();
      // What the session answers is the account as it is now, not as it was at sign-in.
      token.name = live.displayName;
      token.email = live.email;
      return token;
    },
    async session({ session, token }) {
      // Only reached for a live session (the jwt callback above has checked it).
      return { ...session, user: { id: token.userId as string, name: token.name ?? null, email: token.email ?? null } };
    },
  },
  logger: {
    // A closed session is an ordinary answer ({}), not an error worth a stack trace per request.
    error(code, metadata) {
      if (metadata instanceof SessionClosed) return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
  events: {
    // « Se déconnecter » ends this device's session on the server too: a copied cookie is dead.
    async signOut({ token }) {
      if (typeof token?.sessionId === "string") await closeSession(token.sessionId);
    },
  },
};

/** The cookie names a session that is no longer live: next-auth answers as for no session. */
class SessionClosed extends Error {
  constructor() {
    super("SESSION_CLOSED");
  }
}

class SignInRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}
