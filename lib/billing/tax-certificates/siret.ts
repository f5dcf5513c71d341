/**
 * A SIRET: 14 digits (SIREN 9 + NIC 5) whose Luhn sum is a multiple of 10 — except La Poste's establishments
 * (SIREN 356 000 000), too many for the Luhn key: for them the sum of the 14 digits is a multiple of 5 (INSEE's rule).
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  const digits = [...value].map(Number);
  if (value.startsWith("356000000") && digits.reduce((a, d) => a + d, 0) % 5 === 0) return true;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    // From the right, every second digit doubled: in a 14-digit number those are the even positions from the left.
    const d = i % 2 === 0 ? digits[i]! * 2 : digits[i]!;
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

/** « 123 456 789 00012 » as typed → « 12345678900012 ». */
export const siretDigits = (value: string) => value.replace(/[\s.]/g, "");
