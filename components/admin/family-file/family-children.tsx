import { LinkButton } from "@/components/ui/link-button";
import { CustodyLink } from "@/components/custody/custody-link";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { statusLabel } from "@/lib/workflow/machines";
import { formatCalendarDate } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import type { FamilyChild } from "./types";
import { cardClass } from "@/components/ui/classes";

/** « Enfants »: each child's age, status, health and authorised persons, with a link to its own page. */
export function FamilyChildren({ familyId, familyChildren }: { familyId: string; familyChildren: FamilyChild[] }) {
  return (
    <>
      <h2 className="mb-2 mt-6 text-xl font-bold">Enfants</h2>
      {familyChildren.length === 0 ? <p>Aucun enfant.</p> : null}
      <ul className="grid gap-4 lg:grid-cols-2">
        {familyChildren.map((child) => (
          <li key={child.id} className={cardClass}>
            <h3 className="text-lg font-bold">
              {child.firstName} {child.lastName.toUpperCase()}
            </h3>
            <p className="text-sm">
              {child.sex === "F" ? "Née" : "Né"} le {formatCalendarDate(child.birthDate)} ({ageLabel(child.birthDate)}) —{" "}
              {statusLabel("CHILD", child.status)}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="font-semibold">Allergies</dt>
              <dd>{child.hasAllergies ? `Oui — ${child.allergyNotes ?? ""}` : "Non"}</dd>
              <dt className="font-semibold">PAI</dt>
              <dd>{child.hasPai ? "Oui" : "Non"}</dd>
              <dt className="font-semibold">Repas</dt>
              <dd>{MEAL_TYPES[child.mealType]}</dd>
              <dt className="font-semibold">Médecin</dt>
              <dd>{[child.doctorName, child.doctorPhone].filter(Boolean).join(", ") || "—"}</dd>
              <dt className="font-semibold">Personnes autorisées</dt>
              <dd>
                {child.authorizedPersons.length === 0
                  ? "Aucune"
                  : child.authorizedPersons.map((p) => `${p.fullName} (${p.relationship}, ${p.phone})`).join(" ; ")}
              </dd>
            </dl>
            <p className="mt-2">
              <LinkButton
                href={`/admin/familles/${familyId}/enfants/${child.id}`}
                variant="secondary"
                aria-label={`Modifier ${child.firstName}`}
              >
                Modifier
              </LinkButton>{" "}
              <CustodyLink href={`/admin/familles/${familyId}/enfants/${child.id}/garde`} childFirstName={child.firstName} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
