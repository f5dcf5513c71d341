import type { Metadata } from "next";
import Link from "next/link";
import { parentPage } from "@/lib/auth/session";
import { inscriptionChoices } from "@/lib/inscriptions/choices";
import { prepareInscription } from "@/lib/inscriptions/request-inscription";
import { describeBounds } from "@/lib/activities/age-groups";
import { formatCalendarDate } from "@/lib/format";
import { dayOf } from "@/lib/calendar/paris";
import { InscriptionRequestForm } from "@/components/inscriptions/inscription-request-form";
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

/** One choice at a time, as in the seeds; each step is a plain GET form, so it works without JavaScript. */
function StepForm(props: { step: StepKey; label: string; options: { id: string; label: string }[]; chosen: Partial<Record<StepKey, string>>; empty: string }) {
  const before = STEPS.slice(0, STEPS.findIndex((s) => s.key === props.step));
  if (props.options.length === 0) return <p className="alert alert-info">{props.empty}</p>;
  return (
    <form method="get" className="card">
      {before.map((s) => <input key={s.key} type="hidden" name={s.key} value={props.chosen[s.key] ?? ""} />)}
      <div className="field">
        <label htmlFor={`choix-${props.step}`} className="field-label">{props.label}</label>
        <select id={`choix-${props.step}`} name={props.step} className="input" defaultValue={props.options.length === 1 ? props.options[0].id : ""} required>
          {props.options.length > 1 ? <option value="">— Choisissez —</option> : null}
          {props.options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </select>
      </div>
      <button type="submit" className="btn btn-primary">Continuer</button>
    </form>
  );
}

export default async function NewInscriptionPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await parentPage("/mes-inscriptions/nouvelle");
  const params = await searchParams;
  const pick = (key: StepKey) => (typeof params[key] === "string" && params[key] ? (params[key] as string) : undefined);
  const chosen: Partial<Record<StepKey, string>> = {};
  for (const step of STEPS) {
    const value = pick(step.key);
    if (!value) break;
    chosen[step.key] = value;
  }
  const choices = await inscriptionChoices({ familyId: user.familyId, structureId: chosen.lieu, careTypeId: chosen.type, activityId: chosen.activite });
  // A value that is not among the offered options (another family's child, a stale link) stops the chain there.
  const lists: Record<StepKey, { id: string; label: string }[]> = {
    enfant: choices.children.map((c) => ({ id: c.id, label: `${c.firstName} ${c.lastName}` })),
    lieu: choices.structures.map((s) => ({ id: s.id, label: s.name })),
    type: choices.careTypes.map((t) => ({ id: t.id, label: t.name })),
    activite: choices.activities.map((a) => ({ id: a.id, label: a.name })),
    periode: choices.periods.map((p) => ({ id: p.id, label: `${p.name} (du ${formatCalendarDate(p.startDate)} au ${formatCalendarDate(p.endDate)})` })),
  };
  let current: StepKey | null = null;
  for (const step of STEPS) {
    if (!chosen[step.key] || !lists[step.key].some((o) => o.id === chosen[step.key])) {
      current = step.key;
      for (const later of STEPS.slice(STEPS.indexOf(step))) delete chosen[later.key];
      break;
    }
  }
  const query = (upTo: number) => new URLSearchParams(STEPS.slice(0, upTo).filter((s) => chosen[s.key]).map((s) => [s.key, chosen[s.key]!])).toString();

  let final: React.ReactNode = null;
  if (current === null) {
    const prepared = await prepareInscription({ familyId: user.familyId, childId: chosen.enfant!, activityId: chosen.activite!, periodId: chosen.periode!, now: new Date() });
    if (prepared.kind !== "READY") {
      final = <p role="alert" className="alert alert-error">{prepared.message}</p>;
    } else {
      const { context, notices } = prepared;
      final = (
        <>
          {notices.closed ? <p role="status" className="alert alert-info">{notices.closed}</p> : null}
          {notices.duplicate ? <p role="alert" className="alert alert-error">{notices.duplicate}</p> : null}
          {notices.full ? <p role="status" className="alert alert-info">{notices.full}</p> : null}
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
      <p className="mb-2"><Link href="/mes-inscriptions" className="link">← Mes inscriptions</Link></p>
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Nouvelle inscription</h1>
      {Object.keys(chosen).length > 0 ? (
        <dl className="card mb-4 grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-2 text-sm">
          {STEPS.map((step, index) =>
            chosen[step.key] ? (
              <div key={step.key} className="contents">
                <dt className="font-semibold">{step.label}</dt>
                <dd>{lists[step.key].find((o) => o.id === chosen[step.key])?.label}</dd>
                <dd><Link href={`/mes-inscriptions/nouvelle?${query(index)}`} className="link" aria-label={`Modifier : ${step.label}`}>Modifier</Link></dd>
              </div>
            ) : null,
          )}
        </dl>
      ) : null}
      {current === "enfant" ? <StepForm step="enfant" label="Enfant" options={lists.enfant} chosen={chosen} empty="Aucun enfant validé dans votre famille : ajoutez-le dans « Ma famille » et attendez sa validation." /> : null}
      {current === "lieu" ? <StepForm step="lieu" label="Lieu d'accueil" options={lists.lieu} chosen={chosen} empty="Aucun lieu d'accueil ne propose d'activité pour le moment." /> : null}
      {current === "type" ? <StepForm step="type" label="Type d'accueil" options={lists.type} chosen={chosen} empty="Aucun type d'accueil dans ce lieu." /> : null}
      {current === "activite" ? <StepForm step="activite" label="Activité" options={lists.activite} chosen={chosen} empty="Aucune activité de ce type dans ce lieu." /> : null}
      {current === "periode" ? <StepForm step="periode" label="Période" options={lists.periode} chosen={chosen} empty="Aucune période à venir pour cette activité." /> : null}
      {final}
    </div>
  );
}
