import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Issue 8: a server action given what our pages never send answers a clear
 * 4xx in French — not a 500, and nothing logged as an application error.
 */
const ROOT = path.resolve(__dirname, "..");
const BASE = process.env.E2E_BASE_URL ?? "http://localhost:3100";

function actionId(name: string): string {
  const dist = process.env.NEXT_DIST_DIR ?? ".next-test";
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dist, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`action ${name} introuvable`);
  return found[0];
}

test("une server action mal formée reçoit un 4xx en français, jamais un 500", async () => {
  const id = actionId("requestAccountAction");
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${BASE}/creer-mon-compte`, {
      method: "POST",
      body,
      headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: BASE, ...headers },
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);

  const notJson = await post("pas du json");
  expect(notJson.status).toBe(400);
  expect(await notJson.text()).toBe("Requête refusée : le contenu du formulaire est illisible.");

  const elsewhere = await post("[{}]", { origin: "https://evil.example" });
  expect(elsewhere.status).toBe(403);
  expect(await elsewhere.text()).toBe("Requête refusée : elle ne vient pas d'une page du portail.");

  const huge = "x".repeat(5 * 1024 * 1024);
  const tooBig = await post(huge);
  expect(tooBig.status).toBe(413);
  expect(await tooBig.text()).toContain("trop volumineux");

  // Streamed without a length (chunked): refused before anything is read.
  const chunked = await post(new Blob([huge]).stream());
  expect(chunked.status).toBe(411);

  const unknown = await post("[{}]", { "next-action": "pas-un-identifiant" });
  expect(unknown.status).toBe(400);

  // A real, well-formed call still works: the form's French field errors.
  const empty = await post("[{}]");
  expect(empty.status).toBe(200);
  expect(await empty.text()).toContain("Nom : champ obligatoire.");

  const log = fs.readFileSync(path.join(ROOT, ".test-reports", "server.log"), "utf8");
  expect(log).not.toContain("is not valid JSON");
  expect(log).not.toContain("Body exceeded");
  expect(log).not.toContain("did not match the expected format");
});

test("en-têtes : CSP avec nonce, pas de cadre ; /api/sante répond", async ({ page }) => {
  const response = await page.goto("/connexion");
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  // The page still works under the policy: the form answers (scripts run).
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("E-mail : champ obligatoire.")).toBeVisible();
  const health = await page.request.get("/api/sante");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ statut: "ok", base: "ok" });
});
