import { answerStandInSoap, payfipStandInServes } from "@/lib/billing/payfip/stand-in";
import { MAX_SOAP_BYTES } from "@/lib/billing/payfip/soap";
import { clientIp, isLoopback } from "@/lib/net/client-ip";
import { readBodyUpTo } from "@/lib/net/read-body";
import { signedRoute } from "@/lib/http/route";

/**
 * The local stand-in of PayFiP's SOAP service « PaiementSecuriseService » (no PAYFIP_WS_URL, ADR 054): the same
 * operations, envelopes and Faults. Only this machine calls it (the portal's own client, on loopback); it is off when a
 * real service is configured, and in production unless ALLOW_PAYFIP_STAND_IN=1.
 */
export const POST = signedRoute(
  async (request) => {
    if (!payfipStandInServes()) return Response.json({ error: "Le service PayFiP simulé est désactivé." }, { status: 404 });
    if (!isLoopback(clientIp(request.headers))) return Response.json({ error: "Service réservé à cette machine." }, { status: 403 });
    return true as const;
  },
  async (request) => {
    const body = await readBodyUpTo(request, MAX_SOAP_BYTES);
    if (body === null) return Response.json({ error: "Requête trop longue." }, { status: 413 });
    const answer = await answerStandInSoap(body);
    return new Response(answer.xml, { status: answer.status, headers: { "content-type": "text/xml; charset=utf-8" } });
  },
);
