import { UserFacingError } from "@/lib/errors";

export class IllegalTransitionError extends UserFacingError {
  readonly machine: string;
  readonly from: string | null;
  readonly to: string;
  readonly actor: string;
  constructor(machine: string, from: string | null, to: string, actor: string) {
    super("Cette action n'est pas possible dans l'état actuel de la demande.");
    this.name = "IllegalTransitionError";
    this.machine = machine;
    this.from = from;
    this.to = to;
    this.actor = actor;
  }
}

export class ReasonRequiredError extends UserFacingError {
  constructor() {
    super("Indiquez le motif.", { reason: "Indiquez le motif." });
    this.name = "ReasonRequiredError";
  }
}

/** The status changed between our read and our write (another staff member, a double click). */
export class StaleStatusError extends UserFacingError {
  /** `what`: « « Validée » (par … le …) », read from the log. */
  constructor(what?: string) {
    super(what ? `Déjà traitée : ${what}. Actualisez la page.` : "Cette demande vient d'être traitée par ailleurs. Actualisez la page.");
    this.name = "StaleStatusError";
  }
}

// Lives in lib/errors.ts with the other coded errors; the domain has always imported it from here.
export { NotFoundError } from "@/lib/errors";

export class InscriptionNotValidatedError extends UserFacingError {
  constructor() {
    super("Une réservation n'est possible que dans une inscription validée.");
    this.name = "InscriptionNotValidatedError";
  }
}
