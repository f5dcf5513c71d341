import { NextResponse, type NextRequest } from "next/server";

/**
 * Comfort only: sends visitors without a session cookie to the sign-in page
 * before rendering. Every page, action and route checks the session, the role
 * and the ownership of each id itself (lib/auth/session.ts).
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/connexion";
  url.search = `?retour=${encodeURIComponent(request.nextUrl.pathname)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/admin/:path*", "/tableau-de-bord/:path*", "/ma-famille/:path*", "/mes-coordonnees/:path*", "/mes-inscriptions/:path*"],
};
