"use client";
import { useMemo, useRef, useState, useTransition, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { Check } from "lucide-react";
import type { CalendarLane, CellState, LaneDay, LaneUnit, MonthCalendar } from "@/lib/reservations/get-month-calendar";
import { BLOCKED_LABELS } from "@/lib/reservations/labels";
import { refusedByRules } from "@/lib/reservations/unit-rules";
import { isIn, RESERVATION_CODES, RESERVATION_STATUSES, reservationMachine } from "@/lib/workflow/machines";
import type { CellOutcome, CellRequest } from "@/lib/reservations/request-reservations";
import type { ActionResult } from "@/lib/action-result";
import { formatCents, formatLongDate, formatShortDay } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { focusAfterChange } from "@/components/ui/focus";
import { cn } from "@/components/ui/cn";
import { BLOCKED_LOOK, FREE_LOOK, FULL_LOOK, SELECTED_LOOK, STATUS_LOOK } from "./cell-look";

type Send = (input: { cells: CellRequest[] }) => Promise<ActionResult<{ outcomes: CellOutcome[]; summary: string }>>;
type OnReservation = (input: { reservationId: string }) => Promise<ActionResult<{ status: string; inTime?: boolean }>>;

const keyOf = (inscriptionId: string, unitId: string, day: string) => `${inscriptionId}|${unitId}|${day}`;
/** After a change the focus goes back to the cell (found by its key), else to the month's title. */
function focusCell(key: string) {
  window.setTimeout(() => {
    const element = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`) ?? document.getElementById("titre-mois");
    element?.focus();
  }, 50);
}

/** One cell as the screen handles it: its state, where it is, and its lane's deadlines that day. */
interface Cell {
  state: CellState;
  lane: CalendarLane;
  unit: LaneUnit;
  day: string;
  laneDay: LaneDay;
  key: string;
}
type Target = Cell;

/** What a cell says in words: its state, and what the parent needs at the moment of choosing. */
function describe(cell: Cell, selected: boolean): { text: string; detail: string } {
  const s = cell.state;
  const price = cell.unit.priceCents !== null ? `, ${formatCents(cell.unit.priceCents)}` : "";
  switch (s.kind) {
    case "FREE":
      return selected
        ? { text: "Sélectionnée", detail: `Demande de réservation sélectionnée, pas encore envoyée${price}` }
        : {
            text: s.placesLeft !== null ? `Libre · ${s.placesLeft} pl.` : "Libre",
            detail: `Réservation disponible${s.placesLeft !== null ? `, plus que ${s.placesLeft} ${s.placesLeft > 1 ? "places" : "place"}` : ""}${price}, réservable jusqu'au ${cell.laneDay.bookUntil}`,
          };
    case "FULL":
      return selected
        ? {
            text: "Sélectionnée (liste d'attente)",
            detail: `Demande sélectionnée, pas encore envoyée : elle ira en liste d'attente${price}`,
          }
        : {
            text: "Complet",
            detail: `Plus de place disponible : une demande ira en liste d'attente${s.waiting ? ` (${s.waiting} déjà en attente)` : ""}, jusqu'au ${cell.laneDay.bookUntil}`,
          };
    case "BLOCKED":
      return { text: BLOCKED_LABELS[s.reason], detail: `Réservation non disponible : ${BLOCKED_LABELS[s.reason].toLowerCase()}` };
    case "BOOKED": {
      const position = s.position ? `, position ${s.position}` : "";
      const why =
        s.status !== "RESERVED" || !s.can.cancel
          ? ""
          : cell.laneDay.cancelInTime
            ? `, annulation sans frais jusqu'au ${cell.laneDay.cancelUntil}`
            : ", délai d'annulation dépassé : une annulation serait probablement facturée";
      // Cancelled by the structure (exceptional day): the reason is part of what the parent reads.
      const motive = s.status === "CANCELLED" && s.reason ? ` : ${s.reason}` : "";
      return {
        text: `${RESERVATION_CODES[s.status]}${s.position ? ` n°${s.position}` : ""}`,
        detail: `${reservationMachine.labels[s.status]}${motive}${position}${why}`,
      };
    }
  }
}

function outcomeText(o: CellOutcome): string {
  switch (o.outcome) {
    case "RESERVED":
      return "réservation validée";
    case "REQUESTED":
      return "demande de réservation envoyée";
    case "WAITLISTED":
      return `en liste d'attente, position ${o.position}`;
    case "ALREADY":
      return "déjà demandée, rien n'a changé";
    case "REFUSED":
      return `refusée : ${o.message}`;
  }
}

export function ReservationCalendar({
  calendar,
  familyView,
  send,
  cancel,
  withdraw,
}: {
  calendar: MonthCalendar;
  familyView: boolean;
  send: Send;
  cancel: OnReservation;
  withdraw: OnReservation;
}) {
  const router = useRouter();
  const toast = useToast();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const [results, setResults] = useState<{ summary: string; lines: string[]; refused: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const gridRef = useRef<HTMLTableElement>(null);

  const units = useMemo(
    () => new Map(calendar.lanes.flatMap((lane) => lane.units.map((u) => [`${lane.inscriptionId}|${u.id}`, u] as const))),
    [calendar.lanes],
  );
  const laneById = useMemo(() => new Map(calendar.lanes.map((l) => [l.inscriptionId, l])), [calendar.lanes]);
  /** Every cell of the month, by day and lane (null: the lane is not open that day). */
  const grid = useMemo(
    () =>
      calendar.days.map((d) =>
        d.lanes.map((laneDay, l) => {
          if (!laneDay) return null;
          const lane = calendar.lanes[l]!;
          return laneDay.cells.map((state, u): Cell => {
            const unit = lane.units[u]!;
            return { state, lane, unit, day: d.day, laneDay, key: keyOf(lane.inscriptionId, unit.id, d.day) };
          });
        }),
      ),
    [calendar],
  );
  const interactive = (cell: Cell) =>
    cell.state.kind === "FREE" ||
    cell.state.kind === "FULL" ||
    (cell.state.kind === "BOOKED" && (cell.state.can.cancel || cell.state.can.withdraw));
  const allCells = useMemo(() => grid.flat().flatMap((cells) => cells ?? []), [grid]);
  const allKeys = allCells.filter(interactive).map((c) => c.key);
  const roving = active && allKeys.includes(active) ? active : (allKeys[0] ?? null);
  // A cell that got booked meanwhile is no longer selectable.
  const selectable = new Set(allCells.filter((c) => c.state.kind === "FREE" || c.state.kind === "FULL").map((c) => c.key));
  const chosen = [...selected].filter((k) => selectable.has(k));
  const total = chosen.reduce((sum, key) => {
    const [inscriptionId, unitId] = key.split("|");
    return sum + (units.get(`${inscriptionId}|${unitId}`)?.priceCents ?? 0);
  }, 0);

  // The rules between units, checked on the selection as the server will: said before sending.
  const ruleWarnings: string[] = [];
  for (const [l, lane] of calendar.lanes.entries()) {
    if (lane.rules.length === 0) continue;
    const names = new Map(lane.units.map((u) => [u.id, u.name]));
    for (const [r, day] of calendar.days.entries()) {
      const cells = grid[r]![l];
      if (!cells) continue;
      const asked = cells.filter((c) => chosen.includes(c.key)).map((c) => c.unit.id);
      if (asked.length === 0) continue;
      const held = new Set(
        cells.filter((c) => c.state.kind === "BOOKED" && isIn(RESERVATION_STATUSES.LIVE, c.state.status)).map((c) => c.unit.id),
      );
      for (const message of new Set(refusedByRules(lane.rules, held, asked, names).values())) {
        ruleWarnings.push(`${formatLongDate(day.day)}, ${lane.childFirstName} : ${message}`);
      }
    }
  }

  function toggle(key: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  function activate(cell: Cell) {
    setActive(cell.key);
    if (cell.state.kind === "FREE" || cell.state.kind === "FULL") return toggle(cell.key);
    if (cell.state.kind === "BOOKED") {
      setDialogError(null);
      setTarget(cell);
    }
  }

  /**
   * Arrows move between cells (rows are days; on a phone, where a day's cells are stacked, up and down
   * follow the cells), Home / End to the ends of a day; Space / Enter act (native buttons).
   */
  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const element = event.target as HTMLElement;
    const row = element.dataset.r;
    if (row === undefined) return;
    const rows = [...new Set([...(gridRef.current?.querySelectorAll<HTMLElement>("[data-r]") ?? [])].map((e) => Number(e.dataset.r)))].sort(
      (a, b) => a - b,
    );
    const inRow = (r: number) => [...(gridRef.current?.querySelectorAll<HTMLElement>(`[data-r="${r}"]`) ?? [])];
    const current = inRow(Number(row));
    const column = current.indexOf(element);
    const rowIndex = rows.indexOf(Number(row));
    let next: HTMLElement | undefined;
    if (event.key === "ArrowRight") next = current[column + 1];
    else if (event.key === "ArrowLeft") next = current[column - 1];
    else if (event.key === "Home") next = current[0];
    else if (event.key === "End") next = current[current.length - 1];
    else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && window.matchMedia("(max-width: 639px)").matches) {
      // On a phone each day is a card whose cells are stacked: down is the next cell, whatever its day.
      const all = [...(gridRef.current?.querySelectorAll<HTMLElement>("[data-r]") ?? [])];
      next = all[all.indexOf(element) + (event.key === "ArrowDown" ? 1 : -1)];
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const other = rows[rowIndex + (event.key === "ArrowDown" ? 1 : -1)];
      if (other !== undefined) {
        const cells = inRow(other);
        next = cells[Math.min(column, cells.length - 1)];
      }
    } else return;
    event.preventDefault();
    if (next) {
      setActive(next.dataset.cell!);
      next.focus();
    }
  }

  function sendSelection() {
    setError(null);
    const cells = chosen.map((key) => {
      const [inscriptionId, timeUnitId, day] = key.split("|") as [string, string, string];
      return { inscriptionId, timeUnitId, day };
    });
    startTransition(async () => {
      const result = await send({ cells });
      if (!result.ok) {
        setError(result.error);
        focusAfterChange("resultat-envoi");
        return;
      }
      // Refused cells first: they are what the parent must read.
      const ordered = [...result.data.outcomes].sort((a, b) => Number(b.outcome === "REFUSED") - Number(a.outcome === "REFUSED"));
      const lines = ordered.map((o) => {
        const lane = laneById.get(o.inscriptionId);
        const unit = units.get(`${o.inscriptionId}|${o.timeUnitId}`);
        return `${formatLongDate(o.day)} — ${lane?.childFirstName ?? ""}, ${unit?.name ?? ""} : ${outcomeText(o)}`;
      });
      setResults({ summary: result.data.summary, lines, refused: result.data.outcomes.filter((o) => o.outcome === "REFUSED").length });
      setSelected(new Set());
      router.refresh();
      focusAfterChange("resultat-envoi");
    });
  }

  function onTarget(action: OnReservation, done: (data: { status: string; inTime?: boolean }) => string) {
    if (!target || target.state.kind !== "BOOKED") return;
    const key = target.key;
    const reservationId = target.state.reservationId;
    startTransition(async () => {
      const result = await action({ reservationId });
      if (!result.ok) {
        setDialogError(result.error);
        return;
      }
      setTarget(null);
      toast(done(result.data));
      router.refresh();
      focusCell(key);
    });
  }

  const sameActivity = new Set(calendar.lanes.map((l) => l.activityName)).size === 1;
  const columns: { key: string; title: string; sub: string; lane: CalendarLane; unit: LaneUnit | null }[] = familyView
    ? calendar.lanes.map((lane) => ({ key: lane.inscriptionId, title: lane.childFirstName, sub: lane.activityName, lane, unit: null }))
    : calendar.lanes.flatMap((lane) =>
        lane.units.map((unit) => ({ key: `${lane.inscriptionId}|${unit.id}`, title: unit.name, sub: unit.hours, lane, unit })),
      );

  return (
    <div>
      <div id="resultat-envoi" tabIndex={-1} className="focus:outline-none">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {results ? (
          <Alert tone={results.refused > 0 ? "error" : "success"}>
            <p className="font-semibold">
              {results.refused > 0
                ? `Envoi : ${results.summary}. Lisez le motif des refus ci-dessous.`
                : `Demandes envoyées : ${results.summary}.`}
            </p>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {results.lines.slice(0, 60).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
              {results.lines.length > 60 ? <li>et {results.lines.length - 60} autres (voir le calendrier)</li> : null}
            </ul>
          </Alert>
        ) : null}
      </div>

      <table
        ref={gridRef}
        onKeyDown={onKeyDown}
        className={cn("w-full border-separate border-spacing-1 max-sm:block", familyView ? "" : "sm:table-fixed")}
      >
        <caption className="sr-only">
          Calendrier des réservations : une ligne par jour ; les flèches du clavier passent d&apos;une case à l&apos;autre, Espace ou Entrée
          sélectionne une case.
        </caption>
        <thead className="max-sm:sr-only">
          <tr>
            <th scope="col" className="w-28 p-1 text-left text-sm font-semibold text-gray-800">
              Jour
            </th>
            {columns.map((col) => (
              <th key={col.key} scope="col" className="p-1 text-left align-bottom text-sm font-semibold text-gray-900">
                {col.title}
                <span className="block whitespace-nowrap font-normal text-gray-700">{col.sub}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {calendar.days.map((day, r) => (
            <tr key={day.day} className="cal-row">
              <th scope="row" className="cal-day">
                <span className="sm:hidden">{formatLongDate(day.day)}</span>
                <span className="max-sm:hidden">{formatShortDay(day.day)}</span>
                {(() => {
                  // One activity on the row: until when its free cells can be asked (the cells say it to screen readers).
                  const laneDay = familyView ? null : day.lanes[0];
                  if (!laneDay || !laneDay.cells.some((c) => c.kind === "FREE" || c.kind === "FULL")) return null;
                  return (
                    <span aria-hidden="true" className="block text-xs font-normal text-gray-700">
                      réservable jusqu&apos;au {laneDay.bookUntil.replace(/\/\d{4}/, "")}
                    </span>
                  );
                })()}
              </th>
              {columns.map((col) => {
                const laneIndex = calendar.lanes.indexOf(col.lane);
                const cells = grid[r]![laneIndex];
                const shown = cells ? (col.unit ? cells.filter((c) => c.unit.id === col.unit!.id) : cells) : null;
                return (
                  <td key={col.key} className="p-0 align-top max-sm:mt-1 max-sm:block">
                    {familyView ? (
                      <span className="mb-0.5 block text-sm font-semibold text-gray-900 sm:hidden">
                        {col.title}
                        {sameActivity ? "" : ` — ${col.sub}`}
                      </span>
                    ) : null}
                    {shown === null ? (
                      <span className={cn("block rounded border px-2 py-2 text-sm", BLOCKED_LOOK)}>Pas d&apos;accueil ce jour</span>
                    ) : (
                      <div className={cn("flex gap-1", familyView ? "flex-col" : "")}>
                        {shown.map((cell) => {
                          const key = cell.key;
                          const isSelected = selected.has(key) && selectable.has(key);
                          const { text, detail } = describe(cell, isSelected);
                          const label = `${cell.unit.name}, ${formatLongDate(day.day)}, ${col.lane.childFirstName} : ${detail}`;
                          const look =
                            cell.state.kind === "BOOKED"
                              ? STATUS_LOOK[cell.state.status]
                              : cell.state.kind === "BLOCKED"
                                ? BLOCKED_LOOK
                                : isSelected
                                  ? SELECTED_LOOK
                                  : cell.state.kind === "FULL"
                                    ? FULL_LOOK
                                    : FREE_LOOK;
                          const content = (
                            <>
                              <span className={familyView ? "cal-unit" : "cal-unit sm:hidden"}>
                                {cell.unit.name}
                                <span className="cal-hours">{cell.unit.hours}</span>
                              </span>
                              <span className="cal-code">
                                {isSelected ? <Check aria-hidden="true" className="size-4" /> : null}
                                {text}
                              </span>
                            </>
                          );
                          const base = "cal-cell";
                          if (!interactive(cell)) {
                            return (
                              <span key={key} className={cn(base, look)}>
                                <span className="sr-only">{label}</span>
                                <span aria-hidden="true" className="contents">
                                  {content}
                                </span>
                              </span>
                            );
                          }
                          return (
                            <button
                              key={key}
                              type="button"
                              data-cell={key}
                              data-r={r}
                              tabIndex={key === roving ? 0 : -1}
                              aria-pressed={cell.state.kind === "BOOKED" ? undefined : isSelected}
                              aria-haspopup={cell.state.kind === "BOOKED" ? "dialog" : undefined}
                              aria-label={label}
                              onFocus={() => setActive(key)}
                              onClick={() => activate(cell)}
                              className={cn(base, look)}
                            >
                              {content}
                            </button>
                          );
                        })}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>

      <div
        className="sticky bottom-0 z-10 mt-3 border-t border-gray-300 bg-white px-1 py-2 shadow-[0_-4px_12px_rgba(0,0,0,0.08)]"
        role="region"
        aria-label="Demandes sélectionnées"
      >
        {ruleWarnings.length > 0 ? (
          <div role="status" className="mb-2 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-950">
            <p className="font-semibold">Ces demandes seront refusées (règles de l&apos;activité) :</p>
            <ul className="list-disc pl-5">
              {ruleWarnings.slice(0, 5).map((w) => (
                <li key={w}>{w}</li>
              ))}
              {ruleWarnings.length > 5 ? <li>et {ruleWarnings.length - 5} autres</li> : null}
            </ul>
          </div>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p aria-live="polite" className="text-sm text-gray-900 sm:text-base">
            {chosen.length === 0 ? (
              "Aucune demande sélectionnée : choisissez des cases libres."
            ) : (
              <>
                <strong>
                  {chosen.length} {chosen.length > 1 ? "demandes sélectionnées" : "demande sélectionnée"}
                </strong>{" "}
                · montant estimé {formatCents(total)}
              </>
            )}
          </p>
          <div className="flex flex-wrap items-center justify-end gap-1 sm:gap-2">
            {chosen.length > 0 ? (
              <Button
                variant="quiet"
                size="sm"
                className="whitespace-nowrap px-2"
                onClick={() => setSelected(new Set())}
                disabled={pending}
              >
                <span className="sm:hidden">Désélectionner</span>
                <span className="max-sm:hidden">Tout désélectionner</span>
              </Button>
            ) : null}
            <Button
              className="whitespace-nowrap"
              onClick={sendSelection}
              disabled={chosen.length === 0}
              pending={pending}
              pendingLabel="Envoi en cours…"
            >
              Valider mes demandes
            </Button>
          </div>
        </div>
      </div>

      <TargetDialog
        target={target}
        pending={pending}
        error={dialogError}
        onClose={() => setTarget(null)}
        onCancel={() =>
          onTarget(cancel, (d) =>
            d.status === "ABSENT_EXCUSED" ? "Réservation annulée : absence excusée, non facturée." : "Demande d'annulation envoyée.",
          )
        }
        onWithdraw={() =>
          onTarget(withdraw, (d) =>
            d.status === "RESERVED" ? "Demande d'annulation retirée : la réservation reste validée." : "Demande retirée.",
          )
        }
      />
    </div>
  );
}

/** What clicking an R, a DR, a waiting request or a DA leads to: always confirmed first, with what it will cost. */
function TargetDialog({
  target,
  pending,
  error,
  onClose,
  onCancel,
  onWithdraw,
}: {
  target: Target | null;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onCancel: () => void;
  onWithdraw: () => void;
}) {
  const state = target?.state.kind === "BOOKED" ? target.state : null;
  const what = target ? `${target.lane.childFirstName} — ${target.unit.name}, ${formatLongDate(target.day)}` : "";
  const title = !state
    ? ""
    : state.status === "RESERVED"
      ? "Annuler cette réservation ?"
      : state.status === "CANCELLATION_REQUESTED"
        ? "Retirer la demande d'annulation ?"
        : state.status === "WAITLISTED"
          ? "Retirer la demande en liste d'attente ?"
          : "Retirer la demande de réservation ?";
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={title}
      description={what}
    >
      {state ? (
        <div className="flex flex-col gap-3">
          {state.status === "RESERVED" ? (
            target!.laneDay.cancelInTime ? (
              <Alert tone="info">
                Vous êtes dans le délai d&apos;annulation (jusqu&apos;au {target!.laneDay.cancelUntil}) : ce sera une{" "}
                <strong>absence excusée</strong>, non facturée.
                {target!.lane.automatic ? " L'annulation est immédiate." : " La structure doit valider votre demande d'annulation."}
              </Alert>
            ) : (
              <Alert tone="error">
                <strong>Le délai d&apos;annulation est dépassé</strong> (il était fixé au {target!.laneDay.cancelUntil}) : cette absence
                sera probablement <strong>facturée</strong> (absence facturée). Vous pouvez quand même demander l&apos;annulation ; la
                structure décidera.
              </Alert>
            )
          ) : state.status === "CANCELLATION_REQUESTED" ? (
            <p>La réservation restera validée (R).</p>
          ) : (
            <p>
              La demande ne sera plus traitée
              {state.status === "WAITLISTED" && state.position ? ` (vous êtes en position ${state.position} sur la liste d'attente)` : ""}.
              Vous pourrez en faire une nouvelle.
            </p>
          )}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onClose} disabled={pending}>
              {state.status === "RESERVED" ? "Garder la réservation" : "Ne rien changer"}
            </Button>
            {state.status === "RESERVED" ? (
              <Button variant="danger" onClick={onCancel} pending={pending} pendingLabel="Envoi en cours…">
                Demander l&apos;annulation
              </Button>
            ) : (
              <Button variant="danger" onClick={onWithdraw} pending={pending} pendingLabel="Envoi en cours…">
                {state.status === "CANCELLATION_REQUESTED" ? "Retirer la demande d'annulation" : "Retirer la demande"}
              </Button>
            )}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
