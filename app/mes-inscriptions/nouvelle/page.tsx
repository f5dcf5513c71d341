import type { Metadata } from "next";
import Link from "next/link";
import Form from "next/form";
import { CalendarDays, Clock, Euro, Users } from "lucide-react";
import { parentPage } from "@/lib/auth/session";
import { inscriptionChoices } from "@/lib/inscriptions/list-inscription-choices";
import { summariseActivities, type ActivitySummary } from "@/lib/inscriptions/summarise-activities";
import { prepareInscription } from "@/lib/inscriptions/request-inscription";
import { describeBounds } from "@/lib/activities/age-groups";
import { count, formatCalendarDate, formatCents, formatDateTime } from "@/lib/format";
import { dayOf } from "@/lib/calendar/paris";
import { InscriptionRequestForm } from "@/components/inscriptions/inscription-request-form";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { requestInscriptionAction } from "../actions";

export const metadata: Metadata = { title: "Nouvelle inscription" };

type Params = Record<string, string | string[] | undefined>;
const STEPS = [
  { key: "enfant", label: "Enfant" },
  { key: "lieu", label: "Lieu d'accueil" },
  { key: "type", label: "Type d'accueil" },
  { key: "activite", label: "Activité" },
  { key: "periode", label: "Période" },
] as const;
type StepKey = (typeof STEPS)[number]["key"];
type Option = { id: string; label: string; details?: React.ReactNode };

const EMPTY: Record<StepKey, string> = {
  enfant: "Aucun enfant validé dans votre famille : ajoutez-le dans « Ma famille » et attendez sa validation.",
  lieu: "Aucun lieu d'accueil ne propose d'activité pour le moment.",
  type: "Aucun type d'accueil dans ce lieu.",
  activite: "Aucune activité de ce type dans ce lieu.",
  periode: "Aucune période à venir pour cette activité.",
};

function ActivityDetails({ summary }: { summary: ActivitySummary }) {
  return (
    <ul className="mt-1 flex flex-col gap-1 text-sm text-gray-800">
      {summary.description ? <li>{summary.description}</li> : null}
      {summary.days ? (
        <li className="flex gap-2">
          <CalendarDays aria-hidden="true" className="size-4 shrink-0" />
          {`Ouvert ${summary.days}`}
        </li>
      ) : null}
      {summary.units.length > 0 ? (
        <li className="flex gap-2">
          <Clock aria-hidden="true" className="size-4 shrink-0" />
          {summary.units.map((u) => `${u.name} ${u.hours}`).join(" · ")}
        </li>
      ) : null}
      {summary.ages.length > 0 ? (
        <li className="flex gap-2">
          <Users aria-hidden="true" className="size-4 shrink-0" />
          {summary.ages.join(" · ")}
        </li>
      ) : null}
      {summary.price ? (
        <li className="flex gap-2">
          <Euro aria-hidden="true" className="size-4 shrink-0" />
          {summary.price.minCents === summary.price.maxCents
            ? formatCents(summary.price.minCents)
            : `de ${formatCents(summary.price.minCents)} à ${formatCents(summary.price.maxCents)}`}{" "}
          par temps d&apos;accueil{summary.price.forFamilyQf ? " pour votre quotient familial" : " selon le quotient familial"}
        </li>
      ) : null}
      <li className="flex flex-wrap gap-2 pt-1">
        {summary.opensAt ? <Badge tone="waiting">Inscriptions à partir du {formatDateTime(summary.opensAt)}</Badge> : null}
        {summary.placesLeft !== null ? (
          <Badge tone={summary.placesLeft === 0 ? "refused" : summary.placesLeft <= 5 ? "waiting" : "done"}>
            {summary.placesLeft === 0 ? "Complet : liste d'attente" : `${count(summary.placesLeft, "place restante", "places restantes")}`}
          </Badge>
        ) : null}
        <Badge tone="info">{summary.automatic ? "Validation immédiate" : "Validée par l'accueil"}</Badge>
      </li>
    </ul>
  );
}

/** One choice, as radio cards; a GET form (works without JavaScript; with it, no full reload). */
function StepForm(props: { step: StepKey; label: string; index: number; options: Option[]; chosen: Partial<Record<StepKey, string>> }) {
  const before = STEPS.slice(0, props.index);
  if (props.options.length === 0) return <Alert tone="info">{EMPTY[props.step]}</Alert>;
  return (
    <Card>
      <Form action="/mes-inscriptions/nouvelle" aria-labelledby={`etape-${props.step}`}>
        {before.map((s) => (
          <input key={s.key} type="hidden" name={s.key} value={props.chosen[s.key] ?? ""} />
        ))}
        <fieldset>
          <legend id={`etape-${props.step}`} className="mb-2 text-lg font-bold" tabIndex={-1}>
            Étape {props.index + 1} sur {STEPS.length + 1} : {props.label}
          </legend>
          <div className="flex flex-col gap-2">
            {props.options.map((option, i) => (
              <label
                key={option.id}
                className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-gray-400 p-3 hover:border-brand has-[:checked]:border-2 has-[:checked]:border-brand has-[:checked]:bg-brand-soft"
              >
                <input
                  type="radio"
                  name={props.step}
                  value={option.id}
                  required
                  defaultChecked={i === 0 && props.options.length === 1}
                  className="mt-1 size-5 shrink-0 accent-brand"
                />
                <span className="min-w-0">
                  <span className="font-semibold">{option.label}</span>
                  {option.details}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" className="mt-4">
          Continuer
        </Button>
      </Form>
    </Card>
  );
}

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
      enfant: choices.children.map((c) => ({ id: c.id, label: `${c.firstName} ${c.lastName}` })),
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
  const query = (upTo: number) =>
    new URLSearchParams(
      STEPS.slice(0, upTo)
        .filter((s) => chosen[s.key])
        .map((s) => [s.key, chosen[s.key]!]),
    ).toString();
  const currentIndex = current === null ? STEPS.length : STEPS.findIndex((s) => s.key === current);

  let final: React.ReactNode = null;
  if (current === null) {
    const prepared = await prepareInscription({
      familyId: user.familyId,
      childId: chosen.enfant!,
      activityId: chosen.activite!,
      periodId: chosen.periode!,
      now: new Date(),
    });
    if (prepared.kind !== "READY") {
      final = <Alert tone="error">{prepared.message}</Alert>;
    } else {
      const { context, notices } = prepared;
      final = (
        <>
          <h2 className="mb-2 text-lg font-bold">
            Étape {STEPS.length + 1} sur {STEPS.length + 1} : groupe et dates
          </h2>
          {notices.closed ? <Alert tone="info">{notices.closed}</Alert> : null}
          {notices.duplicate ? <Alert tone="error">{notices.duplicate}</Alert> : null}
          {notices.full ? <Alert tone="info">{notices.full}</Alert> : null}
          {prepared.canSend ? (
            <InscriptionRequestForm
              action={requestInscriptionAction}
              childId={context.child.id}
              childName={context.child.firstName}
              activityId={context.activity.id}
              periodId={context.period.id}
              groups={context.groups.map((g) => ({ id: g.id, label: `${g.name} (${describeBounds(g)})` }))}
              periodStart={dayOf(context.period.startDate)}
              periodEnd={dayOf(context.period.endDate)}
              full={prepared.full}
            />
          ) : null}
        </>
      );
    }
  }

  return (
    <div className="page">
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
      {Object.keys(chosen).length > 0 ? (
        <Card className="mb-4">
          <h2 className="sr-only">Vos choix</h2>
          <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 text-sm">
            {STEPS.map((step, index) =>
              chosen[step.key] ? (
                <div key={step.key} className="contents">
                  <dt className="font-semibold">{step.label}</dt>
                  <dd>
                    {lists[step.key].find((o) => o.id === chosen[step.key])?.label}
                    {lists[step.key].length === 1 ? <span className="text-gray-700"> (seul choix possible)</span> : null}
                  </dd>
                  <dd>
                    {lists[step.key].length === 1 ? null : (
                      <Link
                        href={`/mes-inscriptions/nouvelle?${query(index)}`}
                        className="link inline-flex min-h-11 items-center"
                        aria-label={`Modifier : ${step.label}`}
                      >
                        Modifier
                      </Link>
                    )}
                  </dd>
                </div>
              ) : null,
            )}
          </dl>
        </Card>
      ) : null}
      {current !== null ? (
        <StepForm step={current} index={currentIndex} label={STEPS[currentIndex].label} options={lists[current]} chosen={chosen} />
      ) : null}
      {final}
    </div>
  );
}
