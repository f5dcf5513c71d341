const STYLES = {
  PENDING: { label: "En attente de traitement", className: "bg-amber-100 text-amber-900 border border-amber-700" },
  ACCEPTED: { label: "Acceptée", className: "bg-green-100 text-green-900 border border-green-700" },
  REFUSED: { label: "Refusée", className: "bg-red-100 text-red-900 border border-red-700" },
  WITHDRAWN: { label: "Retirée", className: "bg-gray-100 text-gray-900 border border-gray-600" },
  CANCELLED: { label: "Annulée", className: "bg-gray-100 text-gray-900 border border-gray-600" },
} as const;

export function RequestStateBadge({ state }: { state: keyof typeof STYLES }) {
  const style = STYLES[state];
  return <span className={`badge ${style.className}`}>{style.label}</span>;
}
