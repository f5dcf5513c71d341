/**
 * After a decision the decided rows leave the queue: the focus goes to the next row still pending — the checkbox of
 * the first row after the first one decided that is not decided (else the nearest one before it). `boxes` are the
 * queue's « Sélectionner » checkboxes (value = the row's id, id = `choix-<id>`), in the page's order.
 */
export function nextPendingRow(boxes: Iterable<Element>, leaving: readonly string[]): string[] {
  const ids = [...boxes].flatMap((b) => (b instanceof HTMLInputElement && b.name === "ids" ? [b.value] : []));
  const gone = new Set(leaving);
  const first = ids.findIndex((id) => gone.has(id));
  if (first < 0) return [];
  const after = ids.slice(first).find((id) => !gone.has(id));
  const before = ids
    .slice(0, first)
    .reverse()
    .find((id) => !gone.has(id));
  const next = after ?? before;
  return next ? [`choix-${next}`] : [];
}

/** The queue's checkboxes around `from` (its table, else the page). */
export function queueBoxes(from: Element | null): Element[] {
  return [...(from?.closest("table") ?? document).querySelectorAll('input[name="ids"]')];
}
