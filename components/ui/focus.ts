/**
 * After an action that changes the page under the user (an item leaves a
 * list, a dialog closes), the focus goes to the first of these elements that
 * exists — never left on <body>. Waits for the refreshed page to render.
 */
export function focusAfterChange(...ids: string[]): void {
  // None there yet (the result appears with the refreshed page): looked for again, for 5 s at most.
  const attempt = (left: number) =>
    window.setTimeout(() => {
      for (const id of ids) {
        const element = document.getElementById(id);
        if (element) return element.focus();
      }
      if (left > 0) attempt(left - 1);
    }, 50);
  attempt(50);
}
