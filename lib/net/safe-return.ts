/**
 * Where to send someone after signing in (`?retour=`): accepted only when it
 * resolves, against the app's own address, to the app's own origin; returned as
 * a plain path that cannot be read as another host ("//host", "/\host").
 */
export function safeReturnPath(value: unknown, appUrl: string): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2000) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(appUrl);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}
