import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { PDFDocument } from "pdf-lib";
import { createBilledFamiliesInBulk, createBookableWorld, createFamily, createStaffUser, inscribe } from "../../prisma/factories";
import { testDb } from "../support";

/*
 * Issue 23: the portal scales by running N stateless servers on one PostgreSQL and one file store. scripts/test.ts
 * starts two production servers (`npm run serve`, the command of docs/deploiement.md) at the same time on a fresh
 * database — they race to migrate it, under the advisory lock — and these checks talk to both.
 */
const A = process.env.E2E_SERVER_A!;
const B = process.env.E2E_SERVER_B!;
const LOGS = (process.env.E2E_SERVER_LOGS ?? "").split(",").filter(Boolean);
/** Not the demo's: a production server refuses a database where an account still has it. */
const PASSWORD = "Deux-serveurs-2026";
const COOKIE = "next-auth.session-token";
const ROOT = path.resolve(__dirname, "..", "..");

function actionId(name: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`Action ${name} introuvable`);
  return found[0];
}

/** A session cookie made the way the app makes them (a UserSession row + the JWT signed with the shared secret). */
async function sessionCookie(userId: string): Promise<string> {
  const session = await testDb().userSession.create({
    data: { userId, userAgent: "deux-serveurs", expiresAt: new Date(Date.now() + 3_600_000) },
    select: { id: true },
  });
  return `${COOKIE}=${await encode({ token: { userId, sessionId: session.id }, secret: process.env.NEXTAUTH_SECRET! })}`;
}

/** Posts a server action as the browser does (same origin as the server it is sent to). */
async function postAction(base: string, page: string, action: string, args: unknown, cookie: string): Promise<string> {
  const response = await fetch(`${base}${page}`, {
    method: "POST",
    headers: {
      "next-action": actionId(action),
      "content-type": "text/plain;charset=UTF-8",
      origin: base,
      cookie,
      accept: "text/x-component",
    },
    body: JSON.stringify([args]),
  });
  expect(response.status, `${action} sur ${base}`).toBe(200);
  return response.text();
}

/** How many requests each server logged for a route (one JSON line per request in production). */
function loggedRequests(route: string): number[] {
  return LOGS.map(
    (file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { msg?: string; route?: string })
        .filter((entry) => entry.msg === "requête" && entry.route === route).length,
  );
}

async function signInOn(page: Page, base: string, email: string) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible({ timeout: 30_000 });
}

const statusOf = (base: string, pathname: string, cookie: string) =>
  fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" }).then((r) => ({
    status: r.status,
    location: r.headers.get("location") ?? "",
  }));

test("démarrés ensemble sur une base vide, les deux serveurs ont appliqué chaque migration une seule fois", async () => {
  const migrations = fs.readdirSync(path.join(ROOT, "prisma", "migrations")).filter((name) => /^\d/.test(name));
  const applied = await testDb().$queryRaw<{ migration_name: string; finished: boolean }[]>`
    SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`;
  expect(applied.map((m) => m.migration_name)).toEqual(migrations.sort());
  expect(applied.every((m) => m.finished)).toBe(true);
});

test("les deux serveurs répondent, chacun avec son identifiant de requête, et journalisent en JSON", async () => {
  for (const base of [A, B]) {
    const response = await fetch(`${base}/api/sante`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(LOGS).toHaveLength(2);
  for (const count of loggedRequests("/api/sante")) expect(count).toBeGreaterThan(0);
});

test("une session ouverte sur un serveur vaut sur l'autre ; se déconnecter sur l'un la ferme sur les deux", async ({ page }) => {
  const f = await createFamily(testDb(), { lastName: "Session", password: PASSWORD });
  await signInOn(page, A, f.user.email);
  await page.goto(`${B}/tableau-de-bord`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  const cookie = (await page.context().cookies(A)).find((c) => c.name === COOKIE);
  expect(cookie).toBeDefined();
  const replay = `${COOKIE}=${cookie!.value}`;
  // The cookie alone opens the page on each server…
  for (const base of [A, B]) expect((await statusOf(base, "/tableau-de-bord", replay)).status).toBe(200);
  // …until the parent signs out on A: the same cookie, replayed, is then refused by both.
  await page.goto(`${A}/tableau-de-bord`);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();
  for (const base of [A, B]) {
    const after = await statusOf(base, "/tableau-de-bord", replay);
    expect(after.status).toBe(307);
    expect(after.location).toContain("/connexion");
  }
});

test("50 parents réservent la dernière place, moitié sur chaque serveur : une seule réservée, les autres en liste d'attente dans l'ordre", async () => {
  test.setTimeout(120_000);
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const world = await createBookableWorld(testDb(), {
    start,
    end,
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Journée", capacity: 1 }],
    automatic: true,
  });
  const day = world.openingDays[0]!;
  const parents: { inscription: { id: string }; cookie: string }[] = [];
  for (let i = 0; i < 50; i += 1) {
    const f = await createFamily(testDb(), {
      lastName: `Place${i}`,
      password: PASSWORD,
      children: [{ firstName: "Enfant", birthDate: "2018-05-01", sex: "F" }],
    });
    const inscription = await inscribe(testDb(), world, f.family, f.children[0]!.id);
    parents.push({ inscription, cookie: await sessionCookie(f.user.id) });
  }
  // A parent told « très sollicité » (the lock waited past its bound: nothing was written) tries again, as the page says.
  const book = async (p: (typeof parents)[number], i: number): Promise<string> => {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await postAction(
        i % 2 === 0 ? A : B,
        "/mes-reservations",
        "sendReservationRequestsAction",
        { cells: [{ inscriptionId: p.inscription.id, timeUnitId: world.units[0]!.id, day }] },
        p.cookie,
      );
      if (!answer.includes("très sollicité") || attempt === 5) return answer;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  };
  const answers = await Promise.all(parents.map(book));
  for (const answer of answers) expect(answer).toContain('"ok":true');
  const slot = { timeUnitId: world.units[0]!.id, date: new Date(`${day}T00:00:00Z`) };
  const rows = await testDb().reservation.findMany({ where: slot, select: { status: true, waitlistRank: true } });
  expect(rows).toHaveLength(50);
  expect(rows.filter((r) => r.status === "RESERVED")).toHaveLength(1);
  const waiting = rows.filter((r) => r.status === "WAITLISTED").sort((a, b) => a.waitlistRank! - b.waitlistRank!);
  expect(waiting.map((r) => r.waitlistRank)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
});

test("chaque e-mail de la file part une seule fois, et chaque rappel, avec les deux distributeurs en marche", async () => {
  test.setTimeout(120_000);
  const db = testDb();
  // Inscriptions open tomorrow at 08:00 (Paris): the families inscribed get « ouverture » reminders, from both workers.
  const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
  const world = await createBookableWorld(db, {
    start: tomorrow,
    end: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
    weekdays: [3],
    units: [{ name: "Journée", capacity: 10 }],
  });
  const remindedFamilies: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const f = await createFamily(db, {
      lastName: `Rappel${i}`,
      password: PASSWORD,
      children: [{ firstName: "Al", birthDate: "2018-01-01", sex: "M" }],
    });
    await inscribe(db, world, f.family, f.children[0]!.id);
    remindedFamilies.push(f.family.id);
  }
  await db.activity.update({
    where: { id: world.activity.id },
    data: { inscriptionsOpenAt: new Date(`${tomorrow}T07:00:00Z`) },
  });
  const keys = Array.from({ length: 40 }, (_, i) => `deux-serveurs:${randomUUID()}:${i}`);
  await db.emailOutbox.createMany({
    data: keys.map((key, i) => ({
      idempotencyKey: key,
      template: "deux-serveurs",
      to: `destinataire${i}@exemple.fr`,
      subject: `Essai ${i}`,
      html: `<p>Essai ${i}</p>`,
      text: `Essai ${i}`,
    })),
  });
  await expect.poll(() => db.emailOutbox.count({ where: { idempotencyKey: { in: keys }, status: "SENT" } }), { timeout: 60_000 }).toBe(40);
  await expect
    .poll(() => db.emailOutbox.count({ where: { familyId: { in: remindedFamilies }, template: "reminder-opening", status: "SENT" } }), {
      timeout: 60_000,
    })
    .toBe(5);
  // Each row was claimed once (one attempt), by one of the servers, and the provider received it once.
  const rows = await db.emailOutbox.findMany({
    where: { OR: [{ idempotencyKey: { in: keys } }, { familyId: { in: remindedFamilies }, template: "reminder-opening" }] },
    select: { attempts: true, idempotencyKey: true },
  });
  expect(rows.map((r) => r.attempts)).toEqual(rows.map(() => 1));
  expect(await db.standInEmail.count({ where: { idempotencyKey: { in: rows.map((r) => r.idempotencyKey) } } })).toBe(45);
  // Across the whole outbox (other tests' e-mails too), once drained: the posts both stand-ins received (their logs)
  // are exactly the attempts recorded — no row was sent by both workers.
  await expect.poll(() => db.emailOutbox.count({ where: { status: "PENDING" } }), { timeout: 30_000 }).toBe(0);
  const attempts = await db.emailOutbox.aggregate({ _sum: { attempts: true } });
  await expect.poll(() => loggedRequests("/api/resend-stand-in/emails").reduce((a, b) => a + b, 0)).toBe(attempts._sum.attempts);
  expect(await db.emailOutbox.count({ where: { attempts: { gt: 1 } } })).toBe(0);
});

test("une facturation lancée sur un serveur web est faite par le serveur de traitement, se suit sur l'autre et n'y est pas lancée une seconde fois", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const db = testDb();
  const paris = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
  const [year, monthNumber] = paris.split("-").map(Number) as [number, number];
  const previous = monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, "0")}`;
  const lastDay = new Date(Date.UTC(Number(previous.slice(0, 4)), Number(previous.slice(5)), 0)).getUTCDate();
  const FAMILIES = 400;
  const w = await createBookableWorld(db, {
    start: `${previous}-01`,
    end: `${previous}-${lastDay}`,
    weekdays: [1, 3],
    units: [{ name: "Matin", capacity: FAMILIES + 10, prices: [400, 600, 800, 1000] }],
  });
  await createBilledFamiliesInBulk(db, w, { count: FAMILIES, prefix: "Run", quotient: () => 600 });
  const staff = await createStaffUser(db, { password: PASSWORD });
  const cookie = await sessionCookie(staff.id);
  const input = { structureId: w.structure.id, month: previous };
  // The run must still be running when B is asked: the test holds the month's bookings for 4 s (the run waits at its
  // first batch, below the 8 s lock bound), as a slow month would.
  let held!: () => void;
  const locked = new Promise<void>((resolve) => (held = resolve));
  const holding = db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Reservation" WHERE "timeUnitId" = ${w.units[0]!.id} FOR UPDATE`;
      held();
      await tx.$executeRaw`SELECT pg_sleep(4)`;
    },
    { timeout: 20_000 },
  );
  await locked;
  expect(await postAction(A, "/admin/facturation", "generateMonthAction", input, cookie)).toContain('"ok":true');
  // A's billing worker is off (scripts/test.ts): B's takes the run. Meanwhile B refuses a second one and shows the
  // run's state, read from the database.
  expect(await postAction(B, "/admin/facturation", "generateMonthAction", input, cookie)).toContain("est déjà en cours");
  const name = cookie.slice(0, cookie.indexOf("="));
  await page.context().addCookies([{ name, value: cookie.slice(name.length + 1), url: B }]);
  await page.goto(`${B}/admin/facturation?lieu=${w.structure.id}&mois=${previous}`);
  await expect(
    page.getByText(/Génération en cours : 0 \/ 400 familles|Préparation de la génération|Génération en attente du serveur de traitement/),
  ).toBeVisible();
  await holding;
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Génération en cours/)).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 150_000 });
  const runs = await db.billingRun.findMany({
    where: { structureId: w.structure.id },
    select: { status: true, done: true, invoices: true },
  });
  expect(runs).toEqual([{ status: "DONE", done: FAMILIES, invoices: FAMILIES }]);
  expect(await db.invoice.count({ where: { structureId: w.structure.id } })).toBe(FAMILIES);
});

test("un document envoyé par un serveur se télécharge par l'autre", async ({ page }) => {
  const type = await testDb().documentType.create({
    data: { name: `Attestation ${Date.now()}`, required: false, validity: "CALENDAR_YEAR" },
  });
  const f = await createFamily(testDb(), {
    lastName: "Fichier",
    password: PASSWORD,
    children: [{ firstName: "Lou", birthDate: "2018-03-02", sex: "F" }],
  });
  const doc = await PDFDocument.create();
  doc.addPage().drawText("Envoyé sur A, lu sur B");
  const bytes = Buffer.from(await doc.save());
  await signInOn(page, A, f.user.email);
  await page.goto(`${A}/mes-envois`);
  const form = page.getByRole("region", { name: "Envoyer un document" });
  await form.getByLabel("Type de document").selectOption({ label: type.name });
  await form
    .getByRole("button", { name: "Fichier", exact: true })
    .setInputFiles({ name: "attestation.pdf", mimeType: "application/pdf", buffer: bytes });
  await form.getByRole("button", { name: "Envoyer le document" }).click();
  await expect.poll(() => testDb().document.count({ where: { familyId: f.family.id } })).toBe(1);
  const stored = await testDb().document.findFirstOrThrow({ where: { familyId: f.family.id }, select: { id: true } });
  const response = await page.request.get(`${B}/documents/${stored.id}`);
  expect(response.status()).toBe(200);
  expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
});

/** Runs one of our commands as an operator would (npm run backup / restore), with its own environment. */
function command(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

test("sauvegardée (npm run backup) puis restaurée dans une base neuve (npm run restore), la base sert à un troisième serveur les factures et les documents", async () => {
  test.setTimeout(180_000);
  test.skip(
    !process.env.E2E_PG_ADMIN_URL,
    "PostgreSQL 15 absent : le pg_dump 15 de Debian ne sauvegarde pas la base intégrée 18 (décision 030)",
  );
  const db = testDb();
  // What the checks above left: invoices (the billing run) and an uploaded document.
  const invoice = await db.invoice.findFirstOrThrow({ select: { id: true, number: true } });
  const document = await db.document.findFirstOrThrow({ where: { familyId: { not: null } }, select: { id: true } });
  const staff = await createStaffUser(db, { password: PASSWORD });
  const cookie = await sessionCookie(staff.id);
  const original = await fetch(`${A}/documents/${document.id}`, { headers: { cookie } });
  expect(original.status).toBe(200);
  const originalBytes = Buffer.from(await original.arrayBuffer());

  const folder = path.join(os.tmpdir(), `portail-sauvegarde-${randomUUID()}`);
  const restoredFiles = fs.mkdtempSync(path.join(os.tmpdir(), "portail-restaure-"));
  const backup = await command("scripts/backup.ts", [folder], {
    DATABASE_URL: process.env.E2E_DATABASE_URL!,
    FILES_DIR: process.env.E2E_FILES_DIR!,
  });
  expect(backup.code, backup.output).toBe(0);
  const admin = new pg.Client({ connectionString: process.env.E2E_PG_ADMIN_URL });
  await admin.connect();
  await admin.query('CREATE DATABASE "portail_test_restauree"');
  await admin.end();
  const restoredUrl = process.env.E2E_PG_ADMIN_URL!.replace(/\/postgres$/, "/portail_test_restauree");
  const restore = await command("scripts/restore.ts", [folder], { DATABASE_URL: restoredUrl, FILES_DIR: restoredFiles });
  expect(restore.code, restore.output).toBe(0);

  // A third production server, on the restored database and files only.
  const port = process.env.E2E_SERVER_C_PORT!;
  const C = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/production.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: port,
      APP_URL: C,
      NEXTAUTH_URL: C,
      DATABASE_URL: restoredUrl,
      FILES_DIR: restoredFiles,
      EMAIL_WORKER: "off",
      REMINDER_WORKER: "off",
      RETENTION_WORKER: "off",
      BILLING_WORKER: "off",
    },
    stdio: "ignore",
  });
  try {
    await expect
      .poll(
        () =>
          fetch(`${C}/api/sante`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(200);
    const pdf = await fetch(`${C}/factures/${invoice.id}/facture`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const restored = await fetch(`${C}/documents/${document.id}`, { headers: { cookie } });
    expect(restored.status).toBe(200);
    expect(Buffer.from(await restored.arrayBuffer()).equals(originalBytes)).toBe(true);
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(restoredFiles, { recursive: true, force: true });
  }
});
