import { getSessionUser, homeFor } from "@/lib/auth/session";
import { publicRoute } from "@/lib/http/route";

/**
 * Where « Se connecter » lands: the home of the signed-in role (the dashboard, or /admin) by a redirect that renders
 * no page. `/` did the same after rendering the whole layout — a third of a sign-in's time (ADR 037). Without a live
 * session, the sign-in page. The destination page checks the role itself.
 */
export const GET = publicRoute(async () => {
  const user = await getSessionUser();
  return new Response(null, { status: 303, headers: { location: user ? homeFor(user.role) : "/connexion", "cache-control": "no-store" } });
});

export const dynamic = "force-dynamic";
