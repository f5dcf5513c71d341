"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { nextPendingRow, queueBoxes } from "./next-row";

type Decide = (input: {
  decisions: { id: string; decision: "EXCUSED" | "BILLED" }[];
  reason: string;
}) => Promise<ActionResult<{ message: string }>>;

/** A DA: « Excusée » or « Facturée », the one the cancellation deadline proposes first. */
export function CancellationDecision({
  id,
  subject,
  proposed,
  decide,
}: {
  id: string;
  subject: string;
  proposed: "EXCUSED" | "BILLED";
  decide: Decide;
}) {
  const choices = proposed === "EXCUSED" ? (["EXCUSED", "BILLED"] as const) : (["BILLED", "EXCUSED"] as const);
  const root = useRef<HTMLDivElement>(null);
  return (
    <div ref={root} className="mt-3 flex flex-wrap gap-2">
      {choices.map((decision) => {
        const label = decision === "EXCUSED" ? "Absence excusée" : "Absence facturée";
        return (
          <ConfirmDialog
            key={decision}
            triggerLabel={`${label}${decision === proposed ? " (proposée)" : ""}`}
            triggerAriaLabel={`${label} : ${subject}`}
            triggerVariant={decision === proposed ? "primary" : "secondary"}
            title={`${label} : ${subject}`}
            description={
              decision === "EXCUSED"
                ? "Non facturée. La famille reçoit un e-mail avec ce motif ; la place va à la liste d'attente."
                : "Facturée. La famille reçoit un e-mail avec ce motif ; la place va à la liste d'attente."
            }
            reasonLabel="Motif (envoyé à la famille)"
            confirmLabel={`Confirmer : ${label.toLowerCase()}`}
            confirmVariant={decision === "BILLED" ? "danger" : "primary"}
            action={({ reason }) => decide({ decisions: [{ id, decision }], reason: reason ?? "" })}
            done={`${label} : ${subject}.`}
            focusAfter={() => [...nextPendingRow(queueBoxes(root.current), [id]), "annulations", "file-attente", "titre-page"]}
          />
        );
      })}
    </div>
  );
}
