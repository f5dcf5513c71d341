import { beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import iconv from "iconv-lite";
import { runImport } from "@/lib/import/run-import";
import { lastImportRun, resumeImportRun, runImportRun, startImportRun } from "@/lib/import/import-runs";
import { transaction } from "@/lib/db";
import { lockInscriptionPlaces } from "@/lib/locks";
import { importTemplate } from "@/lib/import/columns";
import { normalisePhone } from "@/lib/import/parse-rows";
import { inviteImportedFamilies } from "@/lib/import/invite-families";
import { authenticate } from "@/lib/accounts/authenticate";
import { resetPassword } from "@/lib/accounts/reset-password";
import { applyImportAction, checkImportAction, inviteFamiliesAction } from "@/app/admin/import/actions";
import { createFamily, createStaffUser } from "@/prisma/factories";
import { SYSTEM } from "@/lib/workflow";
import { parisDay } from "@/lib/calendar/paris";
import { expectNothingChanged, prisma } from "./helpers";

const run = Date.now().toString(36);
const ACTIVITY = `Mercredis import ${run}`;
const PERIOD = "Année 2026/2027";
const mail = (name: string) => `${name}.${run}@import.example`;
const utf8 = (text: string) => new TextEncoder().encode(text);

const FAMILY_HEADER = "E-mail de connexion;Civilité;Nom;Prénom;Téléphone portable;Adresse;Code postal;Ville;Quotient familial";
const CHILD_HEADER = "E-mail de la famille;Nom;Prénom;Date de naissance;Sexe;Allergies;Régime;Personnes autorisées;Droit à l'image";
const INSCRIPTION_HEADER = "E-mail de la famille;Nom de l'enfant;Prénom de l'enfant;Date de naissance;Activité;Période;Groupe";

function familiesCsv(rows: string[]) {
  return utf8(`\uFEFF${FAMILY_HEADER}\r\n${rows.join("\r\n")}\r\n`);
}

const place = { activityId: "", periodId: "" };

beforeAll(async () => {
  const structure = await prisma.structure.create({ data: { name: `Lieu import ${run}` } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH" } });
  const activity = await prisma.activity.create({
    include: { periods: true },
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: ACTIVITY,
      periods: { create: { name: PERIOD, startDate: new Date("2026-09-02"), endDate: new Date("2027-07-01") } },
      ageGroups: { create: { name: "Élémentaire", minAgeMonths: 72, maxAgeMonths: 155 } },
    },
  });
  Object.assign(place, { activityId: activity.id, periodId: activity.periods[0]!.id });
});

describe("reading the offices' files", () => {
  it("normalises phone numbers written in any usual form", () => {
    for (const typed of ["0612345678", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", "06-12-34-56-78"])
      expect(normalisePhone(typed), typed).toBe("06 12 34 56 78");
    expect(normalisePhone("12345")).toBeNull();
    expect(normalisePhone("+1 202 555 0143")).toBeNull();
  });

  it("the templates are UTF-8 with BOM, « ; »-separated, with an example line that imports", async () => {
    const template = importTemplate("familles");
    expect(template.startsWith("\uFEFFE-mail de connexion;Civilité;Nom;Prénom;")).toBe(true);
    expect(template.trim().split("\r\n")).toHaveLength(2);
    const report = await runImport({ files: { familles: utf8(template) }, apply: false, actor: SYSTEM });
    expect(report.errorCount).toBe(0);
  });

  it("reads UTF-8 with « ; » and Windows-1252 (Excel) with « , », accents intact, and a dry run writes nothing", async () => {
    const text = `${FAMILY_HEADER.replace(/;/g, ",")}\r\n${mail("helene")},Mme,DÉSIRÉ,Hélène,06 11 22 33 44,"3, allée des Peupliers",59000,Lille,420\r\n`;
    const cp1252 = iconv.encode(text, "win1252");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(cp1252)).toThrow();
    const children = utf8(`${CHILD_HEADER}\n${mail("helene")};Désiré;Léonie;03/02/2018;F;non;Sans porc;;oui\n`);
    await expectNothingChanged(async () => {
      const report = await runImport({ files: { familles: cp1252, enfants: children }, apply: false, actor: SYSTEM });
      expect(report.files).toEqual([
        { kind: "familles", encoding: "Windows-1252", delimiter: ",", lines: 1 },
        { kind: "enfants", encoding: "UTF-8", delimiter: ";", lines: 1 },
      ]);
      expect(report.lines.map((l) => [l.file, l.action, l.label, l.errors])).toEqual([
        ["familles", "CREATE", `Famille DÉSIRÉ (${mail("helene")})`, []],
        ["enfants", "CREATE", "DÉSIRÉ Léonie (03/02/2018)", []],
      ]);
    });
  });

  it("says every error with its line, column and reason, and then writes nothing, even when asked to import", async () => {
    const families = familiesCsv([
      `${mail("a")};Mme;ALPHA;Anne;06 12 34 56 78;1 rue A;59000;Lille;500`,
      `${mail("b")};M;BRAVO;Bruno;12345;1 rue B;5900;Lille;-3`,
      `${mail("a")};Mme;ALPHA;Anne;06 12 34 56 78;1 rue A;59000;Lille;500`,
    ]);
    const children = utf8(
      `${CHILD_HEADER}\n${mail("a")};Alpha;Zoé;31/02/2019;F;;;;\n${mail("a")};Alpha;Léa;12/13/2020;F;;;;\n${mail("inconnu")};X;Yves;01/01/2019;M;;;;\n`,
    );
    const inscriptions = utf8(`${INSCRIPTION_HEADER}\n${mail("a")};Alpha;Zoé;01/01/2019;Natation inconnue;${PERIOD};\n`);
    for (const apply of [false, true]) {
      await expectNothingChanged(async () => {
        const report = await runImport({ files: { familles: families, enfants: children, inscriptions }, apply, actor: SYSTEM });
        expect(report.applied).toBe(false);
        const errors = report.lines
          .filter((l) => l.action === "ERROR")
          .flatMap((l) => l.errors.map((e) => [l.file, l.line, e.column, e.message]));
        expect(errors).toEqual([
          [
            "familles",
            3,
            "Téléphone portable",
            "Téléphone portable : numéro invalide (« 12345 ») ; attendu un numéro français, par exemple 06 12 34 56 78.",
          ],
          ["familles", 3, "Code postal", "Code postal : 5 chiffres."],
          ["familles", 3, "Quotient familial", "Quotient familial : un nombre entier d'euros, positif ou nul (« -3 »)."],
          ["familles", 4, null, "Ligne en double : cet e-mail de connexion figure déjà ligne 2."],
          ["enfants", 2, "Date de naissance", "Date de naissance : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026)."],
          ["enfants", 3, "Date de naissance", "Date de naissance : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026)."],
          ["enfants", 4, "E-mail de la famille", expect.stringMatching(/^famille inconnue : /)],
          ["inscriptions", 2, "Activité", "activité inconnue : « Natation inconnue » (créez-la d'abord dans Activités)."],
          ["inscriptions", 2, null, expect.stringMatching(/^enfant inconnu/)],
        ]);
      });
    }
  });
});

function world(prefix: string, n: number) {
  const emails = Array.from({ length: n }, (_, i) => mail(`${prefix}${i}`));
  const familles = familiesCsv(
    emails.map(
      (e, i) =>
        `${e};Mme;NOM${"ABCDEFGHIJ"[i % 10]};Claire;06 12 34 56 ${String(10 + i).slice(-2)};${i} rue des Lilas;59000;Lille;${400 + i}`,
    ),
  );
  const enfants = utf8(
    `${CHILD_HEADER}\n${emails
      .flatMap((e, i) => [
        `${e};Nom${"ABCDEFGHIJ"[i % 10]};Léo;04/05/2018;M;arachide;Standard;Jeanne Dupont, grand-mère, 06 11 22 33 44;oui`,
        `${e};Nom${"ABCDEFGHIJ"[i % 10]};Inès;10/10/2020;F;non;;;non`,
      ])
      .join("\n")}\n`,
  );
  const inscriptions = utf8(
    `${INSCRIPTION_HEADER}\n${emails.map((e, i) => `${e};Nom${"ABCDEFGHIJ"[i % 10]};Léo;04/05/2018;${ACTIVITY};${PERIOD};Élémentaire`).join("\n")}\n`,
  );
  return { emails, files: { familles, enfants, inscriptions } };
}

const counts = async (emails: string[]) => ({
  users: await prisma.user.count({ where: { email: { in: emails } } }),
  children: await prisma.child.count({ where: { family: { users: { some: { email: { in: emails } } } } } }),
  inscriptions: await prisma.inscription.count({ where: { family: { users: { some: { email: { in: emails } } } } } }),
  persons: await prisma.authorizedPerson.count({ where: { child: { family: { users: { some: { email: { in: emails } } } } } } }),
});

describe("importing", () => {
  it("creates families, children and validated inscriptions; the same files again change nothing", async () => {
    const staff = await createStaffUser(prisma, { role: "ADMIN" });
    const actor = { userId: staff.id, kind: "STAFF" as const, label: "ADMIN" as const };
    const { emails, files } = world("premier", 3);
    const first = await runImport({ files, apply: true, actor });
    expect(first.applied).toBe(true);
    expect(first.counts).toEqual({
      familles: { CREATE: 3, UPDATE: 0, UNCHANGED: 0, ERROR: 0 },
      enfants: { CREATE: 6, UPDATE: 0, UNCHANGED: 0, ERROR: 0 },
      inscriptions: { CREATE: 3, UPDATE: 0, UNCHANGED: 0, ERROR: 0 },
    });
    expect(await counts(emails)).toEqual({ users: 3, children: 6, inscriptions: 3, persons: 3 });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: emails[0] }, include: { adult: true, family: true } });
    expect(user).toMatchObject({ role: "PARENT", status: "ACTIVE", activatedAt: null, invitedAt: null });
    expect(user.importedAt).not.toBeNull();
    expect(user.adult).toMatchObject({ mobilePhone: "06 12 34 56 10", lastName: "NOMA" });
    expect(user.family).toMatchObject({ street: "0 rue des Lilas", quotientFamilial: 400 });
    const inscription = await prisma.inscription.findFirstOrThrow({ where: { familyId: user.familyId! } });
    expect(inscription.status).toBe("VALIDATED");
    expect(await prisma.transitionLog.findFirst({ where: { entityId: inscription.id } })).toMatchObject({
      toStatus: "VALIDATED",
      actorId: staff.id,
      reason: "Import des familles",
    });

    await expectNothingChanged(async () => {
      const again = await runImport({ files, apply: true, actor });
      expect(again.applied).toBe(true);
      expect(again.counts.familles).toEqual({ CREATE: 0, UPDATE: 0, UNCHANGED: 3, ERROR: 0 });
      expect(again.counts.enfants).toEqual({ CREATE: 0, UPDATE: 0, UNCHANGED: 6, ERROR: 0 });
      expect(again.counts.inscriptions).toEqual({ CREATE: 0, UPDATE: 0, UNCHANGED: 3, ERROR: 0 });
    });
  });

  it("updates an existing family matched by its login e-mail, with a StaffEdit, and leaves empty cells alone", async () => {
    const { family, user } = await createFamily(prisma, { lastName: "Existant", quotientFamilial: 650 });
    const files = {
      familles: familiesCsv([`${user.email};Mme;Existant;Camille;06 12 34 56 78;5 avenue Neuve;59000;Lille;`]),
    };
    const report = await runImport({ files, apply: true, actor: SYSTEM });
    expect(report.lines).toEqual([expect.objectContaining({ action: "UPDATE", changes: ["adresse"] })]);
    expect(await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).toMatchObject({
      street: "5 avenue Neuve",
      quotientFamilial: 650,
    });
    expect(await prisma.staffEdit.findFirst({ where: { familyId: family.id } })).toMatchObject({
      kind: "ADDRESS",
      after: { street: "5 avenue Neuve" },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).importedAt).toBeNull();
  });

  it("updates a quotient (with its history), an adult and a child in bulk, each with its StaffEdit; the same files again change nothing", async () => {
    const { family, user } = await createFamily(prisma, {
      lastName: "Miseajour",
      quotientFamilial: 650,
      children: [{ firstName: "Zoé", birthDate: "2019-03-01", sex: "F", school: "École A" }],
    });
    const files = {
      familles: familiesCsv([`${user.email};Mme;Miseajour;Camille;07 11 22 33 44;12 rue des Tilleuls;59000;Lille;700`]),
      enfants: utf8(`${CHILD_HEADER}\n${user.email};Miseajour;Zoé;01/03/2019;F;non;Sans porc;;oui\n`),
    };
    const report = await runImport({ files, apply: true, actor: SYSTEM });
    expect(report.lines.map((l) => [l.file, l.action, [...l.changes].sort()])).toEqual([
      ["familles", "UPDATE", ["quotient familial", "téléphone portable"]],
      ["enfants", "UPDATE", ["droit à l'image", "régime"]],
    ]);
    expect(await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).toMatchObject({ quotientFamilial: 700 });
    const history = await prisma.quotientHistory.findMany({ where: { familyId: family.id }, orderBy: { validFrom: "asc" } });
    expect(history.map((h) => [h.validFrom.toISOString().slice(0, 10), h.quotientFamilial])).toEqual([
      ["1900-01-01", 650],
      [parisDay(new Date()), 700],
    ]);
    expect(await prisma.adult.findUniqueOrThrow({ where: { id: user.adultId! } })).toMatchObject({
      mobilePhone: "07 11 22 33 44",
      lastName: "Miseajour",
    });
    expect(await prisma.child.findFirstOrThrow({ where: { familyId: family.id } })).toMatchObject({
      mealType: "SANS_PORC",
      photoConsent: true,
      school: "École A",
      hasAllergies: false,
    });
    const edits = await prisma.staffEdit.findMany({ where: { familyId: family.id } });
    expect(edits.map((e) => [e.kind, e.before, e.after]).sort()).toEqual([
      ["ADULT", { mobilePhone: "06 12 34 56 78" }, { mobilePhone: "07 11 22 33 44" }],
      ["CHILD", { mealType: "STANDARD", photoConsent: false }, { mealType: "SANS_PORC", photoConsent: true }],
      ["QUOTIENT_FAMILIAL", { quotientFamilial: 650 }, { quotientFamilial: 700 }],
    ]);
    await expectNothingChanged(async () => {
      const again = await runImport({ files, apply: true, actor: SYSTEM });
      expect(again.lines.map((l) => l.action)).toEqual(["UNCHANGED", "UNCHANGED"]);
    });
  });

  it("after a crash between batches, running the whole files again goes on without duplicates", async () => {
    const { emails, files } = world("reprise", 5);
    const partial = await runImport({ files, apply: true, actor: SYSTEM, batchSize: 2, stopAfterBatches: 1 });
    expect(partial.batches).toBe(3);
    expect(await counts(emails)).toEqual({ users: 2, children: 4, inscriptions: 2, persons: 2 });
    const resumed = await runImport({ files, apply: true, actor: SYSTEM, batchSize: 2 });
    expect(resumed.counts.familles).toEqual({ CREATE: 3, UPDATE: 0, UNCHANGED: 2, ERROR: 0 });
    expect(await counts(emails)).toEqual({ users: 5, children: 10, inscriptions: 5, persons: 5 });
  });
});

const runRow = (id: string) => prisma.importRun.findUniqueOrThrow({ where: { id } });
const waitingOnAdvisoryLock = async () =>
  (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)[0]!.n;

describe("« Importer » in the background", () => {
  it("counts its progress per batch, allows one import at a time, and after its server stopped « Reprendre » writes the rest once", async () => {
    // A run left RUNNING by an interrupted earlier test run of this database would hold the one import key.
    await prisma.importRun.updateMany({ where: { runningKey: "import" }, data: { runningKey: null, status: "FAILED" } });
    const { emails, files } = world("fond", 5);
    const { run } = await startImportRun({ files, actor: SYSTEM, batchSize: 2 });
    expect(run).toMatchObject({ total: 3 });
    const id = run!.id;
    expect(await runRow(id)).toMatchObject({ status: "RUNNING", done: 0, total: 3, batchSize: 2 });
    expect((await runRow(id)).familles).not.toBeNull();

    // The server stops during the second batch: the first is written and counted, the second waits on the
    // places' lock (taken here) and, told to stop, the run leaves it unwritten.
    const stop = new AbortController();
    let worker: Promise<string> | undefined;
    await transaction(
      async (tx) => {
        await lockInscriptionPlaces(tx, place.activityId, place.periodId);
        worker = runImportRun(id, SYSTEM, { signal: stop.signal, heartbeatMs: 20 });
        await expect.poll(waitingOnAdvisoryLock).toBeGreaterThanOrEqual(1);
        stop.abort();
      },
      { timeout: 30_000 },
    );
    expect(await worker).toBe("STOPPED");
    // The batch that waited was already under way: it commits whole, with its count, then the run stops.
    const stopped = await runRow(id);
    expect(stopped).toMatchObject({ status: "RUNNING", runningKey: "import", done: 1, total: 3 });
    expect(stopped.counts).toEqual({ familles: { CREATE: 2 }, enfants: { CREATE: 4 }, inscriptions: { CREATE: 2 } });
    expect(await counts(emails)).toEqual({ users: 2, children: 4, inscriptions: 2, persons: 2 });

    // The page's progress: 1 batch of 3, alive; a second import is refused meanwhile, and so is « Reprendre ».
    expect(await lastImportRun()).toMatchObject({ id, status: "RUNNING", done: 1, total: 3, interrupted: false });
    await expect(startImportRun({ files, actor: SYSTEM })).rejects.toThrow(
      /^Un import est déjà en cours \(lancé à \d{1,2}\sh(?:\s\d{2})?\)/,
    );
    await expect(resumeImportRun({ runId: id })).rejects.toThrow("L'import est en cours : suivez sa progression ci-dessus.");

    // 31 s without a heartbeat: interrupted; two « Reprendre » at once, one takes it over.
    await prisma.importRun.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - 31_000) } });
    expect(await lastImportRun()).toMatchObject({ id, interrupted: true });
    await expect(startImportRun({ files, actor: SYSTEM })).rejects.toThrow(/^L'import précédent a été interrompu/);
    const resumes = await Promise.allSettled([resumeImportRun({ runId: id }), resumeImportRun({ runId: id })]);
    expect(resumes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await runImportRun(id, SYSTEM)).toBe("DONE");

    const done = await runRow(id);
    expect(done).toMatchObject({ status: "DONE", runningKey: null, done: 3, total: 3, familles: null, enfants: null, inscriptions: null });
    expect(done.counts).toEqual({ familles: { CREATE: 5 }, enfants: { CREATE: 10 }, inscriptions: { CREATE: 5 } });
    expect(await counts(emails)).toEqual({ users: 5, children: 10, inscriptions: 5, persons: 5 });
    const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
    expect(await prisma.transitionLog.count({ where: { entityId: { in: users.map((u) => u.id) } } })).toBe(5);
    await expectNothingChanged(async () => expect(await runImportRun(id, SYSTEM)).toBe("STOPPED"));
  });

  it("starts nothing when a line is in error, and a run that meets a portal changed since the check fails with what to do", async () => {
    await prisma.importRun.updateMany({ where: { runningKey: "import" }, data: { runningKey: null, status: "FAILED" } });
    const bad = familiesCsv([`${mail("faux")};Mme;FAUX;Fanny;12345;1 rue F;59000;Lille;1`]);
    await expectNothingChanged(async () => {
      const { report, run } = await startImportRun({ files: { familles: bad }, actor: SYSTEM });
      expect(run).toBeNull();
      expect(report.errorCount).toBe(1);
    });
    const { files } = world("change", 1);
    const { run } = await startImportRun({ files, actor: SYSTEM });
    // Meanwhile the family's e-mail becomes an office account's.
    await createStaffUser(prisma, { role: "STAFF", email: mail("change0") });
    expect(await runImportRun(run!.id, SYSTEM)).toBe("FAILED");
    expect(await runRow(run!.id)).toMatchObject({
      status: "FAILED",
      runningKey: null,
      done: 0,
      familles: null,
      error: expect.stringMatching(
        /^Le portail a changé depuis la vérification \(familles, ligne 2 : cet e-mail est celui d'un compte de l'accueil/,
      ),
    });
  });
});

describe("« Activer mon compte »", () => {
  it("invites each imported family once, lets it choose its password, and refuses sign-in before that", async () => {
    const { emails, files } = world("invite", 2);
    await runImport({ files: { familles: files.familles }, apply: true, actor: SYSTEM });
    expect(await authenticate({ email: emails[0]!, password: "n'importe-quoi-1", ip: null })).toEqual({
      ok: false,
      failure: "NOT_ACTIVATED",
    });

    await inviteImportedFamilies({ resend: false });
    const outbox = () =>
      prisma.emailOutbox.findMany({ where: { to: { in: emails }, template: "account-activation" }, orderBy: { createdAt: "asc" } });
    expect((await outbox()).map((e) => e.to).sort()).toEqual([...emails].sort());
    await expectNothingChanged(async () => inviteImportedFamilies({ resend: false }));

    const link = /jeton=([\w-]+)&activation=1/.exec((await outbox()).find((e) => e.to === emails[0])!.text)!;
    await resetPassword(link[1]!, "Mon-nouveau-mot-2026");
    expect(await authenticate({ email: emails[0]!, password: "Mon-nouveau-mot-2026", ip: null })).toMatchObject({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: emails[0] } })).activatedAt).not.toBeNull();

    // A re-send, asked for explicitly, goes only to the family not activated yet.
    await inviteImportedFamilies({ resend: true });
    expect((await outbox()).map((e) => e.to)).toEqual(expect.arrayContaining([emails[0], emails[1], emails[1]]));
    expect((await outbox()).filter((e) => e.to === emails[0])).toHaveLength(1);
    expect((await outbox()).filter((e) => e.to === emails[1])).toHaveLength(2);
  });
});

describe("/admin/import actions", () => {
  it("refuse staff and parents, and write nothing", async () => {
    const staff = await createStaffUser(prisma, { role: "STAFF" });
    const { user: parent } = await createFamily(prisma);
    const form = new FormData();
    form.set("familles", new File([familiesCsv([`${mail("refus")};Mme;REFUS;Rose;06 12 34 56 78;1 rue R;59000;Lille;1`])], "familles.csv"));
    for (const who of [staff, parent]) {
      session.current = { user: { id: who.id } };
      await expectNothingChanged(async () => {
        for (const action of [checkImportAction, applyImportAction]) expect((await action(form)).ok).toBe(false);
        expect((await inviteFamiliesAction({ resend: true })).ok).toBe(false);
      });
    }
    const admin = await createStaffUser(prisma, { role: "ADMIN" });
    session.current = { user: { id: admin.id } };
    const checked = await checkImportAction(form);
    expect(checked).toMatchObject({ ok: true, data: { applied: false, counts: { familles: { CREATE: 1 } } } });
    const xlsx = new FormData();
    xlsx.set("familles", new File([Buffer.from("PK\u0003\u0004 pas un csv\u0000")], "familles.xlsx"));
    expect(await checkImportAction(xlsx)).toMatchObject({
      ok: false,
      fieldErrors: { familles: expect.stringMatching(/ce n'est pas un fichier CSV/) },
    });
  });
});
