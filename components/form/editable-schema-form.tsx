"use client";
import { lazy, Suspense, type ComponentProps, type ReactNode } from "react";
import { EditableSection } from "@/components/ui/editable-section";
import { Alert } from "@/components/ui/field";
import type { SchemaForm as SchemaFormComponent } from "./schema-form";

/*
 * A record's block read first, its SchemaForm opened by « Modifier » (ADR 046): react-hook-form and the form's code
 * (≈ 15 kB gzip) are downloaded when the pointer or the focus reaches « Modifier », not with the page.
 */
let loading: Promise<typeof import("./schema-form")> | null = null;
function loadForm() {
  loading ??= import("./schema-form").catch((error: unknown) => {
    loading = null; // a failed preload does not stand for the opening, which tries again
    throw error;
  });
  return loading;
}
const preload = () => void loadForm().catch(() => {});

function FormFailed() {
  return (
    <Alert tone="error" focus>
      Le formulaire n&apos;a pas pu s&apos;afficher : la connexion semble interrompue. Rechargez la page et réessayez.
    </Alert>
  );
}

const SchemaForm = lazy(() =>
  loadForm().then(
    (m) => ({ default: m.SchemaForm }),
    () => ({ default: FormFailed as typeof SchemaFormComponent }),
  ),
);

export function EditableSchemaForm({
  title,
  titleId,
  view,
  editLabel,
  className,
  form,
}: {
  title: string;
  titleId: string;
  /** The values as they are read. */
  view: ReactNode;
  editLabel?: string;
  className?: string;
  form: ComponentProps<typeof SchemaFormComponent>;
}) {
  return (
    <EditableSection
      title={title}
      titleId={titleId}
      view={view}
      editLabel={editLabel}
      className={className}
      formOnDemand
      onIntent={preload}
      form={
        <Suspense fallback={<p role="status">Chargement du formulaire…</p>}>
          <SchemaForm {...form} focusOnMount />
        </Suspense>
      }
    />
  );
}
