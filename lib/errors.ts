/**
 * Errors meant for the person in front of the screen carry a French message.
 * Anything else is a bug or a technical failure: logged, and shown as a
 * generic message (never as the user's mistake).
 */
export class UserFacingError extends Error {
  readonly fieldErrors?: Record<string, string>;
  constructor(message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "UserFacingError";
    this.fieldErrors = fieldErrors;
  }
}

/** A field's own message: the form shows it next to the field, and as the summary. */
export function fieldError(name: string, message: string): never {
  throw new UserFacingError(message, { [name]: message });
}
