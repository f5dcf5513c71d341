"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/action";
import { actorFromUser } from "@/lib/workflow";
import { readImportUploads } from "@/lib/import/read-import-uploads";
import { runImport } from "@/lib/import/run-import";
import { summariseReport } from "@/lib/import/summarise-report";
import { inviteImportedFamilies } from "@/lib/import/invite-families";

const filesSchema = z.instanceof(FormData, { message: "Choisissez au moins un fichier CSV." });

/** « Vérifier » : the dry run, nothing written. */
export const checkImportAction = adminAction(filesSchema, async (form, admin) => {
  const files = await readImportUploads(form);
  return summariseReport(await runImport({ files, apply: false, actor: actorFromUser(admin) }));
});

/** « Importer » : the same plan, applied batch by batch when no line has an error. */
export const applyImportAction = adminAction(filesSchema, async (form, admin) => {
  const files = await readImportUploads(form);
  const report = await runImport({ files, apply: true, actor: actorFromUser(admin) });
  if (report.applied) revalidatePath("/admin", "layout");
  return summariseReport(report);
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
