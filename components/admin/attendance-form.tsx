"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ActionResult } from "@/lib/action-result";
import type { Tone } from "@/lib/workflow/machines";
import { cardClass, fieldClass, labelClass, errorClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/input";
import { ConfirmStep } from "@/components/ui/dialog";
import { count } from "@/lib/format";

type Mark = "PRESENT" | "ABSENT" | "EXCUSED";

export interface AttendanceChild {
  id: string;
  name: string;
  detail: string;
  /** The pointage recorded; none until staff mark the child (nobody is present by default). */
  proposed: Mark | null;
  /** The family asked to cancel (DA): « Tous présents » leaves the child to mark. */
  cancellationRequested?: boolean;
  locked: boolean;
  /** Already pointed: changing it is a correction (reason required). */
  pointed: boolean;
  /** A DA asked in time: an absence is excused. */
  cancelledInTime: boolean;
  status: { code: string; label: string; tone: Tone };
  /** What the team must know at the door (health data: staff only). */
  notes: { text: string; alert: boolean; phone?: string }[];
}

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
  const initial = Object.fromEntries(props.expected.map((c) => [c.id, c.proposed])) as Record<string, Mark | null>;
  const [marks, setMarks] = useState(initial);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editable = props.readOnly ? [] : props.expected.filter((c) => !c.locked);
  const present = editable.filter((c) => marks[c.id] === "PRESENT").length;
  const absent = editable.filter((c) => marks[c.id] === "ABSENT" || marks[c.id] === "EXCUSED").length;
  const unmarked = editable.length - present - absent;
  const needsReason =
    editable.some((c) => marks[c.id] !== c.proposed && c.pointed) ||
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
      <ul className="flex flex-col gap-3" aria-label="Enfants attendus">
        {props.expected.map((c) => (
          <li key={c.id} className={cn(cardClass, "flex flex-col gap-2")}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-lg font-bold">{c.name}</h3>
              <StatusBadge code={c.status.code} label={c.status.label} tone={c.status.tone} />
            </div>
            <p className="text-sm text-gray-800">{c.detail}</p>
            <p aria-hidden="true" className="hidden text-lg print:block">
              ☐ Présent &nbsp; ☐ Absent
            </p>
            {c.notes.length > 0 ? (
              <ul className="flex flex-wrap gap-1" aria-label={`À savoir : ${c.name}`}>
                {c.notes.map((n) => (
                  <li key={n.text}>
                    <Badge tone={n.alert ? "refused" : "closed"}>
                      {n.text}
                      {n.phone ? (
                        <>
                          {" "}
                          <a href={`tel:${n.phone.replace(/[^\d+]/g, "")}`} className="whitespace-nowrap underline">
                            {n.phone}
                          </a>
                        </>
                      ) : null}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : null}
            {props.readOnly ? null : c.locked ? (
              <p className="text-sm font-semibold">Facturé : le pointage ne peut plus être modifié.</p>
            ) : (
              <fieldset className="print:hidden">
                <legend className="sr-only">Pointage de {c.name}</legend>
                <div className="flex flex-wrap gap-2">
                  {MARKS.map((m) => (
                    <label
                      key={m.value}
                      className={`flex min-h-11 cursor-pointer items-center gap-2 rounded border px-3 ${marks[c.id] === m.value ? "border-brand bg-brand-soft font-semibold" : "border-gray-400"}`}
                    >
                      <input
                        type="radio"
                        name={`pointage-${c.id}`}
                        value={m.value}
                        checked={marks[c.id] === m.value}
                        className="h-5 w-5"
                        onChange={() => setMarks({ ...marks, [c.id]: m.value })}
                      />
                      {m.value === "ABSENT" && c.cancelledInTime ? "Absent (excusé : annulé dans le délai)" : m.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
          </li>
        ))}
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
