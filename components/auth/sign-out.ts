/**
 * next-auth's `signOut()` without `next-auth/react` (≈ 5 kB gzip with its regenerator runtime, in every page's
 * header): the same two requests to next-auth's own routes — its CSRF token, then `POST /api/auth/signout`, which
 * ends the session and clears the cookie — then the page it answers. No other tab listens for it (the portal has
 * no `SessionProvider`), so the broadcast `signOut()` also sends is left out. A network failure rejects, as before.
 */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const csrf = await fetch("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  window.location.href = url ?? callbackUrl;
}
