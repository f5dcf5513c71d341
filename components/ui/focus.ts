/**
 * After an action that changes the page under the user (an item leaves a
 * list, a dialog closes), the focus goes to the first of these elements that
 * exists — never left on <body>. Waits for the refreshed page to render.
 */
export function focusAfterChange(...ids: string[]): void {
  window.setTimeout(() => {
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element) return element.focus();
    }
  }, 50);
}
