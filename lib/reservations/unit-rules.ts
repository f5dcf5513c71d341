/**
 * Rules between the units of an activity, on one child's day (no database:
 * the calendar, the requests and the cancellations share them):
 *   INCOMPATIBLE  Journée complète and Matin avec repas never on the same day;
 *   REQUIRES      Accueil relais soir needs Après-midi or Journée complète that day
 *                 (several REQUIRES of one unit: one of them is enough).
 */
export interface UnitRule {
  kind: "INCOMPATIBLE" | "REQUIRES";
  unitId: string;
  otherUnitId: string;
}

const quoted = (name: string) => `« ${name} »`;
const orList = (names: string[]) => names.map(quoted).join(" ou ");

/** What is wrong with `unitId` among the day's `units`, in French; null when nothing. */
export function unitViolation(
  rules: readonly UnitRule[],
  units: ReadonlySet<string>,
  unitId: string,
  names: ReadonlyMap<string, string>,
): string | null {
  const name = (id: string) => names.get(id) ?? "?";
  for (const rule of rules) {
    if (rule.kind !== "INCOMPATIBLE") continue;
    const other = rule.unitId === unitId ? rule.otherUnitId : rule.otherUnitId === unitId ? rule.unitId : null;
    if (other && units.has(other)) return `${quoted(name(unitId))} ne peut pas être réservé le même jour que ${quoted(name(other))}.`;
  }
  const required = rules.filter((r) => r.kind === "REQUIRES" && r.unitId === unitId).map((r) => r.otherUnitId);
  if (required.length > 0 && !required.some((id) => units.has(id))) {
    return `${quoted(name(unitId))} nécessite aussi ${orList(required.map(name))} le même jour.`;
  }
  return null;
}

/**
 * The units asked for a day (`asked`) next to those the child already has
 * (`held`): which of the asked ones break a rule, and why. A unit whose
 * required unit is itself refused is refused too.
 */
export function refusedByRules(
  rules: readonly UnitRule[],
  held: ReadonlySet<string>,
  asked: readonly string[],
  names: ReadonlyMap<string, string>,
): Map<string, string> {
  const refused = new Map<string, string>();
  if (rules.length === 0) return refused;
  for (;;) {
    const day = new Set([...held, ...asked.filter((id) => !refused.has(id))]);
    let changed = false;
    for (const id of asked) {
      if (refused.has(id)) continue;
      const violation = unitViolation(rules, day, id, names);
      if (violation) {
        refused.set(id, violation);
        changed = true;
      }
    }
    if (!changed) return refused;
  }
}

/** Removing `unitId` from the day: the first unit left without what it requires, in French; null when none. */
export function removalViolation(
  rules: readonly UnitRule[],
  held: ReadonlySet<string>,
  unitId: string,
  names: ReadonlyMap<string, string>,
): string | null {
  const left = new Set([...held].filter((id) => id !== unitId));
  for (const id of left) {
    const required = rules.filter((r) => r.kind === "REQUIRES" && r.unitId === id).map((r) => r.otherUnitId);
    if (required.includes(unitId) && !required.some((r) => left.has(r))) {
      return `${quoted(names.get(id) ?? "?")} nécessite ${orList(required.map((r) => names.get(r) ?? "?"))} : annulez d'abord ${quoted(names.get(id) ?? "?")}.`;
    }
  }
  return null;
}
