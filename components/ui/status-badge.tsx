import type { Tone } from "@/lib/workflow/machines";

const TONES: Record<Tone, string> = {
  waiting: "bg-amber-100 text-amber-900 border border-amber-700",
  done: "bg-green-100 text-green-900 border border-green-700",
  refused: "bg-red-100 text-red-900 border border-red-700",
  closed: "bg-gray-100 text-gray-900 border border-gray-600",
};

/** A status as its machine names it (lib/workflow labels and tones): one word per state everywhere. */
export function StatusBadge({ label, tone }: { label: string; tone: Tone }) {
  return <span className={`badge ${TONES[tone]}`}>{label}</span>;
}
