import { LinkButton } from "@/components/ui/link-button";
import { CustodyLink } from "@/components/custody/custody-link";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { CHILD_STATUSES, isIn, statusLabel } from "@/lib/workflow/machines";
import { formatCalendarDate } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import type { FamilyChild } from "./types";
import type { ChildFoyers } from "@/lib/families/get-family-file";
import { SecondFoyerDialog, UnlinkFoyerButton, type SecondFoyerChoice } from "./second-foyer-dialog";
import type { ActionResult } from "@/lib/action-result";
import Link from "next/link";
import { linkClass } from "@/components/ui/classes";
import { Badge } from "@/components/ui/badge";

/** The page's actions for the child's second foyer (garde alternée, ADR 051). */
export interface SecondFoyerActions {
  search: (input: { childId: string; query: string }) => Promise<ActionResult<{ families: SecondFoyerChoice[] }>>;
  link: (input: { childId: string; familyId: string }) => Promise<ActionResult<{ message: string }>>;
  unlink: (input: { childId: string; familyId: string }) => Promise<ActionResult<{ message: string }>>;
}
import { cardClass } from "@/components/ui/classes";

/**
 * « Enfants »: each child's age, status, health and authorised persons, with a link to its own page — and its foyers:
 * a shared child names both (each a link to its file) with « Retirer le second foyer »; a validated child of one foyer
 * offers « Lier à un second foyer ».
 */
export function FamilyChildren({
  familyId,
  familyChildren,
  foyers,
  actions,
}: {
  familyId: string;
  familyChildren: FamilyChild[];
  foyers: ChildFoyers;
  actions: SecondFoyerActions;
}) {
  return (
    <>
      <h2 className="mb-2 mt-6 text-xl font-bold">Enfants</h2>
      {familyChildren.length === 0 ? <p>Aucun enfant.</p> : null}
      <ul className="grid gap-4 lg:grid-cols-2">
        {familyChildren.map((child) => (
          <li key={child.id} className={cardClass}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id={`enfant-${child.id}`} tabIndex={-1} className="text-lg font-bold">
                {child.firstName} {child.lastName.toUpperCase()}
              </h3>
              {child.foyer.isShared ? <Badge tone="info">Garde alternée</Badge> : null}
            </div>
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
            <ChildFoyersLine familyId={familyId} child={child} foyers={foyers.get(child.id)} />
            <p className="mt-2 flex flex-wrap gap-2">
              <LinkButton
                href={`/admin/familles/${familyId}/enfants/${child.id}`}
                variant="secondary"
                aria-label={`Modifier ${child.firstName}`}
              >
                Modifier
              </LinkButton>
              {foyers.get(child.id) ? (
                <>
                  <CustodyLink href={`/admin/familles/${familyId}/enfants/${child.id}/garde`} childFirstName={child.firstName} />{" "}
                  <UnlinkFoyerButton
                    childId={child.id}
                    familyId={foyers.get(child.id)!.second.id}
                    childName={child.firstName}
                    foyerName={foyers.get(child.id)!.second.name}
                    unlink={actions.unlink}
                  />
                </>
              ) : isIn(CHILD_STATUSES.INSCRIBABLE, child.status) ? (
                <SecondFoyerDialog childId={child.id} childName={child.firstName} search={actions.search} link={actions.link} />
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The child's two foyers, each a link to its file (this one said as such). */
function ChildFoyersLine({
  familyId,
  child,
  foyers,
}: {
  familyId: string;
  child: FamilyChild;
  foyers: ChildFoyers extends Map<string, infer F> ? F | undefined : never;
}) {
  if (!foyers) return null;
  const named = (f: { id: string; name: string }) =>
    f.id === familyId ? (
      <span className="font-semibold">{f.name} (cette famille)</span>
    ) : (
      <Link href={`/admin/familles/${f.id}`} className={linkClass}>
        {f.name}
      </Link>
    );
  return (
    <p className="mt-2 text-sm">
      Foyers de {child.firstName} : premier foyer {named(foyers.first)}, second foyer {named(foyers.second)}.
    </p>
  );
}
