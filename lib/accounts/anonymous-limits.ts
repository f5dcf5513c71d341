import "server-only";
import { minutesLeft, take, type Limit } from "@/lib/auth/rate-limit";
import { UserFacingError } from "@/lib/errors";

/** Forms anyone can send that e-mail an address: « Créer mon compte », « Mot de passe oublié ». */
export const ANONYMOUS_EMAIL_PER_ADDRESS = 3;
export const ANONYMOUS_EMAIL_PER_IP = 10;
const WINDOW_SECONDS = 60 * 60;

const limits = (form: string) => ({
  perAddress: { name: `${form}-adresse`, points: ANONYMOUS_EMAIL_PER_ADDRESS, windowSeconds: WINDOW_SECONDS } satisfies Limit,
  perIp: { name: `${form}-ip`, points: ANONYMOUS_EMAIL_PER_IP, windowSeconds: WINDOW_SECONDS } satisfies Limit,
});

/**
 * Takes one e-mail from the address's and the IP's allowance, atomically, or
 * refuses with a French message that says nothing about whether an account
 * exists (the same limits apply to every address).
 */
export async function anonymousEmailLimits(form: "compte" | "mot-de-passe", email: string, ip: string | null): Promise<void> {
  const { perAddress, perIp } = limits(form);
  if (ip !== null && !(await take(perIp, ip))) {
    throw new UserFacingError(
      `Trop de demandes ont été faites depuis votre connexion. Réessayez dans ${await minutesLeft(perIp, ip)} minutes.`,
    );
  }
  if (!(await take(perAddress, email))) {
    throw new UserFacingError(
      `Plusieurs e-mails ont déjà été envoyés à cette adresse dans l'heure : consultez votre messagerie (et les courriers indésirables), ou réessayez dans ${await minutesLeft(perAddress, email)} minutes.`,
      { email: "Trop de demandes pour cette adresse : réessayez plus tard." },
    );
  }
}
