"use server";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { familyMessageSchema } from "@/lib/documents/schemas";
import { sendFamilyMessage } from "@/lib/messages/send-family-message";

/** « Envoyer » a message to the structure (a new conversation, or in one of the family's). */
export const sendFamilyMessageAction = parentAction(familyMessageSchema, async ({ threadId, subject, childId, body, file }, parent) => {
  const sent = await sendFamilyMessage({ familyId: parent.familyId, actor: parent.actor, threadId, subject, childId, body, file });
  revalidatePath("/", "layout");
  return {
    message: "Message envoyé à la structure. Vous recevrez un e-mail quand elle aura répondu.",
    // The focus goes to what was sent: the message in its conversation, or the new conversation in the list.
    focusId: threadId ? `message-${sent.messageId}` : `conversation-${sent.threadId}`,
  };
});
