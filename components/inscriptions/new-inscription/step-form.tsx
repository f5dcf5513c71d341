import Form from "next/form";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { STEPS, type Option, type StepKey } from "./steps";

const EMPTY: Record<StepKey, string> = {
  enfant: "Aucun enfant dans votre famille : ajoutez-le dans « Ma famille », vous pourrez ensuite préparer son inscription.",
  lieu: "Aucun lieu d'accueil ne propose d'activité pour le moment.",
  type: "Aucun type d'accueil dans ce lieu.",
  activite: "Aucune activité de ce type dans ce lieu.",
  periode: "Aucune période à venir pour cette activité.",
};

/** One choice, as radio cards; a GET form (works without JavaScript; with it, no full reload). */
export function StepForm(props: {
  step: StepKey;
  label: string;
  index: number;
  options: Option[];
  chosen: Partial<Record<StepKey, string>>;
}) {
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
