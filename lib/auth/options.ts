import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/accounts/authenticate";
import { signInSchema } from "@/lib/accounts/schemas";

/**
 * The visitor's IP as the reverse proxy reports it. Without a proxy header the
 * IP is unknown (null): then only the per-e-mail limit applies, rather than one
 * bucket shared by every visitor, which would let anyone lock everybody out.
 */
function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    CredentialsProvider({
      name: "E-mail et mot de passe",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error("INVALID");
        const result = await authenticate({ ...parsed.data, ip: clientIp(request?.headers) });
        // The code travels to the form, which shows the French message (SIGN_IN_MESSAGES).
        if (!result.ok) throw new Error(result.failure);
        return { id: result.user.id, email: result.user.email, name: result.user.displayName };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.userId = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.userId === "string") session.user.id = token.userId;
      return session;
    },
  },
};

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}

