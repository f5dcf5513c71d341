"use client";
import { useId, useState, useSyncExternalStore, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import type { Tone } from "@/lib/workflow/machines";
import { fieldClass, labelClass, errorClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/input";
import { ConfirmStep } from "@/components/ui/dialog";
import { count } from "@/lib/format";

type Mark = "PRESENT" | "ABSENT" | "EXCUSED";

/**
 * One child of the day's sheet as data (ADR 047): 150 of them travel in the page, so only what is set is sent and the
 * form writes the words (statuses once in `statuses`, notes from their facts).
 */
export interface AttendanceChild {
  id: string;
  name: string;
  detail: string;
  /** Index of the reservation's status in the form's `statuses`. */
  status: number;
  /** The pointage recorded; none until staff mark the child (nobody is present by default). Flags below: absent = false. */
  proposed?: Mark;
  /** The family asked to cancel (DA): « Tous présents » leaves the child to mark. */
  cancellationRequested?: true;
  locked?: true;
  /** Already pointed: changing it is a correction (reason required). */
  pointed?: true;
  /** A DA asked in time: an absence is excused. */
  cancelledInTime?: true;
  /** What the team must know at the door (health data: staff only). Allergies: their notes ("" without notes). */
  allergies?: string;
  pai?: true;
  /** The diet, with its notes (« Sans porc (pas de gélatine) »). */
  meal?: string;
  /** Photos allowed, may leave alone: absent = no. */
  photos?: true;
  leavesAlone?: true;
  /** Authorised to pick the child up: name, relationship, phone. */
  authorized?: [string, string, string][];
  /** Legal guardians with a phone: name, phone. */
  guardians?: [string, string][];
}

/** A reservation status as the sheet shows it: code, label, tone. */
export type SheetStatus = [string, string, Tone];

/** The notes of a fiche, in the order the door reads them (alerts in red). */
function notesOf(c: AttendanceChild): { text: string; alert: boolean; phone?: string }[] {
  const notes: { text: string; alert: boolean; phone?: string }[] = [];
  if (c.allergies !== undefined) notes.push({ text: `Allergies${c.allergies ? ` : ${c.allergies}` : ""}`, alert: true });
  if (c.pai) notes.push({ text: "PAI", alert: true });
  if (c.meal) notes.push({ text: `Régime : ${c.meal}`, alert: false });
  notes.push({ text: c.photos ? "Photos : oui" : "Photos : non", alert: !c.photos });
  notes.push({ text: c.leavesAlone ? "Peut partir seul" : "Ne part pas seul", alert: !c.leavesAlone });
  for (const [name, relationship, phone] of c.authorized ?? [])
    notes.push({ text: `Autorisé : ${name} (${relationship})`, phone, alert: false });
  for (const [name, phone] of c.guardians ?? []) notes.push({ text: `Responsable : ${name}`, phone, alert: false });
  return notes;
}

/**
 * How many fiches the server writes in the page's HTML (ADR 047): the first ones, what the door sees first; the
 * others are drawn by the browser as soon as the page is live, from the same data (all of them are in the page).
 */
const FIRST_FICHES = 30;
const noSubscription = () => () => {};

const MARKS: { value: Mark; label: string }[] = [
  { value: "PRESENT", label: "Présent" },
  { value: "ABSENT", label: "Absent facturé" },
  { value: "EXCUSED", label: "Absent excusé" },
];

/**
 * The pointage of one unit-day: nobody is marked until staff mark them (« Tous présents » marks the children not
 * marked yet, a DA excepted), then save. Saving with children left unmarked asks first, saying how many: they stay
 * to mark. One radio group per child (keyboard: arrows), usable at the door on a phone or a tablet.
 */
export function AttendanceForm(props: {
  hidden: { activityId: string; date: string; timeUnitId: string };
  expected: AttendanceChild[];
  /** The statuses the children's `status` points to. */
  statuses: SheetStatus[];
  /** A day to come: the list is shown (to prepare the door), the pointage waits for the day. */
  readOnly?: boolean;
  record: (input: {
    activityId: string;
    date: string;
    timeUnitId: string;
    marks: { reservationId: string; mark: Mark }[];
    reason?: string;
  }) => Promise<ActionResult<{ message: string }>>;
}) {
  const router = useRouter();
  const reasonId = useId();
  const initial = Object.fromEntries(props.expected.map((c) => [c.id, c.proposed ?? null])) as Record<string, Mark | null>;
  const [marks, setMarks] = useState(initial);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // False while rendered on the server and during hydration, true in the browser: then every fiche is drawn.
  const live = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const editable = props.readOnly ? [] : props.expected.filter((c) => !c.locked);
  const present = editable.filter((c) => marks[c.id] === "PRESENT").length;
  const absent = editable.filter((c) => marks[c.id] === "ABSENT" || marks[c.id] === "EXCUSED").length;
  const unmarked = editable.length - present - absent;
  const needsReason =
    editable.some((c) => marks[c.id] !== (c.proposed ?? null) && c.pointed) ||
    editable.some((c) => marks[c.id] === "EXCUSED" && c.proposed !== "EXCUSED" && !c.cancelledInTime);

  const save = () => {
    setMessage(null);
    setReasonError(null);
    startTransition(async () => {
      const result = await props.record({
        ...props.hidden,
        // Only the children marked: the others stay to mark.
        marks: editable.flatMap((c) => (marks[c.id] ? [{ reservationId: c.id, mark: marks[c.id]! }] : [])),
        reason,
      });
      if (result.ok) {
        setMessage({ tone: "success", text: result.data.message });
        setReason("");
        router.refresh();
      } else {
        setMessage({ tone: "error", text: result.error });
        setReasonError(result.fieldErrors?.reason ?? null);
      }
    });
  };

  return (
    <form
      noValidate
      aria-label="Pointage"
      onSubmit={(event) => {
        event.preventDefault();
        if (unmarked > 0) setAsking(true);
        else save();
      }}
    >
      <div className="print:hidden mb-3 flex flex-wrap items-center gap-2">
        {props.readOnly ? null : (
          <Button
            type="button"
            variant="secondary"
            aria-describedby={`${reasonId}-tous`}
            onClick={() =>
              setMarks({
                ...marks,
                ...Object.fromEntries(editable.filter((c) => !marks[c.id] && !c.cancellationRequested).map((c) => [c.id, "PRESENT"])),
              })
            }
          >
            Tous présents
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          <Printer aria-hidden="true" className="size-4" /> Imprimer la liste
        </Button>
        {props.readOnly ? null : (
          <p className="text-sm" aria-live="polite">
            {present} présent{present > 1 ? "s" : ""}, {absent} absent{absent > 1 ? "s" : ""}, {unmarked} à pointer
          </p>
        )}
        {props.readOnly ? null : (
          <p id={`${reasonId}-tous`} className="basis-full text-sm text-gray-700">
            « Tous présents » marque présents les enfants pas encore pointés (sauf ceux dont la famille a demandé l&apos;annulation).
          </p>
        )}
      </div>
      {/*
        150 children at the door (ADR 043): each row's look is set once on the list (descendant variants), not repeated
        on every row — the HTML of the day stays small; the rows hold only their words, their marks and their links.
      */}
      <ul
        className={cn(
          "flex flex-col gap-3",
          "*:flex *:flex-col *:gap-2 *:rounded-lg *:border *:border-gray-300 *:bg-white *:p-4 *:shadow-sm print:*:break-inside-avoid print:*:shadow-none",
          "[&_h3]:text-lg [&_h3]:font-bold [&_.d]:text-sm [&_.d]:text-gray-800",
          // The status, as StatusBadge draws it (badgeVariants), by its tone.
          "[&_.s]:inline-flex [&_.s]:items-center [&_.s]:gap-1 [&_.s]:rounded [&_.s]:border [&_.s]:px-2 [&_.s]:py-0.5 [&_.s]:text-sm [&_.s]:font-semibold [&_.s>span:first-child]:font-mono",
          "[&_.s]:border-gray-600 [&_.s]:bg-gray-100 [&_.s]:text-gray-900",
          "[&_.s[data-t=waiting]]:border-amber-700 [&_.s[data-t=waiting]]:bg-amber-100 [&_.s[data-t=waiting]]:text-amber-950",
          "[&_.s[data-t=done]]:border-green-700 [&_.s[data-t=done]]:bg-green-100 [&_.s[data-t=done]]:text-green-950",
          "[&_.s[data-t=refused]]:border-red-700 [&_.s[data-t=refused]]:bg-red-100 [&_.s[data-t=refused]]:text-red-950",
          "[&_.s[data-t=info]]:border-brand [&_.s[data-t=info]]:bg-brand-soft [&_.s[data-t=info]]:text-brand-dark",
          "[&_.n]:flex [&_.n]:flex-wrap [&_.n]:gap-1 [&_.n>li]:rounded [&_.n>li]:border [&_.n>li]:border-gray-600 [&_.n>li]:bg-gray-100 [&_.n>li]:px-2 [&_.n>li]:py-0.5 [&_.n>li]:text-sm [&_.n>li]:font-semibold [&_.n>li]:text-gray-900",
          "[&_.n>li.a]:border-red-700 [&_.n>li.a]:bg-red-100 [&_.n>li.a]:text-red-950 [&_.n_a]:whitespace-nowrap [&_.n_a]:underline",
          "[&_fieldset>div]:flex [&_fieldset>div]:flex-wrap [&_fieldset>div]:gap-2 print:[&_fieldset]:hidden",
          // On paper, a box to tick by hand under each child.
          "print:*:after:block print:*:after:text-lg print:*:after:content-['☐_Présent_☐_Absent']",
          "[&_label]:flex [&_label]:min-h-11 [&_label]:cursor-pointer [&_label]:items-center [&_label]:gap-2 [&_label]:rounded [&_label]:border [&_label]:border-gray-400 [&_label]:px-3",
          "[&_label:has(:checked)]:border-brand [&_label:has(:checked)]:bg-brand-soft [&_label:has(:checked)]:font-semibold [&_input]:h-5 [&_input]:w-5",
        )}
        aria-label="Enfants attendus"
        aria-busy={live ? undefined : true}
      >
        {(live ? props.expected : props.expected.slice(0, FIRST_FICHES)).map((c, i) => {
          const [code, label, tone] = props.statuses[c.status]!;
          const notes = notesOf(c);
          return (
            <li key={c.id}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3>{c.name}</h3>
                <span className="s" data-t={tone}>
                  <span aria-hidden="true">{code}</span>
                  <span>{label}</span>
                </span>
              </div>
              <p className="d">{c.detail}</p>
              <ul className="n" aria-label={`À savoir : ${c.name}`}>
                {notes.map((n) => (
                  <li key={n.text} className={n.alert ? "a" : undefined}>
                    {n.text}
                    {n.phone ? (
                      <>
                        {" "}
                        <a href={`tel:${n.phone.replace(/[^\d+]/g, "")}`}>{n.phone}</a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
              {props.readOnly ? null : c.locked ? (
                <p className="text-sm font-semibold">Facturé : le pointage ne peut plus être modifié.</p>
              ) : (
                <fieldset>
                  <legend className="sr-only">Pointage de {c.name}</legend>
                  <div>
                    {MARKS.map((m) => (
                      <label key={m.value}>
                        <input
                          type="radio"
                          name={`p${i}`}
                          value={m.value}
                          checked={marks[c.id] === m.value}
                          onChange={() => setMarks({ ...marks, [c.id]: m.value })}
                        />
                        {m.value === "ABSENT" && c.cancelledInTime ? "Absent (excusé : annulé dans le délai)" : m.label}
                      </label>
                    ))}
                  </div>
                </fieldset>
              )}
            </li>
          );
        })}
      </ul>
      {props.readOnly ? null : (
        <div className="print:hidden mt-4 flex flex-col gap-3">
          <FormAlert message={message?.text} tone={message?.tone} />
          <div className={fieldClass}>
            <label htmlFor={reasonId} className={labelClass}>
              Motif {needsReason ? "(obligatoire : absence excusée ou correction)" : "(pour une absence excusée ou une correction)"}
            </label>
            <Textarea
              id={reasonId}
              rows={2}
              maxLength={500}

              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={Boolean(reasonError)}
              aria-describedby={reasonError ? `${reasonId}-erreur` : undefined}
            />
            {reasonError ? (
              <p id={`${reasonId}-erreur`} className={errorClass}>
                {reasonError}
              </p>
            ) : null}
          </div>
          <div>
            <Button type="submit" variant="primary" pending={pending} disabled={editable.length === 0}>
              Enregistrer le pointage
            </Button>
            <ConfirmStep
              open={asking}
              onOpenChange={setAsking}
              title={`${count(unmarked, "enfant n'est pas pointé", "enfants ne sont pas pointés")}`}
              description={`Seuls les enfants pointés sont enregistrés : ${unmarked > 1 ? "les autres restent" : "l'autre reste"} à pointer (ni présent ni absent). Enregistrer quand même ?`}
              confirmLabel="Enregistrer quand même"
              onConfirm={() => {
                setAsking(false);
                save();
              }}
            />
          </div>
        </div>
      )}
    </form>
  );
}
