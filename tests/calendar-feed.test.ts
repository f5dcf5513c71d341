import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { GET } from "@/app/calendrier/[token]/route";
import { calendarFeedFor, getCalendarFeed, renewCalendarToken, revokeCalendarToken } from "@/lib/reservations/publish-calendar-feed";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { addDays, parisDay } from "@/lib/calendar/paris";
import { prisma } from "./helpers";

const fetchFeed = (path: string) =>
  GET(new Request(`http://localhost${path}`), { params: Promise.resolve({ token: path.split("/").at(-1)! }) });
const pathOf = (url: string) => new URL(url).pathname;

describe("the family's calendar feed (ICS)", () => {
  it("lists the validated bookings of every child with hours and place, valid iCalendar read back by a parser; revoked or renewed → the old URL is a 404", async () => {
    const start = addDays(parisDay(new Date()), 14);
    const w = await createBookableWorld(prisma, {
      start,
      end: addDays(start, 60),
      weekdays: [1, 2, 3, 4, 5],
      automatic: true,
      units: [{ name: "Matin avec repas", capacity: 10, start: "08:30", end: "13:30" }],
    });
    await prisma.structure.update({
      where: { id: w.structure.id },
      data: { street: "12 rue des Tilleuls", postalCode: "59000", city: "Lille" },
    });
    const f = await createFamily(prisma, {
      lastName: "Calendrier",
      children: [
        { firstName: "Léo", birthDate: "2018-01-01", sex: "M" },
        { firstName: "Inès", birthDate: "2019-01-01", sex: "F" },
      ],
    });
    const [leo, ines] = [await inscribe(prisma, w, f.family, f.children[0]!.id), await inscribe(prisma, w, f.family, f.children[1]!.id)];
    const days = w.openingDays.slice(0, 2);
    await requestReservations({
      familyId: f.family.id,
      cells: [
        ...days.map((day) => ({ inscriptionId: leo.id, timeUnitId: w.units[0]!.id, day })),
        { inscriptionId: ines.id, timeUnitId: w.units[0]!.id, day: days[0]! },
      ],
      actor: actorFromUser(f.user),
    });
    // Another family's bookings never show in this feed.
    const other = await createFamily(prisma, { lastName: "Autre", children: [{ firstName: "Zed", birthDate: "2018-01-01", sex: "M" }] });
    const zed = await inscribe(prisma, w, other.family, other.children[0]!.id);
    await requestReservations({
      familyId: other.family.id,
      cells: [{ inscriptionId: zed.id, timeUnitId: w.units[0]!.id, day: days[0]! }],
      actor: actorFromUser(other.user),
    });

    expect(await getCalendarFeed(f.family.id)).toBeNull();
    const { url } = await renewCalendarToken(f.family.id);
    expect(url).toMatch(/\/calendrier\/[A-Za-z0-9_-]{43}\.ics$/);
    const response = await fetchFeed(pathOf(url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const parsed = new ICAL.Component(ICAL.parse(await response.text()));
    const events = parsed.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary).sort()).toEqual(
      [
        `Inès — Matin avec repas (${w.activity.name})`,
        `Léo — Matin avec repas (${w.activity.name})`,
        `Léo — Matin avec repas (${w.activity.name})`,
      ].sort(),
    );
    const first = events.find((e) => e.summary.startsWith("Inès"))!;
    // 08:30–13:30 in Paris, whatever the season (the feed gives UTC instants).
    const paris = (d: Date) => new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(d);
    expect([paris(first.startDate.toJSDate()), paris(first.endDate.toJSDate())]).toEqual(["08:30", "13:30"]);
    expect(first.startDate.toJSDate().toISOString().slice(0, 10)).toBe(days[0]);
    expect(first.location).toBe(`${w.structure.name}, 12 rue des Tilleuls, 59000 Lille`);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);

    // Renewed: the old address is a 404; revoked: the new one too. A forged one as well.
    const renewed = await renewCalendarToken(f.family.id);
    expect((await fetchFeed(pathOf(url))).status).toBe(404);
    expect((await fetchFeed(pathOf(renewed.url))).status).toBe(200);
    await revokeCalendarToken(f.family.id);
    expect((await fetchFeed(pathOf(renewed.url))).status).toBe(404);
    expect(await calendarFeedFor("x".repeat(43))).toBeNull();
    expect((await fetchFeed("/calendrier/%27%20OR%201=1.ics")).status).toBe(404);
    expect((await fetchFeed(`/calendrier/${f.family.id}.ics`)).status).toBe(404);
  });
});
