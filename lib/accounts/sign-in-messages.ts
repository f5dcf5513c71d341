/** Shared by the server (authorize) and the sign-in form: no server-only code here. */
export const SIGN_IN_WINDOW_MINUTES = 15;

/** Codes passed from next-auth's authorize() to the sign-in form, which shows the French text. */
export type SignInFailure = "INVALID" | "RATE_LIMITED" | "PENDING" | "REFUSED" | "INACTIVE" | "NOT_ACTIVATED" | "UNAVAILABLE";

export function isSignInFailure(code: unknown): code is SignInFailure {
  return typeof code === "string" && Object.hasOwn(SIGN_IN_MESSAGES, code);
}

export const SIGN_IN_MESSAGES: Record<SignInFailure, string> = {
  INVALID: "E-mail ou mot de passe incorrect.",
  RATE_LIMITED: `Trop de tentatives de connexion. Réessayez dans ${SIGN_IN_WINDOW_MINUTES} minutes ou utilisez « Mot de passe oublié ».`,
  PENDING: "Votre demande de compte est en attente de validation par la structure. Vous recevrez un e-mail dès qu'elle sera traitée.",
  REFUSED: "Votre demande de compte a été refusée. Consultez l'e-mail reçu ou contactez la structure.",
  INACTIVE: "Ce compte est désactivé. Contactez la structure.",
  NOT_ACTIVATED:
    "Votre compte n'est pas encore activé : utilisez le lien « Activer mon compte » reçu par e-mail, ou « Mot de passe oublié » pour en recevoir un nouveau.",
  UNAVAILABLE: "Le service est momentanément indisponible. Réessayez dans quelques minutes ; vos identifiants ne sont pas en cause.",
};
