import { publicRoute } from "@/lib/http/route";
import { getPortalLogo } from "@/lib/settings/manage-portal-identity";

/** The structure's logo. Its URL carries a version, so it can be cached for long. */
export const GET = publicRoute(async (request) => {
  const logo = await getPortalLogo();
  if (!logo) return new Response("Aucun logo.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const versioned = new URL(request.url).searchParams.has("v");
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      "Content-Type": logo.type,
      "Content-Length": String(logo.bytes.byteLength),
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": 'inline; filename="logo"',
    },
  });
});
