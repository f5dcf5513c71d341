import type { Metadata } from "next";
import Link from "next/link";
import { parentPage } from "@/lib/auth/session";
import { SchemaForm } from "@/components/form/schema-form";
import { ADULT_FIELDS } from "@/components/family/field-specs";
import { addAdultAction } from "../actions";

export const metadata: Metadata = { title: "Ajouter un responsable légal" };

export default async function AddAdultPage() {
  await parentPage("/ma-famille/ajouter-un-adulte");
  return (
    <div className="page">
      <p className="mb-2"><Link href="/ma-famille" className="link">← Ma famille</Link></p>
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Ajouter un responsable légal</h1>
      <div className="card">
        <SchemaForm
          schema="adult"
          idPrefix="adulte"
          fields={ADULT_FIELDS}
          defaultValues={{ lastName: "", firstName: "", birthDate: "", mobilePhone: "", email: "", relationship: "" }}
          submitLabel="Ajouter"
          action={addAdultAction}
        />
      </div>
    </div>
  );
}
