import type { ReactNode } from "react";
import { Inbox } from "lucide-react";

/** What a list shows when it has nothing: says so, and offers the next step when there is one. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-gray-400 bg-white px-4 py-6 text-center">
      <Inbox aria-hidden="true" className="size-8 text-gray-600" />
      <p className="font-semibold text-gray-900">{title}</p>
      {children ? <div className="text-gray-700">{children}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
