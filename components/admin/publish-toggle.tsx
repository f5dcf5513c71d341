"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

/** « Retirer » (asked once more: the families lose it) / « Publier à nouveau ». */
export function PublishToggle(props: {
  id: string;
  title: string;
  published: boolean;
  action: (input: { id: string; published: boolean }) => Promise<ActionResult<{ message: string }>>;
}) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  if (props.published) {
    return (
      <ConfirmDialog
        triggerLabel="Retirer"
        triggerAriaLabel={`Retirer ${props.title}`}
        title={`Retirer « ${props.title} » ?`}
        confirmLabel="Retirer"
        description="Les familles ne le verront plus dans leurs Téléchargements ; vous pourrez le publier à nouveau."
        action={() => props.action({ id: props.id, published: false })}
        done={(data) => data.message}
      />
    );
  }
  return (
    <Button
      variant="secondary"
      pending={pending}
      aria-label={`Publier à nouveau ${props.title}`}
      onClick={() =>
        startTransition(async () => {
          const result = await props.action({ id: props.id, published: true });
          toast(result.ok ? result.data.message : result.error, result.ok ? "success" : "error");
          router.refresh();
        })
      }
    >
      Publier à nouveau
    </Button>
  );
}
