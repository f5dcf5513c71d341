import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { staffPage } from "@/lib/auth/session";
import { listStructures } from "@/lib/activities/manage-structures";
import { formatCalendarDate, count, formatLongDate } from "@/lib/format";
import { SchemaForm, type FieldSpec } from "@/components/form/schema-form";
import { addCalendarExceptionAction, createStructureAction } from "./actions";
import { Page } from "@/components/ui/page";
import Link from "next/link";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Lieux d'accueil et calendrier" };

/** Each lieu's own settings pages (issue 27): identity on PDFs, online payment, SEPA debits, résident communes. */
const STRUCTURE_SETTINGS = [
  { path: "identite", label: "Identité (SIRET)" },
  { path: "paiement-en-ligne", label: "Paiement en ligne" },
  { path: "prelevement", label: "Prélèvement SEPA" },
  { path: "communes", label: "Communes résidentes" },
] as const;

const KINDS = { VACANCES_SCOLAIRES: "Vacances scolaires", JOUR_FERIE: "Jour férié", FERMETURE: "Fermeture" } as const;

const STRUCTURE_FIELDS: FieldSpec[] = [
  { name: "name", label: "Nom du lieu d'accueil", required: true },
  { name: "street", label: "Adresse" },
  { name: "postalCode", label: "Code postal", inputMode: "numeric" },
  { name: "city", label: "Ville" },
];

const EXCEPTION_FIELDS: FieldSpec[] = [
  {
    name: "kind",
    label: "Type",
    type: "select",
    required: true,
    options: Object.entries(KINDS).map(([value, label]) => ({ value, label })),
  },
  { name: "label", label: "Libellé", required: true, hint: "Exemple : Vacances de Noël, Pont de l'Ascension" },
  { name: "startDate", label: "Du", type: "date", required: true },
  { name: "endDate", label: "Au", type: "date", required: true },
];

export default async function StructuresPage() {
  const staff = await staffPage("/admin/structures");
  const structures = await listStructures(staff.scope);
  return (
    <Page width="wide">
      <PageHeader title={"Lieux d'accueil et calendrier"} breadcrumbs={[{ label: "Activités", href: "/admin/activites" }]} />
      <p className="mb-4 text-sm">
        Une fermeture ou un jour férié retire les jours d&apos;ouverture qu&apos;il couvre ; c&apos;est refusé tant que des réservations
        existent ces jours-là.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {structures.map((structure, index) => (
          <section key={structure.id} className={cardClass} aria-labelledby={`lieu-${index}`}>
            <h2 id={`lieu-${index}`} className="text-xl font-bold">
              {structure.name}
            </h2>
            <p className="mb-2 text-sm">
              {structure.city ?? ""} — {count(structure._count.activities, "activité")}
            </p>
            <nav aria-label={`Paramètres de ${structure.name}`} className="mb-3">
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {STRUCTURE_SETTINGS.map((setting) => (
                  <li key={setting.path}>
                    <Link className={linkClass} href={`/admin/structures/${structure.id}/${setting.path}`}>
                      {setting.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <h3 className="font-bold">Calendrier</h3>
            <ul className="mb-3 text-sm">
              {structure.calendarDays.map((day) => (
                <li key={day.id}>
                  {KINDS[day.kind]} : {day.label},{" "}
                  {day.startDate.getTime() === day.endDate.getTime()
                    ? `le ${formatLongDate(day.startDate)}`
                    : `du ${formatCalendarDate(day.startDate)} au ${formatCalendarDate(day.endDate)}`}
                </li>
              ))}
            </ul>
            <details>
              <summary className="cursor-pointer font-semibold text-brand">Ajouter des vacances, un jour férié ou une fermeture</summary>
              <SchemaForm
                schema="calendarException"
                idPrefix={`calendrier-${index}`}
                fields={EXCEPTION_FIELDS}
                hidden={{ structureId: structure.id }}
                resetOnSuccess
                submitLabel="Ajouter au calendrier"
                action={addCalendarExceptionAction}
                defaultValues={{ kind: "FERMETURE", label: "", startDate: "", endDate: "" }}
              />
            </details>
          </section>
        ))}
      </div>
      <section className={cn(cardClass, "mt-4")} aria-labelledby="nouveau-lieu">
        <h2 id="nouveau-lieu" className="mb-2 text-xl font-bold">
          Nouveau lieu d&apos;accueil
        </h2>
        <SchemaForm
          schema="structure"
          idPrefix="lieu"
          fields={STRUCTURE_FIELDS}
          resetOnSuccess
          submitLabel="Créer le lieu d'accueil"
          action={createStructureAction}
          defaultValues={{ name: "", street: "", postalCode: "", city: "" }}
        />
      </section>
    </Page>
  );
}
