import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { inscriptionChoices } from "@/lib/inscriptions/list-inscription-choices";
import { summariseActivities } from "@/lib/inscriptions/summarise-activities";
import { prepareInscription } from "@/lib/inscriptions/request-inscription";
import { formatCalendarDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { STEPS, type Option, type StepKey } from "@/components/inscriptions/new-inscription/steps";
import { ActivityDetails } from "@/components/inscriptions/new-inscription/activity-details";
import { StepForm } from "@/components/inscriptions/new-inscription/step-form";
import { ChosenSummary } from "@/components/inscriptions/new-inscription/chosen-summary";
import { GroupAndDatesStep } from "@/components/inscriptions/new-inscription/group-and-dates-step";
import { prepareInscriptionRequestAction, requestInscriptionAction } from "../actions";
import { CHILD_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Nouvelle inscription" };

type Params = Record<string, string | string[] | undefined>;

/** « Nouvelle inscription »: one choice per step from the URL (GET forms), then the group and dates; the parts are in components/inscriptions/new-inscription. */
export default async function NewInscriptionPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await parentPage("/mes-inscriptions/nouvelle", searchParams);
  const params = await searchParams;
  const chosen: Partial<Record<StepKey, string>> = {};
  for (const step of STEPS) {
    const value = params[step.key];
    if (typeof value !== "string" || !value) break;
    chosen[step.key] = value.slice(0, 64);
  }
  // A choice with one option is made for the parent; each choice narrows the next list.
  let lists: Record<StepKey, Option[]>;
  let current: StepKey | null;
  for (let round = 0; ; round++) {
    const choices = await inscriptionChoices({
      familyId: user.familyId,
      structureId: chosen.lieu,
      careTypeId: chosen.type,
      activityId: chosen.activite,
    });
    lists = {
      enfant: choices.children.map((c) => ({
        id: c.id,
        label: `${c.firstName} ${c.lastName}`,
        details: isIn(CHILD_STATUSES.AWAITING_DECISION, c.status) ? (
          <span className="block text-sm text-gray-800">
            Attend la validation de l&apos;accueil : votre demande sera préparée, puis envoyée dès sa validation.
          </span>
        ) : undefined,
      })),
      lieu: choices.structures.map((s) => ({ id: s.id, label: s.name })),
      type: choices.careTypes.map((t) => ({ id: t.id, label: t.name })),
      activite: choices.activities.map((a) => ({ id: a.id, label: a.name })),
      periode: choices.periods.map((p) => ({
        id: p.id,
        label: p.name,
        details: (
          <span className="block text-sm text-gray-800">
            du {formatCalendarDate(p.startDate)} au {formatCalendarDate(p.endDate)}
          </span>
        ),
      })),
    };
    current = null;
    // A value that is not among the offered options (another family's child, a stale link) stops the chain there.
    for (const step of STEPS) {
      if (!chosen[step.key] || !lists[step.key].some((o) => o.id === chosen[step.key])) {
        current = step.key;
        for (const later of STEPS.slice(STEPS.indexOf(step))) delete chosen[later.key];
        break;
      }
    }
    if (current === null || lists[current].length !== 1 || round >= STEPS.length) break;
    chosen[current] = lists[current][0].id;
  }
  // What a parent needs to choose an activity, read only when the activities are the choice shown.
  if (current === "activite") {
    const summaries = await summariseActivities({ familyId: user.familyId, activityIds: lists.activite.map((a) => a.id) });
    lists.activite = summaries.map((s) => ({ id: s.id, label: s.name, details: <ActivityDetails summary={s} /> }));
  }
  const currentIndex = current === null ? STEPS.length : STEPS.findIndex((s) => s.key === current);
  const prepared =
    current === null
      ? await prepareInscription({
          familyId: user.familyId,
          childId: chosen.enfant!,
          activityId: chosen.activite!,
          periodId: chosen.periode!,
          now: new Date(),
        })
      : null;

  return (
    <Page>
      <PageHeader
        title="Nouvelle inscription"
        breadcrumbs={[{ label: "Mes inscriptions", href: "/mes-inscriptions" }]}
        description="Choisissez l'enfant, puis le lieu, le type d'accueil, l'activité et la période : chaque choix réduit les suivants."
      />
      <div className="mb-4" aria-hidden="true">
        <div className="h-2 w-full overflow-hidden rounded bg-gray-200">
          <div className="h-2 bg-brand" style={{ width: `${Math.round(((currentIndex + 1) / (STEPS.length + 1)) * 100)}%` }} />
        </div>
      </div>
      {Object.keys(chosen).length > 0 ? <ChosenSummary chosen={chosen} lists={lists} /> : null}
      {current !== null ? (
        <StepForm step={current} index={currentIndex} label={STEPS[currentIndex].label} options={lists[current]} chosen={chosen} />
      ) : null}
      {prepared ? (
        <GroupAndDatesStep prepared={prepared} action={requestInscriptionAction} prepareAction={prepareInscriptionRequestAction} />
      ) : null}
    </Page>
  );
}
