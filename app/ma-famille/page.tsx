import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyFile } from "@/lib/families/get-family-file";
import { childrenAwaitingValidation } from "@/lib/inscriptions/list-prepared-inscriptions";
import { AwaitingValidationNotice } from "@/components/family/awaiting-validation-notice";
import { withdrawPreparedInscriptionAction } from "@/app/mes-inscriptions/actions";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { formatCalendarDate } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { FlashMessage } from "@/components/ui/toast";
import { markerLabel } from "@/lib/inscriptions/markers";
import { CHILD_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page, PageTitle } from "@/components/ui/page";
import { cardClass } from "@/components/ui/classes";
import { LinkButton } from "@/components/ui/link-button";
import { Badge } from "@/components/ui/badge";
import { CustodyLink } from "@/components/custody/custody-link";
import { childLinkShape } from "@/lib/families/change-requests";

export const metadata: Metadata = { title: "Ma famille" };

export default async function MyFamilyPage() {
  const user = await parentPage("/ma-famille");
  const family = await getFamilyFile(user.familyId);
  if (!family) notFound();
  // The prepared inscriptions are read only when a child waits for the structure (rare): one statement less (ADR 048).
  const awaitingList = family.children.some((c) => isIn(CHILD_STATUSES.AWAITING_DECISION, c.status))
    ? await childrenAwaitingValidation(user.familyId)
    : [];
  const awaiting = new Map(awaitingList.map((c) => [c.id, c]));
  const pendingLinks = family.changeRequests
    .filter((r) => r.kind === "CHILD_LINK")
    .map((r) => childLinkShape.safeParse(r.after))
    .flatMap((r) => (r.success ? [r.data.firstName] : []));
  const pendingHealth = new Set(family.changeRequests.filter((r) => r.kind === "CHILD_HEALTH").map((r) => r.targetId));
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        Ma famille
      </PageTitle>
      <FlashMessage />
      <section aria-labelledby="adultes" className="mb-6">
        <h2 id="adultes" className="mb-3 text-xl font-bold">
          Responsables et adultes du foyer
        </h2>
        <ul className="flex flex-col gap-3">
          {family.adults.map((adult) => (
            <li key={adult.id} className={cardClass}>
              <p className="font-bold">
                {adult.civility === "MME" ? "Mme" : "M."} {adult.firstName} {adult.lastName.toUpperCase()}
              </p>
              <p className="text-sm text-gray-800">
                {adult.isLegalGuardian ? "Responsable légal" : "Adulte du foyer"}
                {adult.relationship ? ` — ${adult.relationship}` : ""}
                {adult.user ? " — titulaire du compte" : ""}
              </p>
              {adult.mobilePhone ? <p className="text-sm">Portable : {adult.mobilePhone}</p> : null}
            </li>
          ))}
        </ul>
        <p className="mt-3">
          <LinkButton href="/ma-famille/ajouter-un-adulte" variant="secondary">
            Ajouter un responsable légal
          </LinkButton>
        </p>
      </section>
      <section aria-labelledby="enfants">
        <h2 id="enfants" className="mb-3 text-xl font-bold">
          Enfants
        </h2>
        {family.children.length === 0 ? <p className="mb-3">Aucun enfant pour le moment.</p> : null}
        <ul className="flex flex-col gap-3">
          {family.children.map((child) => (
            <li key={child.id} className={cardClass}>
              <article aria-label={`${child.firstName} ${child.lastName}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="text-lg font-bold">
                    {child.firstName} {child.lastName.toUpperCase()}
                  </h3>
                  {child.foyer.isShared ? <Badge tone="info">Garde alternée</Badge> : null}
                  {isIn(CHILD_STATUSES.AWAITING_DECISION, child.status) ? (
                    <Badge tone="waiting">Ajout en attente de validation</Badge>
                  ) : !isIn(CHILD_STATUSES.ON_FILE, child.status) ? (
                    <Badge tone="refused">Ajout refusé</Badge>
                  ) : null}
                </div>
                <p className="text-sm">
                  Né{child.sex === "F" ? "e" : ""} le {formatCalendarDate(child.birthDate)} ({ageLabel(child.birthDate)})
                  {child.school ? ` — ${child.school}` : ""}
                  {child.schoolClass ? `, ${child.schoolClass}` : ""}
                </p>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="font-semibold">Allergies</dt>
                  <dd>{child.hasAllergies ? `Oui — ${child.allergyNotes ?? ""}` : "Non"}</dd>
                  <dt className="font-semibold">PAI</dt>
                  <dd>{child.hasPai ? "Oui" : "Non"}</dd>
                  <dt className="font-semibold">Repas</dt>
                  <dd>{MEAL_TYPES[child.mealType]}</dd>
                  <dt className="font-semibold">Personnes autorisées</dt>
                  <dd>
                    {child.authorizedPersons.length === 0
                      ? "Aucune"
                      : child.authorizedPersons.map((p) => `${p.fullName} (${p.relationship})`).join(", ")}
                  </dd>
                </dl>
                {child.inscriptions.length > 0 ? (
                  <div className="mt-2 text-sm">
                    <p className="font-semibold">Inscriptions en cours et en attente</p>
                    <ul className="list-disc pl-5">
                      {child.inscriptions.map((i) => (
                        <li key={i.id}>
                          {i.activity.name} ({i.period.name}) — {markerLabel(i.status, i.activity.isPreRegistration)}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {child.foyer.isShared ? (
                  <p className="mt-2 text-sm">
                    {child.firstName} a deux foyers : sa fiche (santé, personnes autorisées, autorisations) et ses inscriptions sont
                    partagées avec l&apos;autre parent ; votre adresse, vos téléphones, votre quotient, vos factures, vos documents et vos
                    messages restent les vôtres.
                  </p>
                ) : null}
                {child.foyer.isShared ? (
                  <p className="mt-2">
                    <CustodyLink href={`/ma-famille/enfants/${child.id}/garde`} childFirstName={child.firstName} />
                  </p>
                ) : null}
                {awaiting.has(child.id) ? (
                  <AwaitingValidationNotice child={awaiting.get(child.id)!} className="mt-3" withdraw={withdrawPreparedInscriptionAction} />
                ) : null}
                {pendingHealth.has(child.id) ? (
                  <p className="mt-2 text-sm font-semibold text-amber-900">
                    Modification des informations de santé en attente de validation.
                  </p>
                ) : null}
                {isIn(CHILD_STATUSES.ON_FILE, child.status) ? (
                  <p className="mt-3 flex flex-wrap gap-2">
                    <LinkButton
                      href={`/ma-famille/enfants/${child.id}/modifier`}
                      variant="secondary"
                      aria-label={`Modifier ${child.firstName}`}
                    >
                      Modifier
                    </LinkButton>
                    {isIn(CHILD_STATUSES.INSCRIBABLE, child.status) ? (
                      <LinkButton
                        href={`/mes-inscriptions/nouvelle?enfant=${child.id}`}
                        variant="secondary"
                        aria-label={`Nouvelle inscription pour ${child.firstName}`}
                      >
                        Nouvelle inscription
                      </LinkButton>
                    ) : null}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
        {pendingLinks.length > 0 ? (
          <p className="mt-3 text-sm font-semibold text-amber-900">
            {pendingLinks
              .map(
                (name) =>
                  `Garde alternée : votre demande pour ${name} attend la structure ; l'enfant apparaîtra ici une fois la demande validée.`,
              )
              .join(" ")}
          </p>
        ) : null}
        <p className="mt-4 flex flex-wrap gap-2">
          <LinkButton href="/ma-famille/ajouter-un-enfant" variant="primary">
            Ajouter un enfant
          </LinkButton>
          <LinkButton href="/ma-famille/lier-un-enfant" variant="secondary">
            Mon enfant est déjà inscrit par l&apos;autre parent
          </LinkButton>
        </p>
      </section>
    </Page>
  );
}
