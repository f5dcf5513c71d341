"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { staffAnswerSchema, templateSchema, threadSchema } from "@/lib/documents/schemas";
import { answerThread, assignThread, closeThread } from "@/lib/messages/answer-thread";
import { createTemplate } from "@/lib/messages/manage-templates";

export const answerThreadAction = staffAction(staffAnswerSchema, async ({ threadId, body, file }, staff) => {
  await answerThread({ threadId, actor: staff.actor, body, file });
  revalidatePath("/", "layout");
  return { message: "Réponse envoyée : la famille est prévenue par e-mail." };
});

export const assignThreadAction = staffAction(threadSchema, async ({ threadId }, staff) => {
  await assignThread({ threadId, actor: staff.actor });
  revalidatePath("/admin/messages", "layout");
  return { message: "Conversation attribuée à vous." };
});

export const closeThreadAction = staffAction(threadSchema, async ({ threadId }, staff) => {
  await closeThread({ threadId, actor: staff.actor });
  revalidatePath("/", "layout");
  return { message: "Conversation close. Si la famille écrit à nouveau, elle se rouvre." };
});

export const createTemplateAction = staffAction(templateSchema, async (data) => {
  await createTemplate(data);
  revalidatePath("/admin/messages", "layout");
  return { message: `Modèle « ${data.title} » ajouté.` };
});
