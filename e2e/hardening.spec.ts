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

test("issue 21 : corps d'action mal formés, nom de fichier avec un caractère de contrôle, action postée sur une autre page : un 4xx en français, une ligne de journal", async () => {
  const id = actionId("sendFamilyMessageAction");
  // A page that holds the action (its path is unique to this test, so its log lines are found again).
  const marker = `issue21-${Date.now()}`;
  const here = `/mes-messages/${marker}`;
  const post = (where: string, body: BodyInit, contentType = "text/plain;charset=UTF-8") =>
    fetch(`${BASE}${where}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "next-action": id, "content-type": contentType, origin: BASE },
    });
  const boundary = "----limite21";
  const multipart = (...parts: string[]) => `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("")}--${boundary}--\r\n`;
  const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
  const file = (fileName: string) =>
    `Content-Disposition: form-data; name="1_file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test`;
  const MULTIPART = `multipart/form-data; boundary=${boundary}`;

  const cases: { name: string; where: string; body: string; type?: string; status: number; text: string }[] = [
    { name: "null", where: here, body: "null", status: 400, text: "Requête refusée : le contenu du formulaire est illisible." },
    { name: "42", where: here, body: "42", status: 400, text: "Requête refusée : le contenu du formulaire est illisible." },
    {
      name: "référence sans sa partie",
      where: here,
      body: '["$Q1"]',
      status: 400,
      text: "Requête refusée : le contenu du formulaire est illisible.",
    },
    {
      name: "5 000 niveaux",
      where: here,
      body: `${"[".repeat(5000)}${"]".repeat(5000)}`,
      status: 400,
      text: "Requête refusée : le contenu du formulaire est illisible.",
    },
    {
      name: "multipart coupé",
      where: here,
      body: `--${boundary}\r\n${field("0", '["$K1"]')}\r\n--${boundary}\r\nContent-Disp`,
      type: MULTIPART,
      status: 400,
      text: "Requête refusée : le contenu du formulaire est illisible.",
    },
    {
      name: "NUL dans le nom",
      where: here,
      body: multipart(field("0", '["$K1"]'), field("1_body", "Bonjour"), file("scan\u0000.pdf")),
      type: MULTIPART,
      status: 400,
      text: "Requête refusée : le nom d'un fichier envoyé contient un caractère invisible (caractère de contrôle). Renommez le fichier, puis envoyez-le à nouveau.",
    },
    {
      name: "BEL dans le nom",
      where: here,
      body: multipart(field("0", '["$K1"]'), file("scan\u0007.pdf")),
      type: MULTIPART,
      status: 400,
      text: "Requête refusée : le nom d'un fichier envoyé contient un caractère invisible (caractère de contrôle). Renommez le fichier, puis envoyez-le à nouveau.",
    },
    {
      name: "autre page",
      where: `/admin/activites/${marker}`,
      body: "[{}]",
      status: 404,
      text: "Requête refusée : ce formulaire n'existe pas sur cette page. Rechargez la page, puis recommencez.",
    },
    {
      name: "autre page (multipart)",
      where: `/admin/activites/${marker}`,
      body: multipart(field("0", '["$K1"]'), field("1_body", "Bonjour")),
      type: MULTIPART,
      status: 404,
      text: "Requête refusée : ce formulaire n'existe pas sur cette page. Rechargez la page, puis recommencez.",
    },
  ];
  for (const c of cases) {
    const response = await post(c.where, c.body, c.type);
    expect([c.name, response.status, await response.text()]).toEqual([c.name, c.status, c.text]);
  }
  // What our pages really send passes (here nobody is signed in: the page sends the visitor to « Connexion »).
  const real = await post(here, multipart(field("0", '["$K1"]'), field("1_body", "Bonjour"), file("scan été.pdf")), MULTIPART);
  expect([real.status, real.headers.get("location")]).toEqual([307, `/connexion?retour=${encodeURIComponent(here)}`]);

  const logPath = path.join(ROOT, ".test-reports", "server.log");
  await expect
    .poll(
      () =>
        fs
          .readFileSync(logPath, "utf8")
          .split("\n")
          .filter((l) => l.includes(marker)).length,
    )
    .toBe(cases.length);
  const log = fs.readFileSync(logPath, "utf8");
  for (const line of log.split("\n").filter((l) => l.includes(marker)))
    expect(line).toMatch(/^\[requête refusée\] 40\d POST "\/(mes-messages|admin\/activites)\/issue21-\d+" : Requête refusée : /);
  for (const noise of [
    "uncaughtException",
    "Maximum call stack",
    "Malformed part header",
    "Unexpected end of form",
    "Connection closed",
    "CreateListFromArrayLike",
    "failed to forward",
  ]) {
    expect(log, noise).not.toContain(noise);
  }
});

test("avant que le JavaScript soit chargé, les formulaires de connexion et de création de compte sont désactivés et n'envoient rien dans l'adresse", async ({
  page,
}) => {
  // A slow phone: the HTML is shown, the scripts have not run yet.
  await page.route(/\/_next\/static\/.*\.js/, (route) => route.abort());
  for (const [address, field] of [
    ["/connexion", /^E-mail/],
    ["/creer-mon-compte", /^Nom/],
  ] as const) {
    await page.goto(address);
    await expect(page.getByRole("textbox", { name: field }).first()).toBeDisabled();
    await expect(page.locator("form[method=post]").first()).toBeAttached();
  }
  await page.unroute(/\/_next\/static\/.*\.js/);
  await page.goto("/connexion");
  await expect(page.getByRole("textbox", { name: /^E-mail/ })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Se connecter" })).toBeEnabled();
});
