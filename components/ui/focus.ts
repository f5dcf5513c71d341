/**
 * After an action that changes the page under the user (an item leaves a
 * list, a dialog closes), the focus goes to the first of these elements that
 * exists — never left on <body>. Waits for the refreshed page to render: for
 * the dialog that asked to close first (its focus trap would send the focus
 * back, and its closing gives it to its trigger), and for the target to
 * appear; for 3 s after, a focus lost to <body> (the element replaced by the
 * refreshed page) is put back, and a focus left on a fallback moves to an earlier
 * target that appears. A focus the user moved elsewhere is left alone.
 */
let latest = 0;

export function focusAfterChange(...ids: string[]): void {
  // The next action's own focus replaces this one: an earlier watch still running would otherwise put a focus
  // the next refresh drops on *its* fallback (seen: the queue's heading instead of the next row).
  const run = ++latest;
  let placed: HTMLElement | null = null;
  let rank = ids.length;
  const tick = (left: number) =>
    window.setTimeout(() => {
      if (run !== latest) return;
      const active = document.activeElement;
      const dialogOpen = document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
      // Placed on a fallback while the refresh was still on its way: the preferred target, once it shows, wins.
      const lost = !active || active === document.body;
      if (!dialogOpen && (!placed || lost || (active === placed && rank > 0))) {
        const found = ids.findIndex((id) => document.getElementById(id) !== null);
        if (found >= 0 && (found < rank || lost || !placed)) {
          const target = document.getElementById(ids[found]!)!;
          target.focus();
          placed = target;
          rank = found;
        }
      }
      if (left > 0) tick(left - 1);
    }, 50);
  tick(60);
}
