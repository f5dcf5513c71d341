"use client";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { PeriodChoice, PeriodPreview } from "@/lib/reservations/reserve-period";
import type { CellOutcome } from "@/lib/reservations/request-reservations";
import type { PeriodRequestInput } from "@/lib/reservations/schemas";
import type { ActionResult } from "@/lib/action-result";
import { focusAfterChange } from "@/components/ui/focus";

export type PreviewPeriod = (input: PeriodRequestInput) => Promise<ActionResult<PeriodPreview>>;
export type SendPeriod = (input: PeriodRequestInput) => Promise<ActionResult<{ outcomes: CellOutcome[]; summary: string }>>;

export interface PeriodFormValues {
  inscriptionId: string;
  startDate: string;
  endDate: string;
  weekType: "ALL" | "EVEN" | "ODD";
  slots: string[] | string | false;
}

/** A semaine type to open the form with: dates as typed (jj/mm/aaaa), the boxes ticked. */
export interface InitialWeek {
  startDate: string;
  endDate: string;
  weekType: "ALL" | "EVEN" | "ODD";
  slots: string[];
}

/**
 * The period form's state: the chosen inscription, the preview (cleared by any change of the form), and the
 * sending; the server's field errors and message, the focus moved to what changed.
 */
export function usePeriodForm({
  choices,
  initialInscription,
  initialWeek,
  preview,
  send,
}: {
  choices: PeriodChoice[];
  initialInscription: string;
  /** Last year's semaine type offered again (« Réinscrire », ADR 052): the form opens filled in. */
  initialWeek?: InitialWeek;
  preview: PreviewPeriod;
  send: SendPeriod;
}) {
  const initial = choices.find((c) => c.inscriptionId === initialInscription) ?? choices[0]!;
  const form = useForm<PeriodFormValues>({
    defaultValues: {
      inscriptionId: initial.inscriptionId,
      startDate: initialWeek?.startDate ?? "",
      endDate: initialWeek?.endDate ?? "",
      weekType: initialWeek?.weekType ?? "ALL",
      slots: initialWeek?.slots ?? [],
    },
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [shown, setShown] = useState<PeriodPreview | null>(null);
  const [sent, setSent] = useState<{ text: string; refused: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const inscriptionId = useWatch({ control: form.control, name: "inscriptionId" });
  const choice = choices.find((c) => c.inscriptionId === inscriptionId) ?? initial;

  const values = (): PeriodRequestInput => {
    const v = form.getValues();
    const slots = Array.isArray(v.slots) ? v.slots : typeof v.slots === "string" ? [v.slots] : [];
    return { inscriptionId: v.inscriptionId, startDate: v.startDate, endDate: v.endDate, weekType: v.weekType, slots };
  };

  function onPreview() {
    setSent(null);
    startTransition(async () => {
      const result = await preview(values());
      if (!result.ok) {
        setShown(null);
        setErrors(result.fieldErrors ?? {});
        setMessage(result.error);
        focusAfterChange("resultat-periode");
        return;
      }
      setErrors({});
      setMessage(null);
      setShown(result.data);
      focusAfterChange("apercu-periode");
    });
  }

  function onSend() {
    startTransition(async () => {
      const result = await send(values());
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.error);
        focusAfterChange("resultat-periode");
        return;
      }
      setShown(null);
      const refused = result.data.outcomes.some((o) => o.outcome === "REFUSED");
      setSent({
        text: refused
          ? `Envoi : ${result.data.summary}. Le détail de chaque date est dans l'e-mail et le calendrier.`
          : `Demandes envoyées : ${result.data.summary}.`,
        refused,
      });
      focusAfterChange("resultat-periode");
    });
  }

  return { form, choice, errors, message, shown, sent, pending, onPreview, onSend, clearPreview: () => setShown(null) };
}
