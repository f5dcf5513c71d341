import { Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";
import { MEAL_TYPES } from "@/lib/families/child-options";
import type { ChildFormInput } from "@/lib/families/schemas";

const yesNo = (value: unknown) => (value === "oui" ? "Oui" : value === "non" ? "Non" : "—");

/** The whole child, read back before saving, each part with its « Modifier ». */
export function ChildReview({ values, onEdit }: { values: ChildFormInput; onEdit: (step: number) => void }) {
  const { identity, health, contacts, consents } = values;
  const sections: { title: string; step: number; rows: [string, string][] }[] = [
    {
      title: "Informations personnelles",
      step: 0,
      rows: [
        ["Nom", identity.lastName],
        ["Prénom", identity.firstName],
        ["Date de naissance", identity.birthDate],
        ["Sexe", identity.sex === "F" ? "Fille" : identity.sex === "M" ? "Garçon" : "—"],
        ["École", identity.school || "—"],
        ["Classe", identity.schoolClass || "—"],
      ],
    },
    {
      title: "Santé et CAF",
      step: 1,
      rows: [
        ["Allergies", health.hasAllergies === "oui" ? `Oui — ${health.allergyNotes ?? ""}` : yesNo(health.hasAllergies)],
        ["PAI", yesNo(health.hasPai)],
        ["Type de repas", MEAL_TYPES[health.mealType as keyof typeof MEAL_TYPES] ?? "—"],
        ["Médecin traitant", health.doctorName || "—"],
        ["Numéro d'allocataire CAF", health.cafAllocataireNumber || "—"],
      ],
    },
    {
      title: "Personnes autorisées",
      step: 2,
      rows:
        contacts.authorizedPersons.length === 0
          ? [["Personnes autorisées", "Aucune"]]
          : contacts.authorizedPersons.map(
              (p, i) => [`Personne ${i + 1}`, `${p.fullName} (${p.relationship}) — ${p.phone}`] as [string, string],
            ),
    },
    {
      title: "Autorisations",
      step: 3,
      rows: [
        ["Droit à l'image", yesNo(consents.photoConsent)],
        ["Sortie seul", yesNo(consents.canLeaveAlone)],
        ["Soins d'urgence", yesNo(consents.emergencyCareConsent)],
      ],
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      {sections.map((section) => (
        <section key={section.title} aria-label={section.title} className="border-b border-gray-200 pb-3 last:border-0">
          <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-bold">{section.title}</h3>
            <Button variant="quiet" size="sm" onClick={() => onEdit(section.step)} aria-label={`Modifier : ${section.title}`}>
              <Pencil aria-hidden="true" className="size-4" /> Modifier
            </Button>
          </div>
          <dl className="grid gap-x-4 text-sm sm:grid-cols-[12rem_1fr]">
            {section.rows.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="font-semibold text-gray-800">{term}</dt>
                <dd className="mb-1 sm:mb-0">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
