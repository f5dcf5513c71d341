/**
 * After an action that changes the page under the user (an item leaves a
 * list, a dialog closes), the focus goes to the first of these elements that
 * exists — never left on <body>. Waits for the refreshed page to render: for
 * the dialog that asked to close first (its focus trap would send the focus
 * back, and its closing gives it to its trigger), and for the target to
 * appear; for 3 s after, a focus lost to <body> (the element replaced by the
 * refreshed page) is put back. A focus the user moved elsewhere is left alone.
 */
export function focusAfterChange(...ids: string[]): void {
  let placed: HTMLElement | null = null;
  const tick = (left: number) =>
    window.setTimeout(() => {
      const active = document.activeElement;
      const dialogOpen = document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
      if (!dialogOpen && (!placed || !active || active === document.body)) {
        const target = ids.map((id) => document.getElementById(id)).find((e) => e !== null);
        if (target) {
          target.focus();
          placed = target;
        }
      }
      if (left > 0) tick(left - 1);
    }, 50);
  tick(60);
}
