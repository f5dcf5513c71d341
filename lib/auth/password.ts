import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id at OWASP's minimum (m=19 MiB, t=2, p=1), written out rather than left to the library's defaults so that
 * a change of library cannot change it silently (ADR 037: measured, the hash is not what makes a sign-in slow). The
 * algorithm is the library's default, argon2id (a const enum we cannot import here); `needsRehash` checks it.
 */
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash made with other parameters (older ones, or another algorithm) still verifies — the PHC string carries its own
 * parameters — and is replaced by a hash with today's on the next successful sign-in.
 */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, algorithm, version, m, t, p] = match;
  return (
    algorithm !== "argon2id" ||
    version !== "19" ||
    Number(m) !== PASSWORD_HASH_OPTIONS.memoryCost ||
    Number(t) !== PASSWORD_HASH_OPTIONS.timeCost ||
    Number(p) !== PASSWORD_HASH_OPTIONS.parallelism
  );
}

/** Verified against when the e-mail is unknown, so that timing does not tell which e-mails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("mot-de-passe-factice-pour-le-temps-constant");
  return dummyHash;
}
