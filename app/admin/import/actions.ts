"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { adminAction } from "@/lib/action";
import { actorFromUser } from "@/lib/workflow";
import { readImportUploads } from "@/lib/import/read-import-uploads";
import { runImport } from "@/lib/import/run-import";
import { resumeImportRun, runImportRun, startImportRun } from "@/lib/import/import-runs";
import { summariseReport } from "@/lib/import/summarise-report";
import { inviteImportedFamilies } from "@/lib/import/invite-families";

const filesSchema = z.instanceof(FormData, { message: "Choisissez au moins un fichier CSV." });

/** « Vérifier » : the dry run, nothing written. */
export const checkImportAction = adminAction(filesSchema, async (form, admin) => {
  const files = await readImportUploads(form);
  return summariseReport(await runImport({ files, apply: false, actor: actorFromUser(admin) }));
});

/**
 * « Importer » : checked again, then — no line in error — a run that writes batch by batch. One batch is written
 * before the answer; more go on in the background, the page showing their progress (lib/import/import-runs.ts).
 */
export const applyImportAction = adminAction(filesSchema, async (form, admin) => {
  const files = await readImportUploads(form);
  const actor = actorFromUser(admin);
  const { report, run } = await startImportRun({ files, actor });
  if (!run) return { ...summariseReport(report), started: null };
  let message = "Import lancé : suivez sa progression ci-dessus.";
  if (run.total <= 1) {
    const outcome = await runImportRun(run.id, actor);
    message = outcome === "DONE" ? "Import terminé." : "L'import s'est arrêté : voyez pourquoi ci-dessus.";
  } else after(() => runImportRun(run.id, actor));
  revalidatePath("/admin", "layout");
  return { ...summariseReport(report), started: { runId: run.id, message } };
});

/** « Reprendre » : an import whose server stopped goes on, in the background, from its first batch not written. */
export const resumeImportAction = adminAction(z.object({ runId: z.string().min(1) }), async ({ runId }, admin) => {
  const run = await resumeImportRun({ runId });
  after(() => runImportRun(run.id, actorFromUser(admin)));
  revalidatePath("/admin/import");
  return { message: "Import repris." };
});

/** « Envoyer les invitations » (never invited), or « Renvoyer » to every imported family not activated. */
export const inviteFamiliesAction = adminAction(z.object({ resend: z.boolean() }), async ({ resend }) => {
  const { sent } = await inviteImportedFamilies({ resend });
  revalidatePath("/admin/import");
  return {
    sent,
    message:
      sent === 0
        ? "Aucune invitation à envoyer."
        : `${sent} invitation${sent > 1 ? "s" : ""} « Activer mon compte » mise${sent > 1 ? "s" : ""} en envoi.`,
  };
});
