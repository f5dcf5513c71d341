import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { describe, expect, it } from "vitest";
import {
  lastBillingRun,
  QUEUED_HEARTBEAT,
  resumeBillingRun,
  runBillingRun,
  startBillingRun,
  startIssueRun,
  STALE_MS,
  takeQueuedBillingRun,
} from "@/lib/billing/run-billing";
import { assertMonthEnded, generateMonth } from "@/lib/billing/generate-month";
import { transaction } from "@/lib/db";
import { deMonth } from "@/lib/format";
import { lockBillingMonth } from "@/lib/locks";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";
import { BILLED_AT } from "./billing-world";

/*
 * « Générer le mois » and « Envoyer les factures » in the background: a run whose server stops is seen interrupted
 * as soon as its heartbeat is old, and « Reprendre » finishes it without billing, numbering or e-mailing twice.
 * The server's stop is played for real: the run's next batch waits on the month's lock (held here, as another
 * batch would), the run is told to stop (its heartbeat stops with it), then the lock is released.
 */

/** Three families with a day each in January 2027 at one structure. */
async function monthOfThree(name: string) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const families = [];
  for (const suffix of ["A", "B", "C"]) {
    const f = await createFamily(prisma, {
      lastName: `${name}${suffix}`,
      quotientFamilial: 600,
      children: [{ firstName: `${name}${suffix}`, birthDate: "2018-03-02", sex: "F" }],
    });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    await prisma.reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date("2027-01-06T00:00:00Z"), status: "PRESENT" },
    });
    families.push(f);
  }
  return { w, families, staff: await staffActor() };
}

const waitingOnMonthLock = async () =>
  (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)[0]!.n;
const runRow = (id: string) => prisma.billingRun.findUniqueOrThrow({ where: { id } });

/**
 * Starts the run and stops it as a dying server would after its first batch: that batch waits on the month's lock,
 * the process is seen alive meanwhile (its heartbeat moves), then it is told to stop and the lock is released.
 */
async function runThenDie(runId: string, structureId: string, actor: Awaited<ReturnType<typeof staffActor>>) {
  const stop = new AbortController();
  let worker: Promise<void> | undefined;
  await transaction(
    async (tx) => {
      await lockBillingMonth(tx, structureId, "2027-01");
      worker = runBillingRun(runId, actor, { now: BILLED_AT, batchSize: 1, heartbeatMs: 20, signal: stop.signal });
      await expect.poll(waitingOnMonthLock).toBe(1);
      const before = (await runRow(runId)).heartbeatAt.getTime();
      await expect.poll(async () => (await runRow(runId)).heartbeatAt.getTime()).toBeGreaterThan(before);
      stop.abort();
    },
    { timeout: 30_000 },
  );
  await worker;
}

/** The time that passes after the server died: its last heartbeat gets older than the bound. */
const ageHeartbeat = (runId: string, seconds: number) =>
  prisma.$executeRaw`UPDATE "BillingRun" SET "heartbeatAt" = now() - make_interval(secs => ${seconds}) WHERE "id" = ${runId}`;

describe("a billing run whose server stopped", () => {
  it("« Générer le mois »: seen interrupted once its heartbeat is old, never « suivez sa progression »; « Reprendre » (twice at once) bills the rest once, numbers gapless, summary whole", async () => {
    const { w, families, staff } = await monthOfThree("Reprise");
    const run = await startBillingRun({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLED_AT });
    await runThenDie(run.id, w.structure.id, staff);
    expect(await runRow(run.id)).toMatchObject({ status: "RUNNING", done: 1, total: 3, invoices: 1 });
    expect(await prisma.invoice.count({ where: { structureId: w.structure.id } })).toBe(1);

    // Just stopped: not yet told apart from a slow batch.
    expect(await lastBillingRun(w.structure.id, "2027-01")).toMatchObject({ interrupted: false });
    await expect(resumeBillingRun({ runId: run.id, structureId: w.structure.id, scope: ALL_LIEUX })).rejects.toThrow(
      "La génération de janvier 2027 est en cours : suivez sa progression ci-dessus.",
    );

    // 31 s without a heartbeat: interrupted, and a new « Générer le mois » says to resume it.
    await ageHeartbeat(run.id, 31);
    expect(await lastBillingRun(w.structure.id, "2027-01")).toMatchObject({ status: "RUNNING", interrupted: true, done: 1, total: 3 });
    await expect(startBillingRun({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLED_AT })).rejects.toThrow(
      "La génération de janvier 2027 a été interrompue (le serveur s'est arrêté) : cliquez sur « Reprendre » pour la terminer ; rien ne sera fait deux fois.",
    );
    // Another structure's staff cannot resume it.
    const other = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
    });
    await expect(resumeBillingRun({ runId: run.id, structureId: other.structure.id, scope: ALL_LIEUX })).rejects.toThrow();

    const resumes = await Promise.allSettled([
      resumeBillingRun({ runId: run.id, structureId: w.structure.id, scope: ALL_LIEUX }),
      resumeBillingRun({ runId: run.id, structureId: w.structure.id, scope: ALL_LIEUX }),
    ]);
    expect(resumes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(resumes.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual([
      "La génération de janvier 2027 est en cours : suivez sa progression ci-dessus.",
    ]);
    await runBillingRun(run.id, staff, { now: BILLED_AT, batchSize: 1 });

    const invoices = await prisma.invoice.findMany({
      where: { structureId: w.structure.id },
      orderBy: { sequence: "asc" },
      select: { familyId: true, sequence: true, number: true },
    });
    expect(invoices.map((i) => i.familyId).sort()).toEqual(families.map((f) => f.family.id).sort());
    expect(invoices.map((i) => i.sequence - invoices[0]!.sequence)).toEqual([0, 1, 2]);
    expect(await prisma.invoiceLine.count({ where: { invoice: { structureId: w.structure.id } } })).toBe(3);
    expect(await lastBillingRun(w.structure.id, "2027-01")).toMatchObject({
      status: "DONE",
      interrupted: false,
      done: 3,
      total: 3,
      invoices: 3,
      totalCents: 1800,
      firstNumber: invoices[0]!.number,
      lastNumber: invoices[2]!.number,
    });
    await expect(resumeBillingRun({ runId: run.id, structureId: w.structure.id, scope: ALL_LIEUX })).rejects.toThrow(
      "La génération de janvier 2027 est déjà terminée.",
    );
  });

  it("« Envoyer les factures » runs in the background the same way: stopped half-way and resumed, each invoice issued once, each family e-mailed once", async () => {
    const { w, families, staff } = await monthOfThree("Envoi");
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLED_AT });
    const run = await startIssueRun({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-03-15", actor: staff });
    expect(run.drafts).toBe(3);
    // Nothing sent by the request itself.
    expect(await prisma.invoice.count({ where: { structureId: w.structure.id, status: "DRAFT" } })).toBe(3);
    // One run of the month at a time, whatever it does.
    await expect(startBillingRun({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLED_AT })).rejects.toThrow(
      "Un envoi des factures de janvier 2027 est déjà en cours",
    );
    await expect(startIssueRun({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-03-15", actor: staff })).rejects.toThrow(
      "Un envoi des factures de janvier 2027 est déjà en cours",
    );

    await runThenDie(run.id, w.structure.id, staff);
    const issuedEmails = () =>
      prisma.emailOutbox.findMany({
        where: { familyId: { in: families.map((f) => f.family.id) }, template: "invoice-issued" },
        select: { familyId: true, text: true },
      });
    expect(await runRow(run.id)).toMatchObject({ status: "RUNNING", done: 1, total: 3, invoices: 1 });
    expect(await prisma.invoice.count({ where: { structureId: w.structure.id, status: "ISSUED" } })).toBe(1);
    expect(await issuedEmails()).toHaveLength(1);

    await ageHeartbeat(run.id, 31);
    expect(await lastBillingRun(w.structure.id, "2027-01")).toMatchObject({ kind: "ISSUE", interrupted: true });
    await expect(startIssueRun({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-03-15", actor: staff })).rejects.toThrow(
      "L'envoi des factures de janvier 2027 a été interrompu (le serveur s'est arrêté) : cliquez sur « Reprendre » pour le terminer",
    );
    await resumeBillingRun({ runId: run.id, structureId: w.structure.id, scope: ALL_LIEUX });
    await runBillingRun(run.id, staff, { batchSize: 1 });

    expect(await prisma.invoice.findMany({ where: { structureId: w.structure.id }, select: { status: true, dueDate: true } })).toEqual(
      Array.from({ length: 3 }, () => ({ status: "ISSUED", dueDate: new Date("2027-03-15T00:00:00Z") })),
    );
    const emails = await issuedEmails();
    expect(emails.map((e) => e.familyId).sort()).toEqual(families.map((f) => f.family.id).sort());
    expect(emails[0]!.text).toMatch(/Votre facture n° \d{4}-\d{6} de janvier 2027 est disponible/);
    expect(await lastBillingRun(w.structure.id, "2027-01")).toMatchObject({
      kind: "ISSUE",
      status: "DONE",
      done: 3,
      total: 3,
      invoices: 3,
      totalCents: 1800,
    });
    // Nothing left: said so, no run recorded.
    await expect(startIssueRun({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-03-15", actor: staff })).rejects.toThrow(
      "Aucune facture à envoyer.",
    );
  });
  it("BILLING_WORKER=off: the run waits for the server that runs billing, shown « en attente », never interrupted; of two workers one takes it, once", async () => {
    const { w, staff } = await monthOfThree("File");
    process.env.BILLING_WORKER = "off";
    let runId: string;
    try {
      runId = (await startBillingRun({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLED_AT })).id;
    } finally {
      delete process.env.BILLING_WORKER;
    }
    expect((await runRow(runId)).heartbeatAt).toEqual(QUEUED_HEARTBEAT);
    const waiting = await lastBillingRun(w.structure.id, "2027-01");
    expect(waiting).toMatchObject({ status: "RUNNING", queued: true, interrupted: false, taken: false });
    // Nobody took it in time (no worker anywhere): then staff see it interrupted, and « Reprendre » is the way out.
    const late = await lastBillingRun(w.structure.id, "2027-01", new Date(Date.now() + STALE_MS + 1000));
    expect(late).toMatchObject({ queued: false, interrupted: true, taken: false });
    // « Générer le mois » again meanwhile: told it never started (not « le serveur s'est arrêté »), and how to run it.
    await prisma.billingRun.update({ where: { id: runId }, data: { startedAt: new Date(Date.now() - STALE_MS - 1000) } });
    await expect(startBillingRun({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLED_AT })).rejects.toThrow(
      "La génération de janvier 2027 n'a pas commencé (aucun serveur de traitement ne l'a prise) : cliquez sur « Reprendre » pour la lancer ici ; rien ne sera fait deux fois.",
    );
    // Two workers look at once: one runs it, the other finds nothing left to take.
    const taken = await Promise.all([takeQueuedBillingRun({ now: BILLED_AT }), takeQueuedBillingRun({ now: BILLED_AT })]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await runRow(runId)).toMatchObject({ status: "DONE", done: 3, invoices: 3, startedById: staff.userId });
    expect(await lastBillingRun(w.structure.id, "2027-01")).toMatchObject({ status: "DONE", taken: true });
    expect(await prisma.invoice.count({ where: { structureId: w.structure.id } })).toBe(3);
    expect(await takeQueuedBillingRun({ now: BILLED_AT })).toBe(false);
  });
});

describe("« du mois de » in French", () => {
  it("elides before a vowel: d'avril, d'août, d'octobre; de janvier — in messages and e-mails", () => {
    expect(["2027-01", "2027-04", "2027-08", "2027-10", "2027-12"].map(deMonth)).toEqual([
      "de janvier 2027",
      "d'avril 2027",
      "d'août 2027",
      "d'octobre 2027",
      "de décembre 2027",
    ]);
    expect(() => assertMonthEnded("2027-10", BILLED_AT)).toThrow(
      "Le mois d'octobre 2027 n'est pas terminé : il se facture à partir du 01/11/2027.",
    );
    expect(() => assertMonthEnded("2027-04", BILLED_AT)).toThrow("Le mois d'avril 2027 n'est pas terminé");
  });
});
