import { formatDateTime } from "@/lib/format";
import { DOCUMENT_STATUSES, isIn } from "@/lib/workflow/machines";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

interface ThreadMessage {
  id: string;
  body: string;
  fromStaff: boolean;
  createdAt: Date;
  author: { displayName: string } | null;
  document: { id: string; fileName: string; status: string } | null;
}

/** Both sides of a conversation, oldest first, each message with who wrote it and when. */
export function ThreadView({ messages, familyName }: { messages: ThreadMessage[]; familyName: string }) {
  return (
    <ol className="mb-6 flex flex-col gap-3" aria-label="Messages">
      {messages.map((m) => (
        <li
          key={m.id}
          id={`message-${m.id}`}
          tabIndex={-1}
          className={cn(cardClass, m.fromStaff ? "border-l-4 border-l-brand" : "sm:ml-8")}
        >
          <p className="mb-1 text-sm font-semibold text-gray-800">
            {m.fromStaff ? `La structure${m.author ? ` — ${m.author.displayName}` : ""}` : familyName} —{" "}
            <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
          </p>
          <p className="whitespace-pre-line">{m.body}</p>
          {m.document && !isIn(DOCUMENT_STATUSES.FILE_DELETED, m.document.status) ? (
            <p className="mt-1 text-sm">
              <a className={linkClass} href={`/documents/${m.document.id}`} download>
                Pièce jointe : {m.document.fileName}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
