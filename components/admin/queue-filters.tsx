import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** The GET form above a staff queue: the activity, and its period when the queue has one (a server component). */
export function QueueFilters({ activities, activityId, periods, periodId }: {
  activities: { id: string; name: string }[];
  activityId?: string;
  periods?: { id: string; name: string }[];
  periodId?: string;
}) {
  return (
    <Card className="mb-4">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filtres">
        <div className="flex flex-col gap-1">
          <label htmlFor="filtre-activite" className="font-semibold">Activité</label>
          <select id="filtre-activite" name="activite" defaultValue={activityId ?? ""} className={inputClass}>
            <option value="">Toutes</option>
            {activities.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        {periods && periods.length > 0 ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="filtre-periode" className="font-semibold">Période</label>
            <select id="filtre-periode" name="periode" defaultValue={periodId ?? ""} className={inputClass}>
              <option value="">Toutes</option>
              {periods.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
        ) : null}
        <Button type="submit">Filtrer</Button>
      </form>
    </Card>
  );
}
