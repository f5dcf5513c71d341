import type { Tone } from "@/lib/workflow/machines";
import { Badge } from "./badge";

/** A status as its machine names it (lib/workflow labels and tones): one word per state everywhere. */
export function StatusBadge({ label, tone, code }: { label: string; tone: Tone; code?: string }) {
  return (
    <Badge tone={tone}>
      {code ? (
        <span aria-hidden="true" className="font-mono">
          {code}
        </span>
      ) : null}
      <span>{label}</span>
    </Badge>
  );
}
