import { publicRoute } from "@/lib/http/route";
import { calendarFeedFor } from "@/lib/reservations/publish-calendar-feed";

/**
 * The family's calendar feed, `/calendrier/<secret>.ics`: no session (calendar apps fetch it alone), the secret
 * is the key. Unknown or revoked → 404, the same answer for both.
 */
export const GET = publicRoute(async (_request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  const ics = token.endsWith(".ics") ? await calendarFeedFor(token.slice(0, -4)) : null;
  if (ics === null)
    return new Response("Calendrier introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="reservations.ics"',
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
});

export const dynamic = "force-dynamic";
